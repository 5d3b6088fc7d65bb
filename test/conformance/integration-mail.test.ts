/**
 * Integration certification over the mail providers (allmysms's Mail2SMS, iSendPro's mail 2
 * sms): the sample application (examples/sample-app/send-mail.js) certifies against the embedded
 * smsim, and deliberately broken mail applications (test/conformance/fixtures/*-app.mjs) fail
 * exactly the scenarios that catch their bug, with messages saying what was expected and what
 * came back. A mail provider answers by mail, later, so these judge what smsim received and
 * where its answers went, not the application's exit status on a refusal.
 */
import { resolve } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { loadAppConfig, type AppConfig } from '../../conformance/integration/app.ts'
import { runSucceeded } from '../../conformance/model.ts'
import { failed, fixture, messageOf, runOn, SAMPLE, withCommand } from './integration-support.ts'
import { embeddedTarget, type Target } from '../../conformance/target.ts'

const ALLMYSMS = 'smsim.allmysms.app.yaml'
const ISENDPRO = 'smsim.isendpro.app.yaml'

let target: Target
beforeAll(async () => {
  target = await embeddedTarget()
})
afterAll(() => target.close())

const run = (config: AppConfig, extra: Parameters<typeof runOn>[2] = {}) =>
  runOn(target, config, extra)

describe('the sample application over a mail provider', () => {
  it('certifies against allmysms: every scenario passes', async () => {
    const report = await run(await loadAppConfig(resolve(SAMPLE, ALLMYSMS)))
    expect(report.results.map((r) => [r.test, r.status, r.message])).toEqual(
      report.results.map((r) => [r.test, 'PASS', undefined]),
    )
    expect(report.results.length).toBeGreaterThanOrEqual(6)
    expect(runSucceeded(report)).toBe(true)
  })

  it('certifies against iSendPro: every scenario passes', async () => {
    const report = await run(await loadAppConfig(resolve(SAMPLE, ISENDPRO)))
    expect(report.results.map((r) => [r.test, r.status, r.message])).toEqual(
      report.results.map((r) => [r.test, 'PASS', undefined]),
    )
    expect(report.results.length).toBeGreaterThanOrEqual(6)
  })

  it("fails on iSendPro's code 14 when the config does not give the account its sender domain", async () => {
    const config = await loadAppConfig(resolve(SAMPLE, ISENDPRO))
    const report = await run(
      { ...config, account: { id: config.account.id, secret: config.account.secret } },
      { select: (s) => s.id.endsWith('/sends-once-accents-euro-xml') },
    )
    expect(messageOf(report, 'sends-once-accents-euro-xml')).toMatch(
      /^step 2: journal \(one mail, processed .*\): \$\[0\]\.code: expected 0, got 14;/,
    )
  })
})

describe('a broken allmysms application', () => {
  it('that marks its mails Auto-Submitted never gets the error mails, and fails the refusal scenarios', async () => {
    const report = await run(
      await withCommand(ALLMYSMS, `node ${fixture('auto-submitted-app.mjs')}`),
    )
    expect(failed(report)).toEqual(['bad-apikey-102-mailed-back', 'no-credit-104-mailed-back'])
    expect(messageOf(report, 'no-credit-104-mailed-back')).toBe(
      'step 4: mails (the error mail goes to the mail\'s From; an application that sends without one (null sender), or marks its mails Auto-Submitted, never hears of it): $: expected a list with an item matching {"subject":{"$match":"erreur 104"}}, got []',
    )
    expect(runSucceeded(report)).toBe(false)
  })

  it('that mails every SMS twice fails the scenarios counting one mail, or one SMS per number', async () => {
    const report = await run(await withCommand(ALLMYSMS, `node ${fixture('mail-twice-app.mjs')}`))
    expect(failed(report)).toEqual([
      'sends-once-accents-euro',
      'sends-once-emoji-line-break-ucs2',
      'two-numbers-one-sms-each',
    ])
    expect(messageOf(report, 'sends-once-accents-euro')).toMatch(
      /^step 2: journal \(one SMS, one mail, accepted \(100\)\): \$: expected 1 item\(s\), got 2/,
    )
    expect(messageOf(report, 'two-numbers-one-sms-each')).toMatch(
      /^step 3: messages \(each number gets the SMS exactly once\): \$: expected 1 item\(s\), got 2/,
    )
  })
})

describe('a broken iSendPro application', () => {
  it('that restarts its emailId at 1 on every run has every mail after the first dropped (Ack 1)', async () => {
    // Its own smsim: the emailIds an account processed outlive the account (iSendPro keeps them).
    const fresh = await embeddedTarget()
    try {
      const config = await withCommand(ISENDPRO, `node ${fixture('fixed-emailid-app.mjs')}`)
      const report = await run(config, { target: fresh })
      expect(failed(report)).toEqual([
        'sends-once-emoji-line-break-ucs2',
        'sunday-21h-24-not-mailed',
        'two-numbers-one-sms-each',
        'two-sends-two-email-ids',
      ])
      expect(messageOf(report, 'two-sends-two-email-ids')).toMatch(
        /^step 3: journal \(Ack 1 is a reused emailId .*\): \$\[0\]\.request\.ack: expected 0, got 1; \$\[1\]\.request\.ack: expected 0, got 1/,
      )
    } finally {
      await fresh.close()
    }
  })

  it('that sends without emailNot loses every refusal, and fails the scenarios about them', async () => {
    const report = await run(await withCommand(ISENDPRO, `node ${fixture('no-email-not-app.mjs')}`))
    expect(failed(report)).toEqual(['sunday-21h-24-not-mailed', 'unknown-keyid-3-not-mailed'])
    expect(messageOf(report, 'unknown-keyid-3-not-mailed')).toMatch(
      /^step 4: mails \(the refusal is only said in the Not; without <emailNot> it goes nowhere .*\): \$: expected a list with an item matching \{"subject":\{"\$match":"\^iSendPro Not "\},"text":\{"\$match":"<code>3<\/code>"\}\}, got \[\{.*"subject":"iSendPro Ack /,
    )
  })

  it('that pastes its text into the XML unescaped fails the text scenarios', async () => {
    const report = await run(
      await withCommand(ISENDPRO, `node ${fixture('xml-unescaped-app.mjs')}`),
    )
    expect(failed(report)).toEqual([
      'sends-once-accents-euro-xml',
      'sends-once-emoji-line-break-ucs2',
    ])
    // "<" unescaped: malformed XML, the mail is not processed, nothing to count.
    expect(messageOf(report, 'sends-once-accents-euro-xml')).toMatch(
      /^step 2: journal \(one mail, processed .*\): \$: expected 1 item\(s\), got 0: \[\]$/,
    )
    // A raw line break: read as a space.
    expect(messageOf(report, 'sends-once-emoji-line-break-ucs2')).toContain(
      '$[0].text: expected "Neige fraîche demain ❄️\\nRendez-vous au télésiège 😀", got "Neige fraîche demain ❄️ Rendez-vous au télésiège 😀"',
    )
  })
})
