/**
 * Deferred sending by mail: syntax 1 takes the date as the subject, syntax 3 after the number
 * ("Vous pouvez également ajouter l'heure et la date d'envoi souhaitées"). The SMS waits,
 * scheduled, until smsim's clock passes its time: the tests move the clock, never sleep.
 *
 * @see shared/specs/001_3f6d8b77c0e17a78.txt — §2, syntaxes 1 and 3 ("exemple pour un envoi le
 * 15 septembre 2004 à 12h30: 123015092004")
 */
import { describe, expect, it } from 'vitest'
import { ECOLE, HOUR, MOBILE, SEND_BY_MAIL, useSmstobMail } from './helpers.ts'

/** 12:30 on Monday 5 January 2026 in Paris: 3 h 30 after the tests' frozen 09:00. */
const AT_12_30 = '123005012026'

describe('SMStoB by mail: deferred sending', () => {
  const smstob = useSmstobMail()

  it.each([
    [
      'syntax 1, the date as the subject',
      { to: `${ECOLE.pass}.${MOBILE}@smstob.com`, subject: AT_12_30 },
    ],
    [
      'syntax 3, the date after the number',
      { to: 'sms@smstob.com', subject: `${ECOLE.pass}:${MOBILE} ${AT_12_30}` },
    ],
    [
      'syntax 3, the date after a second colon',
      { to: 'sms@smstob.com', subject: `${ECOLE.pass}:${MOBILE}:${AT_12_30}` },
    ],
  ])('holds the SMS until the clock passes the date, for %s', async (_what, { to, subject }) => {
    const { messageId } = await smstob.sendMail({
      from: ECOLE.email,
      to,
      subject,
      text: 'Rendez-vous',
    })
    const reply = await smstob.replyTo(messageId)
    expect(reply.subject).toBe("SMStoB : confirmation d'envoi en différé (81)")
    expect(reply.text).toContain('Envoi prévu le 05/01/2026 à 12:30 (heure de Paris)')
    expect(await smstob.messages()).toEqual([
      expect.objectContaining({ status: 'scheduled', scheduledAt: '2026-01-05T11:30:00.000Z' }),
    ])
    await smstob.advance(3.5 * HOUR - 1)
    expect((await smstob.messages())[0]?.status).toBe('scheduled')
    await smstob.advance(1)
    expect((await smstob.messages())[0]).toMatchObject({
      status: 'delivered',
      deliveredAt: '2026-01-05T11:30:00.000Z',
    })
  })

  it('debits the deferred SMS when it is accepted, as http.php does', async () => {
    await smstob.send({ syntax: 3, ...SEND_BY_MAIL, diff: AT_12_30 })
    expect((await smstob.account()).credits).toBe(9)
  })

  it('sends at once a date already past, with a confirmation of 80', async () => {
    expect(await smstob.code({ syntax: 1, ...SEND_BY_MAIL, diff: '080005012026' })).toBe(80)
    expect((await smstob.messages())[0]?.status).toBe('delivered')
  })

  it('takes a Date from the client and writes it as Paris wall time', async () => {
    const at = new Date('2026-01-05T12:30:00+01:00')
    const sent = await smstob.send({ syntax: 1, ...SEND_BY_MAIL, diff: at })
    expect(sent.mail.subject).toBe(AT_12_30)
    expect((await smstob.messages())[0]?.scheduledAt).toBe(at.toISOString())
  })
})
