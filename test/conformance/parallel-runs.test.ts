/**
 * Suites run in parallel against one simulator: four runs at once — one per provider, as four
 * CI jobs pointed at one smsim would — each with its own run id, pass as they pass alone. The
 * scenarios that move the clock take an exclusive lease on the simulator, so no other run's
 * 24-hour rule, deferred message or time window sees the clock jump under it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { loadProviderSuites, PROVIDER_IDS } from '../../conformance/load.ts'
import { runScenarios } from '../../conformance/runner.ts'
import { embeddedTarget, urlTarget, type Target } from '../../conformance/target.ts'

let embedded: Target
beforeAll(async () => {
  embedded = await embeddedTarget()
})
afterAll(() => embedded.close())

describe('runs side by side against one smsim', () => {
  it('passes every scenario of four provider runs started at once', async () => {
    // Each run reaches the simulator as a separate runner would: by its URL.
    const runs = await Promise.all(
      PROVIDER_IDS.map(async (provider) =>
        runScenarios({
          target: await urlTarget(embedded.url),
          scenarios: loadProviderSuites(undefined, [provider]).flatMap((s) => s.scenarios),
        }),
      ),
    )
    const notPassed = runs
      .flatMap((r) => r.results)
      .filter((r) => r.status !== 'PASS')
      .map((r) => `${r.test} ${r.status}: ${r.message}`)
    expect(notPassed).toEqual([])
    expect(runs.map((r) => r.results.length).every((n) => n > 0)).toBe(true)
    expect(await embedded.control!.get('/leases')).toEqual({ shared: 0, exclusive: 0, waiting: 0 })
  })
})
