/**
 * The codes of a mail to SMStoB that only a mail written by hand shows, through real SMTP
 * sessions; the answer read back from the reply mail SMStoB sends to the sender.
 * scenarios/smstob/mail.yaml produces every code 80–91 by mail, in each syntax where it applies,
 * with the reference client (test/conformance/suites.test.ts runs it); the client will not write
 * an empty password or number into an address, a second colon or a date where syntax 2 has none,
 * nor a mail without a sender, so those are here.
 *
 * @see shared/specs/001_3f6d8b77c0e17a78.txt — §2 "Envoi d'un SMS par e-mail" ("confirmation
 * d'envoi par e-mail, ou réception d'un message d'erreur"), §4 (the codes)
 */
import { describe, expect, it } from 'vitest'
import { ECOLE, MOBILE, SEND_BY_MAIL, useSmstobMail } from './helpers.ts'

describe('SMStoB by mail: the codes of mails written by hand', () => {
  const smstob = useSmstobMail()

  it.each([
    [
      '85 for syntax 3 with a date after a second colon',
      { to: 'sms@smstob.com', subject: `${ECOLE.pass}:${MOBILE}:12h30` },
      85,
    ],
    [
      '88 (no password) for syntax 1 with nothing before the dot',
      { to: `.${MOBILE}@smstob.com`, subject: '' },
      88,
    ],
    [
      '88 (no password) for syntax 2 with nothing after the dot',
      { to: 'sms.@smstob.com', subject: MOBILE },
      88,
    ],
    [
      '88 (no password) for syntax 3 with no colon in the subject',
      { to: 'sms@smstob.com', subject: MOBILE },
      88,
    ],
    [
      '89 (no number) for syntax 1 with nothing after the dot',
      { to: `${ECOLE.pass}.@smstob.com`, subject: '' },
      89,
    ],
    [
      '84 for syntax 2 with a date after the number: syntax 2 has no date',
      { to: `sms.${ECOLE.pass}@smstob.com`, subject: `${MOBILE} 123015092026` },
      84,
    ],
  ])('answers %s', async (_what, { to, subject }, code) => {
    const { messageId } = await smstob.sendMail({ from: ECOLE.email, to, subject, text: 'Bonjour' })
    expect((await smstob.replyTo(messageId)).subject).toBe(`SMStoB : message d'erreur (${code})`)
    expect(await smstob.messages()).toEqual([])
  })

  it('answers 87 to a mail with no sender address at all, and mails no one', async () => {
    await smstob.sendMail({
      envelope: { from: '', to: [`${ECOLE.pass}.${MOBILE}@smstob.com`] },
      to: `${ECOLE.pass}.${MOBILE}@smstob.com`,
      text: 'Bonjour',
    })
    expect(await smstob.journal()).toEqual([
      expect.objectContaining({ transport: 'smtp', code: 87 }),
    ])
    expect(await smstob.mails()).toEqual([])
  })

  it('sends a body longer than 160 characters in parts, cut at 10, as http.php does', async () => {
    const reply = await smstob.sendAndRead({
      syntax: 3,
      ...SEND_BY_MAIL,
      message: 'a'.repeat(2000),
    })
    expect(reply.code).toBe(80)
    expect(reply.mail.text).toContain('SMS débités : 10')
    expect(await smstob.messages()).toEqual([
      expect.objectContaining({ segments: 10, text: 'a'.repeat(1530) }),
    ])
  })
})
