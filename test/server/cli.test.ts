import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { buildProgram, runProgram } from '../../command/smsim.ts'
import { rawHttp } from '../support/raw-http.ts'

const bin = new URL('../../bin/smsim.js', import.meta.url).pathname
/** The smsim started by a test, closed after it. */
const stops: (() => Promise<void>)[] = []
const children: ChildProcess[] = []
afterEach(async () => {
  await Promise.all(stops.splice(0).map((stop) => stop()))
  for (const child of children.splice(0)) child.kill('SIGTERM')
})

/**
 * Runs `smsim …` in this process, as `main` does (command/smsim.ts), with its output collected
 * and `start` closed by the test instead of by a signal. `env` is set for the run (the options
 * that read the environment read it while the command line is parsed).
 */
async function run(
  args: string[],
  env: Record<string, string> = {},
): Promise<{ code: number | undefined; output: string }> {
  let output = ''
  const program = await buildProgram({
    output: { writeOut: (text) => (output += text), writeErr: (text) => (output += text) },
    untilStopped: (stop) => stops.push(stop),
  })
  const saved = Object.fromEntries(Object.keys(env).map((name) => [name, process.env[name]]))
  Object.assign(process.env, env)
  try {
    const code = await runProgram(program, ['node', 'smsim', ...args])
    return { code, output }
  } finally {
    for (const [name, value] of Object.entries(saved))
      if (value === undefined) delete process.env[name]
      else process.env[name] = value
  }
}

/** Runs `smsim start …` and resolves with the base URL its banner prints. */
async function start(
  args: string[],
  env: Record<string, string> = {},
): Promise<{ url: string; output: string }> {
  const { code, output } = await run(['start', ...args], env)
  const url = /HTTP\s+(http:\/\/\S+)/.exec(output)?.[1]
  if (code !== undefined || !url || !output.includes('Providers:'))
    throw new Error(`smsim start did not start (${String(code)}): ${output}`)
  return { url, output }
}

describe('the smsim binary', () => {
  it('starts, answers, and exits 0 on SIGTERM; a refusal exits with its status', async () => {
    const child = spawn(process.execPath, [bin, 'start', '--http-port', '0', '--smtp-port', '0'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    children.push(child)
    const exited = new Promise<number | null>((resolve) => child.on('exit', resolve))
    let output = ''
    child.stderr.on('data', (chunk: Buffer) => (output += chunk))
    const url = await new Promise<string>((resolve, reject) => {
      child.stdout.on('data', (chunk: Buffer) => {
        output += chunk
        const match = /HTTP\s+(http:\/\/\S+)/.exec(output)
        if (match && output.includes('Providers:')) resolve(match[1]!)
      })
      void exited.then((code) => reject(new Error(`smsim exited with ${code}: ${output}`)))
    })
    const answer = await fetch(
      `${url}/smstob/http.php?email=demo@smstob.test&pass=demo&numero=0660919010&message=Bonjour`,
    )
    expect(await answer.text()).toBe('80')
    child.kill('SIGTERM')
    expect(await exited).toBe(0)

    const refused = spawn(process.execPath, [bin, 'start', '--http-port', 'eighty'], {
      stdio: ['ignore', 'ignore', 'pipe'],
    })
    let errors = ''
    refused.stderr.on('data', (chunk: Buffer) => (errors += chunk))
    expect(await new Promise((resolve) => refused.on('exit', resolve))).toBe(1)
    expect(errors).toContain('a port is a whole number from 0 to 65535')
  })
})

describe('smsim start', () => {
  it('starts on a free port with port 0, prints the demo account and answers 80 to it', async () => {
    const { url, output } = await start(['--http-port', '0', '--smtp-port', '0'])
    expect(output).toContain('demo@smstob.test')
    const answer = await fetch(
      `${url}/smstob/http.php?email=demo@smstob.test&pass=demo&numero=0660919010&message=Bonjour`,
    )
    expect(await answer.text()).toBe('80')
  })

  it('loads accounts, clock and number states from a YAML config file, without demo accounts', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'smsim-'))
    const file = join(dir, 'smsim.yaml')
    writeFileSync(
      file,
      [
        'demo: false',
        'clock: { now: "2026-01-05T09:00:00+01:00", frozen: true }',
        'accounts:',
        '  - { provider: smstob, id: ecole@example.fr, secret: XV65JU, credits: 2 }',
        'numbers:',
        '  "0611223344": { status: unassigned }',
      ].join('\n'),
    )
    const { url, output } = await start(['--http-port', '0', '--smtp-port', '0', '--config', file])
    expect(output).not.toContain('demo@smstob.test')
    const demo = await fetch(
      `${url}/smstob/http.php?email=demo@smstob.test&pass=demo&numero=0660919010&message=x`,
    )
    expect(await demo.text()).toBe('82')
    const ok = await fetch(
      `${url}/smstob/http.php?email=ecole@example.fr&pass=XV65JU&numero=0611223344&message=x`,
    )
    expect(await ok.text()).toBe('80')
    const messages = await (await fetch(`${url}/_smsim/messages`)).json()
    expect(messages).toMatchObject([
      { status: 'failed', reason: 'unassigned', submittedAt: '2026-01-05T08:00:00.000Z' },
    ])
  })

  it('exits with status 2 and a clear message when the config file is wrong', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'smsim-'))
    const file = join(dir, 'bad.yaml')
    writeFileSync(file, 'accounts:\n  - { provider: nokia, id: x }\n')
    const { code, output } = await run([
      'start',
      '--http-port',
      '0',
      '--smtp-port',
      '0',
      '--config',
      file,
    ])
    expect(code).toBe(2)
    expect(output).toContain(`smsim: ${file}: accounts[0].provider must be one of smstob`)
    expect(output).not.toMatch(/\n\s+at /)
  })

  it('exits with status 2 listing every problem of the config file, unknown keys of an account included', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'smsim-'))
    const file = join(dir, 'typos.yaml')
    writeFileSync(
      file,
      [
        'accounts:',
        '  - { provider: smstob, id: ecole@example.fr, pass: XV65JU, credits: 2 }',
        'numbers:',
        '  "0611223344": { status: absent, backAfter: 600000 }',
      ].join('\n'),
    )
    const { code, output } = await run([
      'start',
      '--http-port',
      '0',
      '--smtp-port',
      '0',
      '--config',
      file,
    ])
    expect(code).toBe(2)
    expect(output).toBe(
      [
        `smsim: ${file}: 2 problems:`,
        '  - accounts[0]: unknown key pass; known: provider, id, secret, credits, options',
        '  - numbers."0611223344": unknown key backAfter; known: status, backAfterMs',
        '',
      ].join('\n'),
    )
  })

  it('exits with status 2 when the port is taken', async () => {
    const blocker = createServer()
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve))
    const port = (blocker.address() as { port: number }).port
    try {
      const { code, output } = await run(['start', '--http-port', String(port), '--smtp-port', '0'])
      expect(code).toBe(2)
      expect(output).toContain(`smsim: port ${port} on 127.0.0.1 is already in use`)
    } finally {
      blocker.close()
    }
  })

  it('refuses a port that is not a number', async () => {
    const { code, output } = await run(['start', '--http-port', 'eighty'])
    expect(code).not.toBe(0)
    expect(output).toContain('a port is a whole number from 0 to 65535')
  })
})

describe('smsim start: who may use the control API', () => {
  const FREE = ['--http-port', '0', '--smtp-port', '0']
  const TOKEN = 'cli-token-0123456789abcdef'
  /** The URL on loopback of a smsim that printed `http://0.0.0.0:PORT`. */
  const loopback = (url: string) => url.replace('0.0.0.0', '127.0.0.1')

  it('warns, before the banner, that a control API on 0.0.0.0 with no token is open to the network', async () => {
    const { output } = await start([...FREE, '--host', '0.0.0.0'])
    expect(output).toMatch(
      /^smsim: warning: the control API listens on 0\.0\.0\.0:\d+ with no token\. Anyone who can reach this machine on that port can create accounts and credits, read every SMS, mail and password smsim holds, move its clock and inject faults\. Set a token: SMSIM_CONTROL_TOKEN=\$\(openssl rand -hex 16\) smsim start/,
    )
  })

  it('takes the token from SMSIM_CONTROL_TOKEN: no warning, and the control API needs it', async () => {
    const { url, output } = await start([...FREE, '--host', '0.0.0.0'], {
      SMSIM_CONTROL_TOKEN: TOKEN,
    })
    expect(output).not.toContain('warning')
    const accounts = `${loopback(url)}/_smsim/accounts`
    expect((await fetch(accounts)).status).toBe(401)
    const authorised = await fetch(accounts, { headers: { authorization: `Bearer ${TOKEN}` } })
    expect(authorised.status).toBe(200)
    expect((await fetch(`${loopback(url)}/_smsim/health`)).status).toBe(200)
  })

  it('accepts the Host names of --allow-host, repeated and comma-separated, and no others', async () => {
    const { url } = await start([
      ...FREE,
      '--allow-host',
      'smsim.test',
      '--allow-host',
      'a.test,b.test',
    ])
    const status = async (host: string) =>
      (await rawHttp(url, { path: '/_smsim/accounts', headers: { host } })).status
    expect([await status('smsim.test'), await status('b.test:8780')]).toEqual([200, 200])
    expect(await status('evil.example')).toBe(403)
  })

  // Checked before anything listens: in this process, no server to stop (exit 2 is main's,
  // tested above for a config file).
  it.each([
    [['--control-token', 'short'], '--control-token / SMSIM_CONTROL_TOKEN: at least 16 characters'],
    [['--allow-host', '*'], "--allow-host '*' accepts any Host name"],
    [
      ['--callback-allow', 'not a host!'],
      '--callback-allow: "not a host!" is not a host name, an IP address or a CIDR',
    ],
    [
      ['--callback-allow', '10.0.0.0/33'],
      '--callback-allow: "10.0.0.0/33" has a prefix length out of range',
    ],
  ])('refuses %j before listening, saying why', async (args, message) => {
    await expect(
      (await buildProgram()).parseAsync(['node', 'smsim', 'start', ...FREE, ...args]),
    ).rejects.toThrow(message)
  })

  it('checks the callbackAllow of a config file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'smsim-'))
    const file = join(dir, 'smsim.yaml')
    writeFileSync(file, 'callbackAllow: [app.example.com, "10.0.0.0/8", "what?"]\n')
    await expect(
      (await buildProgram()).parseAsync(['node', 'smsim', 'start', ...FREE, '--config', file]),
    ).rejects.toThrow(`${file}: callbackAllow: "what?" is not a host name`)
  })
})
