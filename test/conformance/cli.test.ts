/**
 * `smsim conformance` run in this process, as a user would type it: the program is the real one
 * (buildProgram), its output captured through commander's output configuration, its exit status
 * read from process.exitCode (or from the CommanderError commander throws for its own refusals).
 */
import { once } from 'node:events'
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { CommanderError } from 'commander'
import { XMLParser } from 'fast-xml-parser'
import { afterEach, describe, expect, it } from 'vitest'
import { markdownTable } from '../../conformance/cli-options.ts'
import type { RunReport } from '../../conformance/model.ts'
import { buildProgram } from '../../command/smsim.ts'

async function smsim(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const program = await buildProgram()
  let stdout = ''
  let stderr = ''
  program.commands
    .find((c) => c.name() === 'conformance')!
    .configureOutput({
      writeOut: (s) => void (stdout += s),
      writeErr: (s) => void (stderr += s),
      getOutHasColors: () => false,
    })
  process.exitCode = undefined
  try {
    await program.parseAsync(['node', 'smsim', 'conformance', ...args])
    return { code: Number(process.exitCode ?? 0), stdout, stderr }
  } catch (error) {
    if (!(error instanceof CommanderError)) throw error
    return { code: error.exitCode, stdout, stderr }
  }
}

afterEach(() => {
  // The command sets the exit status of the process it runs in: this one is vitest's.
  process.exitCode = undefined
})

/** A suites folder holding one SMStoB suite that expects a wrong code on purpose. */
function wrongSuitesDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'smsim-suites-'))
  mkdirSync(join(dir, 'smstob'))
  writeFileSync(
    join(dir, 'smstob', 'wrong.yaml'),
    `suite: smstob-wrong
title: expects a wrong code on purpose
provider: smstob
transports: [http]
scenarios:
  - id: expects-81
    title: expects code 81 for a plain send
    spec: 'a test of the command itself'
    given: [account has 10 credits]
    steps:
      - send: { numero: '\${phone}', message: Bonjour }
        expect: { code: 81 }
  - id: sends-80
    title: sends with code 80
    spec: 'a test of the command itself'
    given: [account has 10 credits]
    steps:
      - send: { numero: '\${phone}', message: Bonjour }
        expect: { code: 80 }
`,
  )
  return dir
}

describe('smsim conformance', () => {
  it('runs the SMStoB http suite against the embedded smsim, writes every report, and exits 0', async () => {
    const out = mkdtempSync(join(tmpdir(), 'smsim-reports-'))
    const { code, stdout, stderr } = await smsim(
      ...['--provider', 'smstob', '--suite', 'smstob-http'],
      ...['--reporter', 'default,junit,json,html', '--output-dir', out],
    )
    expect(stderr).toBe('')
    expect(code).toBe(0)
    expect(stdout).toMatch(/^smsim conformance: \d+ scenarios against embedded \(smstob-http\)\n/)
    expect(stdout).toContain('Result     OK')
    expect(stdout).toContain(`Reports    ${join(out, 'junit.xml')}`)

    const report = JSON.parse(readFileSync(join(out, 'conformance.json'), 'utf8')) as RunReport
    expect(report.run_info).toMatchObject({ target: 'embedded', suite: 'smstob-http' })
    expect(report.results.length).toBeGreaterThan(10)
    expect(report.results.filter((r) => r.status !== 'PASS')).toEqual([])

    const junit = new XMLParser({ ignoreAttributes: false }).parse(
      readFileSync(join(out, 'junit.xml'), 'utf8'),
    ) as { testsuites: Record<string, string> }
    expect(junit.testsuites['@_tests']).toBe(String(report.results.length))
    expect(junit.testsuites['@_failures']).toBe('0')

    const html = readFileSync(join(out, 'report.html'), 'utf8')
    expect(html).toContain('<code>smstob-http/code-80-sent</code>')
  })

  it('lists the scenarios that would run, with their codes and flags, and runs none', async () => {
    const { code, stdout } = await smsim(
      '--list',
      '--suite',
      'smstob-http',
      '--scenario',
      '*code-8[0-2]*,*code-82-*',
    )
    expect(code).toBe(0)
    const lines = stdout.trimEnd().split('\n')
    expect(lines[0]).toMatch(/^id +codes +flags +title$/)
    expect(lines.find((l) => l.startsWith('smstob-http/code-82-bad-login'))).toMatch(
      /^smstob-http\/code-82-bad-login +82 +free +refuses a wrong password/,
    )
    expect(lines.at(-1)).toMatch(/^\d+ scenarios?$/)
    expect(stdout).not.toContain('Result')
  })

  it('exits 1 when a scenario fails, naming it once and what came back', async () => {
    const { code, stdout } = await smsim('--suites-dir', wrongSuitesDir())
    expect(code).toBe(1)
    expect(stdout).toMatch(
      /FAIL {4}smstob-wrong\/expects-81 — step 1: send: \$\.code: expected 81, got 80/,
    )
    // Not a terminal: the failure is printed as it comes, and not again in the summary.
    expect(stdout.match(/smstob-wrong\/expects-81/g)).toHaveLength(1)
    expect(stdout).toContain('Scenarios  1 FAIL | 1 PASS (2 in all)')
    expect(stdout).toContain('Result     FAILED: 1 unexpected result above')
  })

  it('exits 0 when the failure is a deviation the expectations file lists', async () => {
    // Not in the suites folder: every YAML file at its top is a suite.
    const file = join(mkdtempSync(join(tmpdir(), 'smsim-expectations-')), 'expected.yaml')
    writeFileSync(file, 'smstob-wrong/expects-*: { status: FAIL, reason: on purpose }\n')
    const { code, stdout } = await smsim('--suites-dir', wrongSuitesDir(), '--expectations', file)
    expect(code).toBe(0)
    expect(stdout).toContain('Result     OK (1 known deviation)')
  })

  it.each([
    [
      ['--provider', 'twilio'],
      'smsim conformance: --provider: unknown "twilio" (known: smstob, aspsms, allmysms, isendpro)\n',
    ],
    [
      ['--suite', 'nope', '--provider', 'smstob'],
      /^smsim conformance: --suite: no suite "nope" in .* \(known: smstob-http, /,
    ],
    [['--reporter', 'tap'], /^smsim conformance: --reporter: unknown "tap"/],
    [['--bogus'], "error: unknown option '--bogus'\n"],
    [['--timeout'], "error: option '--timeout <ms>' argument missing\n"],
  ])('exits 2 on a usage error (%j) with a one-line message', async (args, message) => {
    const { code, stdout, stderr } = await smsim(...args)
    expect(code).toBe(2)
    expect(stdout).toBe('')
    if (typeof message === 'string') expect(stderr).toBe(message)
    else expect(stderr).toMatch(message)
    expect(stderr.trimEnd().split('\n')).toHaveLength(1)
  })

  it('exits 2 when the target URL does not answer, rather than passing with nothing run', async () => {
    // A port that was free a moment ago: nothing listens there.
    const server = createServer().listen(0, '127.0.0.1')
    await once(server, 'listening')
    const { port } = server.address() as AddressInfo
    await new Promise((resolve) => server.close(resolve))
    const { code, stderr } = await smsim('--target', `http://127.0.0.1:${port}`)
    expect(code).toBe(2)
    expect(stderr).toBe(`smsim conformance: cannot reach http://127.0.0.1:${port}: ECONNREFUSED\n`)
  })

  it('exits 3 and says so when nothing was checked: a foreign endpoint and no credentials', async () => {
    // An endpoint that answers, but not as smsim: every scenario is NOTRUN or PRECONDITION_FAILED.
    const server = createServer((_req, res) => res.writeHead(404).end()).listen(0, '127.0.0.1')
    await once(server, 'listening')
    try {
      const { port } = server.address() as AddressInfo
      const url = `http://127.0.0.1:${port}`
      const { code, stdout } = await smsim('--target', url, '--provider', 'smstob')
      expect(code).toBe(3)
      expect(stdout).not.toMatch(/Result +OK/)
      expect(stdout).toContain(
        'Result     NOTHING CHECKED: every scenario was NOTRUN or PRECONDITION_FAILED: nothing was checked',
      )
      expect(stdout).toMatch(
        /^Scenarios {2}(\d+ (PRECONDITION_FAILED|NOTRUN)( \| )?)+ \(\d+ in all\)$/m,
      )
    } finally {
      server.close()
    }
  })

  it('exits 2 on a suite that cannot run as written, naming the file, with no stack trace', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'smsim-bad-suite-'))
    writeFileSync(
      join(dir, 'bad.yaml'),
      `suite: bad
title: a verb nobody has
provider: smstob
transports: [http]
scenarios:
  - id: fly
    title: flies
    spec: nowhere
    steps: [{ fly: {} }]
`,
    )
    const { code, stderr } = await smsim('--suites-dir', dir)
    expect(code).toBe(2)
    expect(stderr).toMatch(
      /^smsim conformance: .*bad\.yaml: scenario "fly", step 1: smstob over http has no verb "fly"\n$/,
    )
  })

  it.each([
    ['options', 'conformance'],
    ['states', 'states'],
    ['verbs', 'verbs'],
  ])('has the %s table of docs/conformance.md exactly as generated', (marker, table) => {
    const doc = readFileSync(new URL('../../docs/conformance.md', import.meta.url), 'utf8')
    const block = new RegExp(`<!-- ${marker}:start[^>]*-->([\\s\\S]*?)<!-- ${marker}:end -->`)
    // Cell by cell: Prettier pads the columns. Regenerate with `smsim options-table <table>`.
    const cells = (markdown: string) =>
      markdown
        .trim()
        .split('\n')
        .map((row) => row.split(/(?<!\\)\|/).map((cell) => cell.trim().replace(/^-+$/, '-')))
    expect(cells(block.exec(doc)?.[1] ?? '')).toEqual(cells(markdownTable(table)))
  })
})
