/**
 * Every provider suite passes against smsim: each scenario's input goes through the reference
 * client over the real transport (HTTP, SOAP, SMTP) to the embedded simulator, and what comes
 * back is judged by the scenario's own `expect`. With coverage.test.ts — every documented code
 * is listed by a scenario that asserts it — this proves each code is produced through the
 * transport, not only by `decide`.
 *
 * One test per suite, so a CI log names the suite that broke and lists its scenarios that did
 * not pass, each with the runner's message.
 */
import { createHash } from 'node:crypto'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { loadProviderSuites, type Suite } from '../../conformance/load.ts'
import { runScenarios } from '../../conformance/runner.ts'
import { EMBEDDED_CLOCK, embeddedTarget, type Target } from '../../conformance/target.ts'

/** Every provider suite, or why they could not be loaded. */
function loadAll(): { suites: Suite[]; errors: string[] } {
  try {
    return { suites: loadProviderSuites(), errors: [] }
  } catch (error) {
    return { suites: [], errors: [(error as Error).message] }
  }
}

const { suites: SUITES, errors: LOAD_ERRORS } = loadAll()

/**
 * A run id of the suite's own, so that the accounts and phones of a run are the same from one
 * run to the next (a failure reproduces) and differ from one suite to another.
 */
const runIdOf = (suite: string) => createHash('sha256').update(suite).digest('hex').slice(0, 6)

describe('the provider suites against embedded smsim', () => {
  let target: Target

  it('load, every one of them', () => {
    expect(LOAD_ERRORS).toEqual([])
  })

  beforeAll(async () => {
    target = await embeddedTarget()
  })
  afterAll(() => target?.close())

  // `advance` moves the shared clock for good: each suite starts where a fresh smsim starts, as
  // it does when run alone with `smsim conformance`.
  beforeEach(async () => {
    await target.control!.put('/clock', { ...EMBEDDED_CLOCK })
  })

  it.each(SUITES.map((suite) => [suite.name, suite] as const))(
    'passes every scenario of %s',
    async (_name, suite) => {
      const report = await runScenarios({
        target,
        scenarios: suite.scenarios,
        runId: runIdOf(suite.name),
      })
      expect(report.status).toBe('OK')
      const notPassed = report.results
        .filter((r) => r.status !== 'PASS')
        .map((r) => `${r.test} ${r.status}: ${r.message ?? '(no message)'}`)
      expect(notPassed, `scenarios of ${suite.name} (${suite.file}) that did not pass`).toEqual([])
      expect(report.results).toHaveLength(suite.scenarios.length)
    },
  )
})
