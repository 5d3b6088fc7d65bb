/**
 * Issue 10, item 2: one 80,000-character text froze the event loop for 30 s (SMS parts counted
 * in quadratic time). SMStoB cuts a text to 10 parts ("ours", README): the request is answered
 * 80, the SMS holds the first 1,530 characters, 10 credits are debited — and health is answered
 * meanwhile.
 */
import { describe, expect, it } from 'vitest'
import { LONG_TEXT, whileAskingHealth } from '../../support/long-text.ts'
import { ECOLE, MOBILE, MOBILE_E164 } from '../helpers.ts'
import { useSmstobMail } from '../mail/helpers.ts'

describe('issue 10: an 80,000-character text with a ç to SMStoB', () => {
  const smstob = useSmstobMail({
    accounts: [{ id: ECOLE.email, secret: ECOLE.pass, credits: 100 }],
  })

  /** What was sent: one SMS of the first 1,530 characters (GSM-7: the ç is cut off), 10 parts. */
  async function expectCutToTenParts() {
    expect(await smstob.messages()).toEqual([
      expect.objectContaining({
        to: MOBILE_E164,
        text: 'a'.repeat(1_530),
        encoding: 'gsm7',
        segments: 10,
      }),
    ])
    expect((await smstob.account()).credits).toBe(90)
  }

  it('http.php answers 80, sends 10 parts, and health is answered meanwhile', async () => {
    const url = smstob.smsim.url
    const body = new URLSearchParams({ ...ECOLE, numero: MOBILE, message: LONG_TEXT })
    const answer = await whileAskingHealth(url, async () => {
      const response = await fetch(`${url}/smstob/http.php`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded; charset=UTF-8' },
        body,
      })
      return response.text()
    })
    expect(answer).toBe('80')
    await expectCutToTenParts()
  })

  it('a mail (sms@smstob.com) is confirmed 80, sends 10 parts, and health is answered meanwhile', async () => {
    const reply = await whileAskingHealth(smstob.smsim.url, () =>
      smstob.sendAndRead({
        syntax: 3,
        from: ECOLE.email,
        pass: ECOLE.pass,
        numero: MOBILE,
        message: LONG_TEXT,
      }),
    )
    expect(reply.code).toBe(80)
    await expectCutToTenParts()
  })
})
