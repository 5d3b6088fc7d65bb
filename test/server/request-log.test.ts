/**
 * The log of `smsim start` (issue 14): one line per request or mail, with the time on the
 * simulator's clock, the provider, the transport, the account, the code and its meaning, and
 * the duration; the request read at `debug`; secrets masked as the journal masks them; `pretty`
 * or `json`; nothing at `silent`. The command runs in this process (command/smsim.ts), on free
 * ports, with a frozen clock from a config file; requests go over real HTTP and SMTP.
 */
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import nodemailer from 'nodemailer'
import { afterEach, describe, expect, it } from 'vitest'
import { buildProgram, runProgram } from '../../command/smsim.ts'

/** The school's SMStoB pass and ASPSMS password: 8 characters or more, masked `****26`. */
const SECRET = 'neige-2026'
/** 09:00 in Paris, as the config file sets the frozen clock. */
const AT = '2026-01-05T08:00:00.000Z'

const CONFIG = [
  'demo: false',
  'clock: { now: "2026-01-05T09:00:00+01:00", frozen: true }',
  'accounts:',
  `  - { provider: smstob, id: ecole@example.fr, secret: ${SECRET}, credits: 10 }`,
  `  - { provider: aspsms, id: ESFTIGNES, secret: ${SECRET}, credits: 10 }`,
].join('\n')

const stops: (() => Promise<void>)[] = []
afterEach(async () => {
  await Promise.all(stops.splice(0).map((stop) => stop()))
})

interface Started {
  url: string
  smtpPort: number
  /** What the command wrote on stdout and on stderr so far. */
  out: () => string
  err: () => string
  /** The lines of the log so far: stdout's lines that start with an ISO time (or a JSON object). */
  log: () => string[]
}

/** Runs `smsim start --config … <args>` in this process, with `env` set while it parses. */
async function start(args: string[], env: Record<string, string> = {}): Promise<Started> {
  const dir = mkdtempSync(join(tmpdir(), 'smsim-log-'))
  const config = join(dir, 'smsim.yaml')
  writeFileSync(config, CONFIG)
  let out = ''
  let err = ''
  const program = await buildProgram({
    output: { writeOut: (text) => (out += text), writeErr: (text) => (err += text) },
    untilStopped: (stop) => stops.push(stop),
    commands: 'start',
  })
  const saved = Object.fromEntries(Object.keys(env).map((name) => [name, process.env[name]]))
  Object.assign(process.env, env)
  try {
    const free = ['--http-port', '0', '--smtp-port', '0', '--config', config]
    const code = await runProgram(program, ['node', 'smsim', 'start', ...free, ...args])
    if (code !== undefined) throw new Error(`smsim start exited with ${code}: ${out}${err}`)
  } finally {
    for (const [name, value] of Object.entries(saved))
      if (value === undefined) delete process.env[name]
      else process.env[name] = value
  }
  const banner = out + err
  return {
    url: /HTTP\s+(http:\/\/\S+)/.exec(banner)![1]!,
    smtpPort: Number(/SMTP\s+smtp:\/\/127\.0\.0\.1:(\d+)/.exec(banner)![1]),
    out: () => out,
    err: () => err,
    log: () => out.split('\n').filter((line) => /^(\d{4}-\d\d-\d\dT|\{)/.test(line)),
  }
}

/** SMStoB's http.php with the school's account. */
function sendSms(smsim: Started, pass = SECRET): Promise<string> {
  const query = `email=ecole@example.fr&pass=${pass}&numero=0660919010&message=Bonjour`
  return fetch(`${smsim.url}/smstob/http.php?${query}`).then((r) => r.text())
}

/** ASPSMS's JSON CheckCredits with the school's UserKey. */
function checkCredits(smsim: Started): Promise<unknown> {
  return fetch(`${smsim.url}/aspsms/json/CheckCredits`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ UserName: 'ESFTIGNES', Password: SECRET }),
  }).then((r) => r.json())
}

/** A mail to SMStoB's first syntax, `password.numero@smstob.com`, over SMTP. */
async function sendByMail(smsim: Started): Promise<void> {
  const transport = nodemailer.createTransport({ host: '127.0.0.1', port: smsim.smtpPort })
  try {
    await transport.sendMail({
      from: 'ecole@example.fr',
      to: `${SECRET}.0660919010@smstob.com`,
      text: 'Bonjour par mail',
    })
  } finally {
    transport.close()
  }
}

describe('the pretty log', () => {
  it('prints one aligned line per request: time, provider, transport, account, code, duration, meaning', async () => {
    const smsim = await start([])
    expect(await sendSms(smsim)).toBe('80')
    expect(await sendSms(smsim, 'wrong')).toBe('82')
    const [sent, refused, ...rest] = smsim.log()
    expect(rest).toEqual([])
    expect(sent).toMatch(
      new RegExp(
        `^${AT} smstob {3}http {5}ecole@example\\.fr {7}80 {4} +\\d+(\\.\\d)? ms Le message a été envoyé$`,
      ),
    )
    // An unknown password names no account; the columns still line up.
    expect(refused).toMatch(
      /^\S+ smstob {3}http {5}- {22}82 {4} +\S+ ms Le login et\/ou mot de passe n'est pas valide$/,
    )
    expect(refused!.indexOf(' ms ')).toBe(sent!.indexOf(' ms '))
    // Not a terminal: no colour.
    expect(smsim.out()).not.toContain('\x1b[')
  })

  it('adds what the provider read at debug, the password masked as in the journal', async () => {
    const smsim = await start(['--log-level', 'debug'])
    await sendSms(smsim)
    await checkCredits(smsim)
    await sendByMail(smsim)
    const [http, json, mail] = smsim.log()
    expect(http).toContain(
      'request: method=GET email=ecole@example.fr pass=****26 numero=0660919010 message=Bonjour',
    )
    expect(json).toMatch(
      / aspsms {3}json {5}ESFTIGNES .* 1 .* OK {2}request: .*Password=\*\*\*\*26/,
    )
    expect(mail).toMatch(/ smstob {3}smtp {5}ecole@example\.fr .* 80 .* Le message a été envoyé/)
    expect(mail).toContain('to=****26.0660919010@smstob.com')
    expect(smsim.out()).not.toContain(SECRET)
  })

  it('logs a mail refused at the SMTP level, with its reply code and text', async () => {
    const smsim = await start([])
    const transport = nodemailer.createTransport({ host: '127.0.0.1', port: smsim.smtpPort })
    await transport
      .sendMail({ from: 'ecole@example.fr', to: 'friend@gmail.com', text: 'Bonjour' })
      .catch(() => undefined)
    transport.close()
    expect(smsim.log()).toEqual([
      expect.stringMatching(
        /^\S+ - {8}smtp {5}- {22}550 {3} +- <friend@gmail\.com>: relay access denied; /,
      ),
    ])
  })
})

describe('the JSON log', () => {
  it('writes one JSON object per line on stdout, and the banner on stderr', async () => {
    const smsim = await start(['--log-format', 'json'])
    await sendSms(smsim)
    await sendByMail(smsim)
    expect(smsim.err()).toContain('smsim — SMS provider simulator')
    const lines = smsim.out().trimEnd().split('\n')
    const entries = lines.map((line) => JSON.parse(line) as Record<string, unknown>)
    expect(entries).toEqual([
      {
        at: AT,
        seq: 1,
        provider: 'smstob',
        transport: 'http',
        account: 'ecole@example.fr',
        code: 80,
        meaning: 'Le message a été envoyé',
        status: 200,
        messages: [expect.any(String)],
        durationMs: expect.any(Number),
      },
      expect.objectContaining({
        seq: 2,
        transport: 'smtp',
        code: 80,
        durationMs: expect.any(Number),
      }),
    ])
    expect(entries[0]).not.toHaveProperty('request')
  })

  it('adds the request at debug, secrets masked, from the environment variables', async () => {
    const smsim = await start([], { SMSIM_LOG_FORMAT: 'json', SMSIM_LOG_LEVEL: 'debug' })
    await checkCredits(smsim)
    const [entry] = smsim.log().map((line) => JSON.parse(line) as Record<string, unknown>)
    expect(entry).toMatchObject({
      provider: 'aspsms',
      transport: 'json',
      account: 'ESFTIGNES',
      code: 1,
      meaning: 'OK',
      request: { operation: 'CheckCredits', fields: { UserKey: 'ESFTIGNES', Password: '****26' } },
    })
    expect(smsim.out()).not.toContain(SECRET)
  })
})

describe('--log-level silent', () => {
  it('prints no line, in either format', async () => {
    for (const format of ['pretty', 'json']) {
      const smsim = await start(['--log-level', 'silent', '--log-format', format])
      expect(await sendSms(smsim)).toBe('80')
      await sendByMail(smsim)
      expect(smsim.log()).toEqual([])
    }
  })

  it('is one of three levels: any other is refused, from the option or its variable', async () => {
    await expect(start(['--log-level', 'verbose'])).rejects.toThrow(
      "error: option '--log-level <level>' argument 'verbose' is invalid. Allowed choices are silent, info, debug.",
    )
    await expect(start([], { SMSIM_LOG_FORMAT: 'xml' })).rejects.toThrow(
      /Allowed choices are pretty, json/,
    )
  })
})
