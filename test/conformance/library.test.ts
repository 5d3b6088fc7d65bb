/**
 * `smsim/conformance`, the runner as a library, imported by the package's name as a team's
 * tests would: the SMStoB suites run against an embedded smsim and pass.
 */
import { describe, expect, it } from 'vitest'
import { embeddedTarget, loadProviderSuites, runScenarios, runSucceeded } from 'smsim/conformance'

describe('smsim/conformance', () => {
  it("runs a provider's suites from a team's own code", async () => {
    const target = await embeddedTarget()
    try {
      const scenarios = loadProviderSuites(undefined, ['smstob']).flatMap((s) => s.scenarios)
      const report = await runScenarios({ target, scenarios, wallClock: () => 0 })
      expect(report.results.map((r) => r.status)).toEqual(scenarios.map(() => 'PASS'))
      expect(runSucceeded(report)).toBe(true)
    } finally {
      await target.close()
    }
  })
})
