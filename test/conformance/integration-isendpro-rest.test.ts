/**
 * An application using iSendPro's REST API certified with `interface: http`: the integration
 * scenarios named `rest-…` of scenarios/integration/isendpro.yaml run, the mail ones do not.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runSucceeded } from '../../conformance/model.ts'
import { embeddedTarget, type Target } from '../../conformance/target.ts'
import { fixture, runOn, withCommand } from './integration-support.ts'

let target: Target
beforeAll(async () => {
  target = await embeddedTarget()
})
afterAll(() => target.close())

describe('an application on iSendPro’s REST API', () => {
  it('certifies with interface http: every REST scenario passes, and only those run', async () => {
    const config = await withCommand(
      'smsim.isendpro.app.yaml',
      `node ${fixture('isendpro-rest-app.mjs')}`,
    )
    const report = await runOn(target, { ...config, interface: 'http' })
    expect(report.results.map((r) => [r.test.split('/')[1], r.status, r.message])).toEqual([
      ['rest-sends-once-accents-euro', 'PASS', undefined],
      ['rest-two-numbers-one-sms-each', 'PASS', undefined],
      ['rest-unknown-keyid-3-no-loop', 'PASS', undefined],
      ['rest-sunday-21h-24-then-monday', 'PASS', undefined],
    ])
    expect(runSucceeded(report)).toBe(true)
  })
})
