/**
 * The runner against the embedded simulator and against hand-made targets: each status it can
 * give and why, expectations, exclusive scenarios, and what a scenario leaves behind (nothing).
 * The suites are small fixtures in fixtures/; the only wait on a timer is the TIMEOUT test's.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ActionSet, StateDef } from '../../conformance/context.ts'
import { loadSuite, SCENARIOS_DIR, type LoadOptions } from '../../conformance/load.ts'
import {
  nothingChecked,
  runSucceeded,
  type RunReport,
  type Scenario,
} from '../../conformance/model.ts'
import { runScenarios, type RunOptions } from '../../conformance/runner.ts'
import { embeddedTarget, urlTarget, type Target } from '../../conformance/target.ts'
import { startTestSmsim } from '../../simulators/testing.ts'

const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), 'fixtures')

/** The scenarios of a fixture suite, by their name inside it. */
function fixture(file: string, options: LoadOptions = {}): Record<string, Scenario> {
  const suite = loadSuite(join(FIXTURES, file), options)
  return Object.fromEntries(suite.scenarios.map((s) => [s.id.split('/')[1]!, s]))
}

/** The results of a run, by scenario id: status and message. */
function byId(report: RunReport) {
  return Object.fromEntries(report.results.map((r) => [r.test, r]))
}

const FIXED_TIME = () => 1_767_690_000_000
let run = 0
/** Runs against `target`, with a run id of its own (accounts and phones unique per run). */
function runOn(target: Target, scenarios: Scenario[], options: Partial<RunOptions> = {}) {
  return runScenarios({
    target,
    scenarios,
    runId: `rt${++run}x`,
    wallClock: FIXED_TIME,
    ...options,
  })
}

let embedded: Target
beforeAll(async () => {
  embedded = await embeddedTarget()
})
afterAll(() => embedded.close())

const S = fixture('statuses.yaml')

describe('statuses against the embedded simulator', () => {
  it('gives PASS to a scenario whose every step got what it expected', async () => {
    const report = await runOn(embedded, [S.sent!])
    expect(report.results[0]).toMatchObject({
      test: 'fixture-statuses/sent',
      status: 'PASS',
      expected: 'PASS',
      subtests: [{ name: 'step 1: send', status: 'PASS' }],
    })
    expect(report.results[0]).not.toHaveProperty('message')
    expect(runSucceeded(report)).toBe(true)
  })

  it('gives FAIL with a message naming the step, its note, what was expected and what came back', async () => {
    const report = await runOn(embedded, [S['wrong-expectation']!])
    const [result] = report.results
    expect(result!.status).toBe('FAIL')
    expect(result!.message).toMatchInlineSnapshot(
      `"step 1: send (no diff was given, so 81 cannot come): $.code: expected 81, got 80 — the answer was {"ok":true,"code":80,"meaning":"Le message a été envoyé","raw":"80"}"`,
    )
    expect(result!.subtests).toEqual([
      {
        name: 'step 1: send',
        status: 'FAIL',
        message: expect.stringContaining('expected 81, got 80'),
      },
    ])
    expect(runSucceeded(report)).toBe(false)
  })

  it('runs the free scenarios there too', async () => {
    const report = await runOn(embedded, [
      S['bad-login']!,
      S['reads-messages']!,
      S['needs-credits']!,
    ])
    expect(report.results.map((r) => [r.test, r.status])).toEqual([
      ['fixture-statuses/bad-login', 'PASS'],
      ['fixture-statuses/reads-messages', 'PASS'],
      ['fixture-statuses/needs-credits', 'PASS'],
    ])
  })
})

/** A node:http server on 127.0.0.1 that takes requests and never answers them. */
async function silentServer(): Promise<{
  server: Server
  url: string
  requests: IncomingMessage[]
}> {
  const requests: IncomingMessage[] = []
  const server = createServer((req) => void requests.push(req))
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return { server, url: `http://127.0.0.1:${port}`, requests }
}

function foreignTarget(url: string, credentials?: { id: string; secret: string }): Target {
  return {
    label: url,
    kind: 'foreign',
    url,
    smtp: { host: '127.0.0.1', port: 9 },
    ...(credentials ? { credentials } : {}),
    close: async () => {},
  }
}

describe('statuses against a foreign endpoint that never answers', () => {
  let silent: Awaited<ReturnType<typeof silentServer>>
  beforeAll(async () => {
    silent = await silentServer()
  })
  afterAll(async () => {
    silent.server.closeAllConnections()
    await new Promise((resolve) => silent.server.close(resolve))
  })
  const credentials = { id: 'ecole@example.fr', secret: 'secret' }

  it('gives TIMEOUT to a step that got no answer within timeoutMs', async () => {
    const before = silent.requests.length
    const target = foreignTarget(silent.url, credentials)
    const report = await runOn(target, [S['bad-login']!], { timeoutMs: 300 })
    expect(report.results[0]).toMatchObject({
      status: 'TIMEOUT',
      message: 'step 1: send: no answer within 300 ms',
    })
    const [request] = silent.requests.slice(before)
    expect(request?.url).toMatch(/^\/http\.php\?email=ecole%40example\.fr&pass=not-secret&/)
  })

  it('gives NOTRUN to a scenario that costs credits, without calling the endpoint', async () => {
    const before = silent.requests.length
    const report = await runOn(foreignTarget(silent.url, credentials), [
      S.sent!,
      S['wrong-expectation']!,
    ])
    expect(report.results.map((r) => [r.status, r.message])).toEqual([
      ['NOTRUN', `costs credits: not run against ${silent.url}, a live endpoint`],
      ['NOTRUN', `costs credits: not run against ${silent.url}, a live endpoint`],
    ])
    expect(silent.requests.length).toBe(before)
    // Nothing failed, but nothing was checked either: no success (the command exits 3).
    expect(nothingChecked(report)).toBe(true)
    expect(runSucceeded(report)).toBe(false)
  })

  it('gives PRECONDITION_FAILED to free scenarios that need the control API or credentials it lacks', async () => {
    const before = silent.requests.length
    const withCredentials = await runOn(foreignTarget(silent.url, credentials), [
      S['reads-messages']!,
      S['needs-credits']!,
    ])
    const without = await runOn(foreignTarget(silent.url), [S['bad-login']!])
    const messages = [...withCredentials.results, ...without.results].map((r) => [
      r.test,
      r.status,
      r.message!.replace(silent.url, '<url>'),
    ])
    expect(messages).toMatchInlineSnapshot(`
      [
        [
          "fixture-statuses/reads-messages",
          "PRECONDITION_FAILED",
          "reads or moves the simulator's state: <url> has no smsim control API",
        ],
        [
          "fixture-statuses/needs-credits",
          "PRECONDITION_FAILED",
          "given "account has {credits} credits": <url> has no smsim control API",
        ],
        [
          "fixture-statuses/bad-login",
          "PRECONDITION_FAILED",
          "given "an account": <url> is not smsim: give its credentials (--account, --secret)",
        ],
      ]
    `)
    expect(silent.requests.length).toBe(before)
    expect(nothingChecked(withCredentials) && nothingChecked(without)).toBe(true)
    expect(runSucceeded(withCredentials) || runSucceeded(without)).toBe(false)
  })
})

describe('expectations', () => {
  it('counts a FAIL the expectations list as FAIL as expected: the run succeeds', async () => {
    const id = 'fixture-statuses/wrong-expectation'
    const report = await runOn(embedded, [S['wrong-expectation']!, S.sent!], {
      expectations: { [id]: 'FAIL' },
    })
    expect(byId(report)[id]).toMatchObject({ status: 'FAIL', expected: 'FAIL' })
    expect(runSucceeded(report)).toBe(true)
  })

  it('counts a PASS where the expectations say FAIL as unexpected: the run fails', async () => {
    const report = await runOn(embedded, [S.sent!], {
      expectations: { 'fixture-statuses/sent': 'FAIL' },
    })
    expect(report.results[0]).toMatchObject({ status: 'PASS', expected: 'FAIL' })
    expect(runSucceeded(report)).toBe(false)
  })
})

describe('exclusive scenarios', () => {
  /** Scenario starts and ends, in the order they happened. */
  const events: string[] = []
  const ticks = async (n: number) => {
    for (let i = 0; i < n; i++) await new Promise((resolve) => setImmediate(resolve))
  }
  const mark: StateDef['setup'] = async (_params, ctx) => {
    events.push(`start ${ctx.scenario.id}`)
    ctx.defer(async () => void events.push(`end ${ctx.scenario.id}`))
  }
  const STATES: StateDef[] = [
    { pattern: 'a mark', description: 'records start and end', setup: mark },
    { pattern: 'the shared thing', description: 'exclusive', exclusive: true, setup: mark },
  ]
  const ACTIONS: ActionSet[] = [
    {
      provider: 'smstob',
      transport: 'http',
      actions: {
        work: { description: 'takes a few turns', run: () => ticks(3) },
        alone: { description: 'exclusive', exclusive: true, run: () => ticks(3) },
      },
    },
  ]

  it('runs a scenario with an exclusive verb or state with no other scenario under way', async () => {
    const scenarios = Object.values(fixture('exclusive.yaml', { actions: ACTIONS, states: STATES }))
    const report = await runOn(embedded, scenarios, {
      actions: ACTIONS,
      states: STATES,
      concurrency: 4,
    })
    expect(report.results.every((r) => r.status === 'PASS')).toBe(true)

    const running = new Set<string>()
    let most = 0
    const exclusive = /\/(x\d|s\d)$/
    for (const event of events) {
      const [what, id] = event.split(' ') as [string, string]
      if (what === 'start') {
        if (exclusive.test(id)) expect([...running], `${id} started`).toEqual([])
        for (const other of running)
          expect(exclusive.test(other), `${id} started during ${other}`).toBe(false)
        running.add(id)
        most = Math.max(most, running.size)
      } else running.delete(id)
    }
    expect(events).toHaveLength(20)
    // The others did run side by side, or this test would prove nothing: w1–w3 together, while
    // the fourth worker holds x1, which waits for them to finish.
    expect(most).toBe(3)
  })
})

describe('what a scenario leaves behind', () => {
  const T = fixture('state.yaml')

  it('puts the clock back after a "clock at" scenario, whether it passed or failed', async () => {
    const before = await embedded.control!.get('/clock')
    const report = await runOn(embedded, [T['clock-moved']!, T['clock-moved-then-fails']!])
    expect(report.results.map((r) => [r.test, r.status])).toEqual([
      ['fixture-state/clock-moved', 'PASS'],
      ['fixture-state/clock-moved-then-fails', 'FAIL'],
    ])
    expect(report.results[1]!.message).toContain(
      '$.now: expected "2000-01-01T00:00:00.000Z", got "2026-03-03T08:30:00.000Z"',
    )
    expect(await embedded.control!.get('/clock')).toEqual(before)
  })

  it('puts a frozen clock back exactly after a scenario that only advanced it', async () => {
    const before = await embedded.control!.get('/clock')
    const report = await runOn(embedded, [T['clock-advanced']!])
    expect(report.results.map((r) => r.status)).toEqual(['PASS'])
    expect(await embedded.control!.get('/clock')).toEqual(before)
  })

  it('puts a running clock back where it would be had nobody moved it', async () => {
    const smsim = await startTestSmsim({
      clock: { now: '2026-03-02T08:30:00+01:00', frozen: false },
    })
    try {
      const target = await urlTarget(smsim.url)
      const report = await runOn(target, [T['clock-advanced']!])
      expect(report.results.map((r) => r.status)).toEqual(['PASS'])
      const after = await smsim.control.get<{ now: string; frozen: boolean }>('/clock')
      expect(after.frozen).toBe(false)
      // A day was added and taken back: what is left is the run's own few milliseconds.
      const drift = Date.parse(after.now) - Date.parse('2026-03-02T07:30:00Z')
      expect(drift).toBeGreaterThanOrEqual(0)
      expect(drift).toBeLessThan(60_000)
    } finally {
      await smsim.close()
    }
  })

  it("puts a provider's faults back as they were before a fault scenario", async () => {
    const control = embedded.control!
    await control.put('/faults/aspsms', { latencyMs: 1, refuse: { code: 24, times: 7 } })
    try {
      const before = await control.get('/faults/aspsms')
      const faults = loadSuite(join(SCENARIOS_DIR, 'aspsms/faults.yaml')).scenarios
      const report = await runOn(
        embedded,
        faults.filter((s) => s.id.startsWith('aspsms-faults/connect-failed@')),
      )
      expect(new Set(report.results.map((r) => r.status))).toEqual(new Set(['PASS']))
      expect(await control.get('/faults/aspsms')).toEqual(before)
    } finally {
      await control.delete('/faults/aspsms')
    }
  })

  it('deletes the accounts a scenario created, whether it passed, failed or stopped on a precondition', async () => {
    const accounts = () => embedded.control!.get<{ id: string }[]>('/accounts?provider=smstob')
    const before = await accounts()
    const report = await runOn(embedded, [
      T['account-used']!,
      T['account-then-fails']!,
      T['account-then-bad-precondition']!,
    ])
    expect(report.results.map((r) => [r.test, r.status])).toEqual([
      ['fixture-state/account-used', 'PASS'],
      ['fixture-state/account-then-fails', 'FAIL'],
      ['fixture-state/account-then-bad-precondition', 'PRECONDITION_FAILED'],
    ])
    expect(report.results[2]!.message).toMatch(/^given "number \{number\} is \{status\}": /)
    expect(await accounts()).toEqual(before)
  })
})

describe('save', () => {
  const V = fixture('save.yaml')

  it('keeps values from an answer for later steps, with their types', async () => {
    const report = await runOn(embedded, [V['credits-go-down']!, V['credits-unchanged']!])
    expect(byId(report)['fixture-save/credits-go-down']).toMatchObject({
      status: 'PASS',
      subtests: Array.from({ length: 5 }, () => expect.objectContaining({ status: 'PASS' })),
    })
    // The saved 10 is a number: the message shows 10, not "10".
    expect(byId(report)['fixture-save/credits-unchanged']).toMatchObject({
      status: 'FAIL',
      message: expect.stringContaining('step 3: account: $.credits: expected 10, got 9'),
    })
  })

  it('fails the scenario that uses a value nobody saved, and the run goes on', async () => {
    const report = await runOn(embedded, [V['never-saved']!, S.sent!])
    expect(report.results.map((r) => [r.test, r.status, r.message])).toEqual([
      ['fixture-save/never-saved', 'FAIL', 'step 1: account: unknown variable ${before}'],
      ['fixture-statuses/sent', 'PASS', undefined],
    ])
  })
})
