/**
 * The loader refuses, before anything runs, a suite that cannot run as written — naming the
 * file and the scenario — and expands the others over their transports. Suites are written to
 * a temporary directory as real YAML files, as a suite's author would write them.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, relative } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { BadSuiteError, type ActionSet, type StateDef } from './context.ts'
import { MAX_SUITE_FILE_BYTES } from './input-files.ts'
import { loadSuite, loadSuites, type LoadOptions } from './load.ts'

/** A small registry of verbs and states, so that the messages do not change as smsim grows. */
const noop = async () => undefined
const ACTIONS: ActionSet[] = [
  { provider: '*', transport: '*', actions: { account: { description: 'shared', run: noop } } },
  { provider: 'smstob', transport: 'http', actions: { send: { description: 'http', run: noop } } },
  { provider: 'smstob', transport: 'mail', actions: { send: { description: 'mail', run: noop } } },
  { provider: 'smstob', transport: 'http', actions: { poll: { description: 'http', run: noop } } },
]
const STATES: StateDef[] = [
  { pattern: 'an account', description: '', setup: noop },
  { pattern: 'account has {credits} credits', description: '', setup: noop },
  { pattern: 'clock at {time}', description: '', exclusive: true, setup: noop },
]
const SMALL: LoadOptions = { actions: ACTIONS, states: STATES }

let dir: string
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'smsim-load-'))
})
afterAll(() => rmSync(dir, { recursive: true, force: true }))

let written = 0
/** Writes a suite file and returns its path. */
function suiteFile(yaml: string, name = `suite-${++written}.yaml`): string {
  const path = join(dir, name)
  writeFileSync(path, yaml)
  return path
}

const HEADER = `suite: demo
title: Demo
provider: smstob
transports: [http]
scenarios:
`

/** A suite with one scenario `id` whose given and steps are the YAML lines given. */
function oneScenario(body: string, id = 'the-scenario'): string {
  return suiteFile(`${HEADER}  - id: ${id}
    title: does something
    spec: '001.txt — §4'
${body.replace(/^/gm, '    ')}
`)
}

/** The loader's refusal, with the temporary file's path written `<file>`. */
function refusal(path: string, options: LoadOptions = SMALL): string {
  try {
    loadSuite(path, options)
  } catch (error) {
    expect(error).toBeInstanceOf(BadSuiteError)
    expect((error as BadSuiteError).code).toBe('SMSIM_BAD_SUITE')
    return (error as Error).message.replace(relative(process.cwd(), path), '<file>')
  }
  throw new Error(`${path} was loaded`)
}

describe('a suite that loads', () => {
  it('gives each scenario its suite, provider, transport, flags, codes, givens and steps', () => {
    const path = oneScenario(`flags: [free]
codes: [80]
given: [account has 10 credits]
steps:
  - send: { numero: '\${phone}', message: Bonjour }
    expect: { code: 80 }
    save: { first: code }
    note: the first send
  - account: {}`)
    const suite = loadSuite(path, SMALL)
    expect(suite).toMatchObject({ name: 'demo', provider: 'smstob', transports: ['http'] })
    expect(suite.scenarios).toEqual([
      {
        id: 'demo/the-scenario',
        title: 'does something',
        suite: 'demo',
        provider: 'smstob',
        transport: 'http',
        spec: '001.txt — §4',
        flags: ['free'],
        codes: [80],
        given: [{ state: 'account has {credits} credits', params: { credits: 10 } }],
        steps: [
          {
            action: 'send',
            args: { numero: '${phone}', message: 'Bonjour' },
            expect: { code: 80 },
            save: { first: 'code' },
            note: 'the first send',
          },
          { action: 'account', args: {} },
        ],
        file: relative(process.cwd(), path),
      },
    ])
  })

  it('defaults flags, codes and givens to none', () => {
    const [scenario] = loadSuite(oneScenario('steps: [{ account: {} }]'), SMALL).scenarios
    expect(scenario).toMatchObject({ flags: [], codes: [], given: [] })
  })

  it('reads numbers in a written given as numbers and the rest as text', () => {
    const [scenario] = loadSuite(
      oneScenario(`given: [account has 2.5 credits, 'clock at 2026-01-06T10:00:00+01:00']
steps: [{ account: {} }]`),
      SMALL,
    ).scenarios
    expect(scenario!.given).toEqual([
      { state: 'account has {credits} credits', params: { credits: 2.5 } },
      { state: 'clock at {time}', params: { time: '2026-01-06T10:00:00+01:00' } },
    ])
  })

  it('takes a given written as an object, with its parameters and options', () => {
    const [scenario] = loadSuite(
      oneScenario(`given:
  - { state: 'account has {credits} credits', credits: 0, options: { duplicateCheck: false } }
steps: [{ account: {} }]`),
      SMALL,
    ).scenarios
    expect(scenario!.given).toEqual([
      {
        state: 'account has {credits} credits',
        params: { credits: 0, options: { duplicateCheck: false } },
      },
    ])
  })
})

describe('expansion over transports', () => {
  it('runs a scenario once per transport of its suite, its id ending with @transport', () => {
    const path = suiteFile(`${HEADER.replace('[http]', '[http, mail]')}  - id: sends
    title: sends
    spec: s
    steps: [{ send: { numero: '1', message: a } }]
`)
    const scenarios = loadSuite(path, SMALL).scenarios
    expect(scenarios.map((s) => [s.id, s.transport])).toEqual([
      ['demo/sends@http', 'http'],
      ['demo/sends@mail', 'mail'],
    ])
  })

  it("uses the scenario's own transports over the suite's", () => {
    const path = suiteFile(`${HEADER.replace('[http]', '[http, mail]')}  - id: polls
    title: polls
    spec: s
    transports: [http]
    steps: [{ poll: {} }]
`)
    expect(loadSuite(path, SMALL).scenarios.map((s) => s.id)).toEqual(['demo/polls'])
  })

  it('refuses a verb that one of the transports lacks, naming that transport', () => {
    const path = suiteFile(`${HEADER.replace('[http]', '[http, mail]')}  - id: polls
    title: polls
    spec: s
    steps: [{ poll: {} }]
`)
    expect(refusal(path)).toMatchInlineSnapshot(
      `"<file>: scenario "polls", step 1: smstob over mail has no verb "poll""`,
    )
  })
})

describe('a suite that cannot run as written is refused with the file and the scenario named', () => {
  it('refuses an unknown verb', () => {
    expect(
      refusal(oneScenario(`steps:\n  - account: {}\n  - sned: { numero: '1', message: a }`)),
    ).toMatchInlineSnapshot(
      `"<file>: scenario "the-scenario", step 2: smstob over http has no verb "sned""`,
    )
  })

  it('refuses an unknown state, listing the states it knows', () => {
    expect(
      refusal(oneScenario(`given: [account holds 10 credits]\nsteps: [{ account: {} }]`)),
    ).toMatchInlineSnapshot(
      `"<file>: scenario "the-scenario": no state reads "account holds 10 credits" (known: "an account", "account has {credits} credits", "clock at {time}")"`,
    )
  })

  it('refuses a state without the parameter it needs', () => {
    expect(
      refusal(
        oneScenario(
          `given: [{ state: 'account has {credits} credits' }]\nsteps: [{ account: {} }]`,
        ),
      ),
    ).toMatchInlineSnapshot(
      `"<file>: scenario "the-scenario": state "account has {credits} credits" needs credits"`,
    )
  })

  it('refuses two scenarios with the same id', () => {
    const path = suiteFile(`${HEADER}  - id: twice
    title: one
    spec: s
    steps: [{ account: {} }]
  - id: twice
    title: two
    spec: s
    steps: [{ account: {} }]
`)
    expect(refusal(path)).toMatchInlineSnapshot(`"<file>: two scenarios are called "twice""`)
  })

  it('refuses a file that is not YAML', () => {
    const message = refusal(suiteFile(`${HEADER}  - id: x\n   title: [unclosed\n`))
    expect(message).toMatch(/^<file>: not YAML: /)
  })

  it('refuses a file larger than a suite may be, before reading it', () => {
    const path = suiteFile(`# ${'x'.repeat(MAX_SUITE_FILE_BYTES)}\n${HEADER}`)
    expect(refusal(path)).toMatch(
      /^<file>: cannot read it: it is \d+ bytes, more than the 1048576 bytes such a file may be$/,
    )
  })

  it('refuses a step with two verbs, and a step with none', () => {
    expect(
      refusal(oneScenario(`steps:\n  - send: { numero: '1', message: a }\n    account: {}`)),
    ).toMatchInlineSnapshot(
      `"<file>: scenario "the-scenario", step 1: a step has exactly one verb (plus expect, save, note)"`,
    )
    expect(
      refusal(oneScenario(`steps:\n  - account: {}\n  - expect: { code: 80 }`)),
    ).toMatchInlineSnapshot(
      `"<file>: scenario "the-scenario", step 2: a step has exactly one verb (plus expect, save, note)"`,
    )
  })

  it('refuses a misspelt key of a scenario rather than ignoring it', () => {
    expect(
      refusal(oneScenario(`givne: [an account]\nsteps: [{ account: {} }]`)),
    ).toMatchInlineSnapshot(`"<file>: scenario "the-scenario": Unrecognized key: "givne""`)
  })

  it('refuses a suite for a provider smsim does not know, and an id with capitals', () => {
    expect(refusal(suiteFile(HEADER.replace('smstob', 'twilio') + '  []\n'))).toMatch(
      /^<file>: provider: /,
    )
    expect(refusal(oneScenario('steps: [{ account: {} }]', 'Code80'))).toMatch(
      /^<file>: scenario "Code80", id: lowercase words joined by "-"/,
    )
  })

  it('uses the verbs and states every provider registers when given none', () => {
    const path = oneScenario(`given: [account has 10 credits]
steps:
  - send: { numero: '1', message: a }
  - messages: {}
  - advance: 23h`)
    expect(loadSuite(path).scenarios).toHaveLength(1)
    expect(refusal(oneScenario('steps: [{ poll: {} }]'), {})).toContain(
      'smstob over http has no verb "poll"',
    )
  })
})

describe('loadSuites', () => {
  it('loads every .yaml and .yml file under a directory and its subdirectories, sorted', () => {
    const root = mkdtempSync(join(dir, 'tree-'))
    mkdirSync(join(root, 'b'))
    const suite = (name: string) =>
      `${HEADER.replace('demo', name)}  - id: x\n    title: x\n    spec: s\n    steps: [{ account: {} }]\n`
    writeFileSync(join(root, 'b', 'one.yml'), suite('b-one'))
    writeFileSync(join(root, 'a.yaml'), suite('a'))
    writeFileSync(join(root, 'notes.md'), '# not a suite')
    expect(loadSuites(root, SMALL).map((s) => s.name)).toEqual(['a', 'b-one'])
  })

  it('loads every suite shipped in scenarios/', () => {
    const suites = loadSuites()
    expect(suites.map((s) => s.name)).toContain('smstob-http')
    const ids = suites.flatMap((s) => s.scenarios.map((sc) => sc.id))
    expect(new Set(ids).size).toBe(ids.length)
  })
})
