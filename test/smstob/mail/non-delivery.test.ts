/**
 * An SMS sent by mail that the network cannot deliver comes back as an error mail to the
 * account's registered address — the address the mail was sent from.
 *
 * @see shared/specs/001_3f6d8b77c0e17a78.txt — §2 "réception d'un message d'erreur si
 * l'opérateur n'a pas pu déposer le message sur le portable du destinataire"
 */
import { describe, expect, it } from 'vitest'
import { readSmstobReply } from '../../../client/smstob/mail.ts'
import { ECOLE, HOUR, SEND_BY_MAIL, useSmstobMail } from './helpers.ts'

describe('SMStoB by mail: non-delivery', () => {
  const smstob = useSmstobMail()

  it('mails the sender a confirmation, then the notice that the number could not be reached', async () => {
    // 06 00 00 00 10: the magic number that is not assigned (simulators/core/numbers.ts).
    const sent = await smstob.send({ syntax: 1, ...SEND_BY_MAIL, numero: '0600000010' })
    const mails = await smstob.mails(ECOLE.email)
    expect(mails.map((m) => m.subject)).toEqual([
      "SMStoB : confirmation d'envoi (80)",
      'SMStoB : message non remis au 0600000010',
    ])
    expect(mails[0]?.headers?.['In-Reply-To']).toBe(sent.messageId)
    expect(readSmstobReply(mails[1]!)).toMatchObject({ kind: 'non-delivery', ok: false })
    expect(mails[1]?.text).toContain("le numéro n'est pas attribué")
  })

  it('says when the message was sent in French, in Paris time', async () => {
    // 08:00 UTC on a winter Monday: 09:00 in Paris (MONDAY_9H, the suite's frozen clock).
    await smstob.send({ syntax: 1, ...SEND_BY_MAIL, numero: '0600000010' })
    const notice = (await smstob.mails(ECOLE.email))[1]!
    expect(notice.text.split('\n')[0]).toBe(
      "Votre message envoyé le 05/01/2026 à 09:00 au 0600000010 n'a pas pu être déposé sur le portable du destinataire.",
    )
    expect(notice.text).not.toMatch(/\d{4}-\d\d-\d\dT/)
  })

  it('writes a summer date in Paris summer time', async () => {
    // 08:00 UTC in July: 10:00 in Paris (CEST, UTC+2).
    await smstob.smsim.control.put('/clock', { now: '2026-07-06T08:00:00Z', frozen: true })
    await smstob.send({ syntax: 1, ...SEND_BY_MAIL, numero: '0600000010' })
    const notice = (await smstob.mails(ECOLE.email))[1]!
    expect(notice.text).toMatch(/^Votre message envoyé le 06\/07\/2026 à 10:00 au 0600000010 /)
  })

  it('mails the notice when a phone stays off longer than the SMS lifetime', async () => {
    await smstob.patchAccount(ECOLE.email, { options: { lifetimeHours: 1 } })
    await smstob.setNumber('0660919010', { status: 'absent' })
    await smstob.send({ syntax: 3, ...SEND_BY_MAIL })
    expect(await smstob.mails(ECOLE.email)).toHaveLength(1)
    await smstob.advance(HOUR)
    const notice = (await smstob.mails(ECOLE.email))[1]
    expect(notice).toMatchObject({
      to: ECOLE.email,
      subject: 'SMStoB : message non remis au 0660919010',
    })
  })

  it('sends the notice to the registered address however the sender wrote it', async () => {
    await smstob.sendMail({
      from: '"École" <Ecole@Example.FR>',
      to: `${ECOLE.pass}.0600000010@smstob.com`,
      text: 'Bonjour',
    })
    expect((await smstob.mails(ECOLE.email)).map((m) => m.to)).toEqual([ECOLE.email, ECOLE.email])
  })
})
