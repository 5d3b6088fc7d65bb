/**
 * The proof that the runner can fail: smsim's own suites, run against targets that are wrong
 * on purpose, fail exactly where the target is wrong, with messages that say what was expected
 * and what came back. Each wrong target is smsim with one provider sabotaged (so that its
 * control API still answers and the failures are the provider's alone), or a foreign endpoint.
 * A healthy embedded smsim runs the same scenarios first: they PASS there, so each FAIL below is
 * the sabotage's doing, not a broken suite.
 */
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { loadSuite, SCENARIOS_DIR } from '../../conformance/load.ts'
import {
  runSucceeded,
  type RunReport,
  type Scenario,
  type ScenarioResult,
} from '../../conformance/model.ts'
import { runScenarios } from '../../conformance/runner.ts'
import { EMBEDDED_CLOCK, embeddedTarget, urlTarget, type Target } from '../../conformance/target.ts'
import type { Provider } from '../../simulators/core/provider.ts'
import { PROVIDERS } from '../../simulators/providers.ts'
import { startTestSmsim } from '../../simulators/testing.ts'

const suite = (file: string) => loadSuite(join(SCENARIOS_DIR, file)).scenarios
const SMSTOB_HTTP = suite('smstob/http.yaml')
const ASPSMS = [...suite('aspsms/send.yaml'), ...suite('aspsms/credits.yaml')]

/** A scenario of a suite over every transport it runs on (`<suite>/<name>` or `…@<transport>`). */
function named(scenarios: readonly Scenario[], id: string): Scenario[] {
  const found = scenarios.filter((s) => s.id === id || s.id.startsWith(`${id}@`))
  if (!found.length) throw new Error(`no scenario ${id}`)
  return found
}

/** The results of those scenarios, by id. */
function resultsOf(report: RunReport, scenarios: readonly Scenario[]): ScenarioResult[] {
  return scenarios.map((s) => {
    const result = report.results.find((r) => r.test === s.id)
    if (!result) throw new Error(`no result for ${s.id}`)
    return result
  })
}

/** smsim with one provider replaced by `sabotage(provider)`; its control API as usual. */
async function sabotaged(id: Provider['id'], sabotage: (p: Provider) => Provider): Promise<Target> {
  const providers = PROVIDERS.map((p) => (p.id === id ? sabotage(p) : p))
  const smsim = await startTestSmsim({ clock: { ...EMBEDDED_CLOCK }, providers })
  return {
    label: `smsim with ${id} sabotaged`,
    kind: 'embedded',
    url: smsim.url,
    smtp: smsim.smtp,
    control: smsim.control,
    close: () => smsim.close(),
  }
}

/** SMStoB whose http.php answers `80` to every request, and sends and debits nothing. */
function answers80(smstob: Provider): Provider {
  return {
    ...smstob,
    http: smstob.http.map((endpoint) =>
      endpoint.name !== 'http.php'
        ? endpoint
        : {
            ...endpoint,
            handle: () => ({
              response: {
                status: 200,
                headers: { 'content-type': 'text/html; charset=ISO-8859-1' },
                body: '80',
              },
              effects: [],
              journal: { transport: 'http', request: {}, code: 80 },
            }),
          },
    ),
  }
}

/** ASPSMS that decides as usual, but whose debits are dropped: credits never decrease. */
function withoutDebits(aspsms: Provider): Provider {
  return {
    ...aspsms,
    http: aspsms.http.map((endpoint) => ({
      ...endpoint,
      handle: (...args: Parameters<typeof endpoint.handle>) => {
        const result = endpoint.handle(...args)
        return { ...result, effects: result.effects.filter((e) => e.kind !== 'debit') }
      },
    })),
  }
}

const SMSTOB = {
  sent: named(SMSTOB_HTTP, 'smstob-http/code-80-sent'),
  badLogin: named(SMSTOB_HTTP, 'smstob-http/code-82-bad-login'),
  duplicate: named(SMSTOB_HTTP, 'smstob-http/code-91-duplicate-24h'),
}
const SMSTOB_NAMED = [...SMSTOB.sent, ...SMSTOB.badLogin, ...SMSTOB.duplicate]
const ASPSMS_NAMED = {
  accepted: named(ASPSMS, 'aspsms-send/text-accepted'),
  debited: named(ASPSMS, 'aspsms-send/credits-debited'),
  checkCredits: named(ASPSMS, 'aspsms-credits/check-credits'),
  wrongPassword: named(ASPSMS, 'aspsms-credits/wrong-password'),
}
const ASPSMS_ALL_NAMED = Object.values(ASPSMS_NAMED).flat()

describe('the same scenarios against a healthy smsim', () => {
  it('pass, so that a FAIL elsewhere in this file comes from the target', async () => {
    const target = await embeddedTarget()
    try {
      const report = await runScenarios({
        target,
        scenarios: [...SMSTOB_NAMED, ...ASPSMS_ALL_NAMED],
      })
      expect(report.results.filter((r) => r.status !== 'PASS')).toEqual([])
    } finally {
      await target.close()
    }
  })
})

describe('an SMStoB that answers 80 to everything', () => {
  let target: Target
  let report: RunReport
  beforeAll(async () => {
    target = await sabotaged('smstob', answers80)
    report = await runScenarios({ target, scenarios: SMSTOB_HTTP })
  })
  afterAll(() => target.close())

  it('fails code-82-bad-login: expected 82, got 80', () => {
    const [result] = resultsOf(report, SMSTOB.badLogin)
    expect(result!.status).toBe('FAIL')
    expect(result!.message).toContain(
      'step 1: send: $.ok: expected false, got true; $.code: expected 82, got 80',
    )
  })

  it('fails code-91-duplicate-24h on the second send: expected 91, got 80', () => {
    const [result] = resultsOf(report, SMSTOB.duplicate)
    expect(result!.status).toBe('FAIL')
    expect(result!.message).toMatch(
      /^step 3: send: \$\.code: expected 91, got 80 — the answer was /,
    )
    expect(result!.subtests.map((s) => s.status)).toEqual(['PASS', 'PASS', 'FAIL'])
  })

  it('fails code-80-sent although the answer is right: the phone got no SMS', () => {
    // The fake answers 80 as the real one would, but puts nothing on the network: the step that
    // reads the phones through the control API is the one that catches it.
    const [result] = resultsOf(report, SMSTOB.sent)
    expect(result!.status).toBe('FAIL')
    expect(result!.message).toBe(
      'step 2: messages: $.length: expected 1, got 0 — the answer was []',
    )
    expect(result!.subtests.map((s) => s.status)).toEqual(['PASS', 'FAIL'])
  })

  it('passes no scenario of the http.php suite', () => {
    expect(report.results.filter((r) => r.status !== 'FAIL').map((r) => r.test)).toEqual([])
    expect(runSucceeded(report)).toBe(false)
  })
})

describe('an ASPSMS whose credits never decrease', () => {
  let target: Target
  let report: RunReport
  beforeAll(async () => {
    target = await sabotaged('aspsms', withoutDebits)
    report = await runScenarios({ target, scenarios: ASPSMS_ALL_NAMED })
  })
  afterAll(() => target.close())

  it('fails credits-debited over every transport, naming the expected and the actual credits', () => {
    for (const result of resultsOf(report, ASPSMS_NAMED.debited)) {
      expect(result.status, result.test).toBe('FAIL')
      expect(result.message, result.test).toMatch(
        /^step 2: checkCredits: \$\.credits: expected 8, got 10 — the answer was /,
      )
    }
  })

  it('fails text-accepted only on its credits: the text went out and the phone got it', () => {
    for (const result of resultsOf(report, ASPSMS_NAMED.accepted)) {
      expect(result.status, result.test).toBe('FAIL')
      expect(
        result.subtests.map((s) => s.status),
        result.test,
      ).toEqual(['PASS', 'PASS', 'FAIL'])
      expect(result.message, result.test).toMatch(
        /^step 3: account: \$\.credits: expected 9, got 10 — the answer was /,
      )
    }
  })

  it('passes the scenarios that debit nothing: check-credits and wrong-password', () => {
    const results = resultsOf(report, [...ASPSMS_NAMED.checkCredits, ...ASPSMS_NAMED.wrongPassword])
    expect(results.map((r) => [r.test, r.status])).toEqual(results.map((r) => [r.test, 'PASS']))
  })
})

describe('a foreign endpoint answering 80 to every request, given as a URL with credentials', () => {
  let server: Server
  let target: Target
  let report: RunReport
  const paths: string[] = []
  beforeAll(async () => {
    server = createServer((req, res) => {
      paths.push(req.url ?? '')
      res.writeHead(200, { 'content-type': 'text/html; charset=ISO-8859-1' }).end('80')
    })
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    const { port } = server.address() as AddressInfo
    // What `smsim conformance --target URL --account … --secret …` builds.
    target = await urlTarget(`http://127.0.0.1:${port}`, {
      credentials: { id: 'ecole@example.fr', secret: 'secret' },
    })
    report = await runScenarios({ target, scenarios: SMSTOB_HTTP })
  })
  afterAll(async () => {
    await target.close()
    await new Promise((resolve) => server.close(resolve))
  })

  it('is recognised as foreign: its /_smsim/health is not smsim’s', () => {
    expect(target.kind).toBe('foreign')
    expect(target.control).toBeUndefined()
    expect(paths[0]).toBe('/_smsim/health')
  })

  it('runs the free code-82-bad-login with the credentials given, and fails it: expected 82, got 80', () => {
    const [result] = resultsOf(report, SMSTOB.badLogin)
    expect(result!.status).toBe('FAIL')
    expect(result!.message).toContain('$.code: expected 82, got 80')
    expect(paths).toContainEqual(
      expect.stringMatching(/^\/http\.php\?email=ecole%40example\.fr&pass=not-secret&numero=/),
    )
  })

  it('does not run code-80-sent nor code-91-duplicate-24h, which cost credits', () => {
    for (const result of resultsOf(report, [...SMSTOB.sent, ...SMSTOB.duplicate])) {
      expect(result.status, result.test).toBe('NOTRUN')
      expect(result.message, result.test).toBe(
        `costs credits: not run against ${target.url}, a live endpoint`,
      )
    }
  })

  it('runs exactly the free scenarios, and every one of them fails', () => {
    const free = new Set(SMSTOB_HTTP.filter((s) => s.flags.includes('free')).map((s) => s.id))
    expect(free.size).toBeGreaterThan(0)
    for (const result of report.results) {
      expect(result.status, result.test).toBe(free.has(result.test) ? 'FAIL' : 'NOTRUN')
      if (free.has(result.test)) expect(result.message, result.test).toMatch(/expected \d+, got 80/)
    }
    expect(runSucceeded(report)).toBe(false)
  })
})

describe('an ASPSMS that never calls the notification URLs back', () => {
  const DELIVERED = named(suite('aspsms/callbacks.yaml'), 'aspsms-callbacks/delivered-url-called')
  let target: Target
  let report: RunReport
  beforeAll(async () => {
    target = await sabotaged('aspsms', (aspsms) => ({ ...aspsms, onSmsEvent: undefined }))
    // The wait for a call that never comes ends at the step's timeout: kept short here.
    report = await runScenarios({ target, scenarios: DELIVERED, timeoutMs: 500 })
  })
  afterAll(() => target.close())

  it('times out waiting for the delivered URL over every transport, after the send passed', () => {
    for (const result of resultsOf(report, DELIVERED)) {
      expect(result.status, result.test).toBe('TIMEOUT')
      expect(result.subtests.map((s) => s.status)).toEqual(['PASS', 'TIMEOUT'])
      expect(result.message).toBe('step 2: callbacks: no answer within 500 ms')
    }
    expect(runSucceeded(report)).toBe(false)
  })
})
