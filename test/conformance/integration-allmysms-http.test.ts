/**
 * Integration certification of an application using allmysms's HTTP API 9.0 (`interface: http`
 * in its config): the sample application certifies against the embedded smsim over the `http-…`
 * scenarios of scenarios/integration/allmysms.yaml only, and an application that trusts the
 * HTTP status (allmysms answers 200 to every refusal) fails exactly the refusal scenarios.
 */
import { resolve } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { loadAppConfig } from '../../conformance/integration/app.ts'
import { runSucceeded } from '../../conformance/model.ts'
import { embeddedTarget, type Target } from '../../conformance/target.ts'
import { failed, fixture, runOn, SAMPLE, withCommand } from './integration-support.ts'

const CONFIG = 'smsim.allmysms-http.app.yaml'

let target: Target
beforeAll(async () => {
  target = await embeddedTarget()
})
afterAll(() => target.close())

describe('an allmysms application over the HTTP API 9.0', () => {
  it('certifies the sample application: every http- scenario, and only those, passes', async () => {
    const report = await runOn(target, await loadAppConfig(resolve(SAMPLE, CONFIG)))
    expect(report.results.map((r) => [r.test, r.status, r.message])).toEqual(
      report.results.map((r) => [r.test, 'PASS', undefined]),
    )
    expect(report.results.map((r) => r.test.replace(/^.*\//, ''))).toEqual([
      'http-sends-once-accents-euro',
      'http-two-numbers-one-sms-each',
      'http-no-credit-103-reported',
      'http-bad-apikey-102-reported',
      'http-invalid-number-114-reported',
    ])
    expect(runSucceeded(report)).toBe(true)
  })

  it('fails an application that reads the HTTP status and not the JSON status on every refusal', async () => {
    const config = await withCommand(CONFIG, `node ${fixture('http-status-only-app.mjs')}`)
    const report = await runOn(target, config)
    expect(failed(report)).toEqual([
      'http-bad-apikey-102-reported',
      'http-invalid-number-114-reported',
      'http-no-credit-103-reported',
    ])
    expect(runSucceeded(report)).toBe(false)
  })
})
