/**
 * The Ack: whether the mail itself was processed. "Si 2 e-mails sont reçus avec le même emailId,
 * alors le 2nd ne sera pas traité" (Ack 1); no emailId, nothing processed (Ack 2, emailId `?`);
 * else Ack 0, and the sends are in the Not.
 *
 * @see shared/specs/003_757a0a2884dd0a0c.txt — III "L'argument emailId…", III.5 "Ack"
 */
import { describe, expect, it } from 'vitest'
import { maskSecret } from '../../../simulators/core/secrets.ts'
import { ACK, KEYID, NOT, useIsendpro } from '../helpers.ts'

describe('the Ack over SMTP', () => {
  const isendpro = useIsendpro()

  it('acks 0 in the documented form', async () => {
    const { ack } = await isendpro.sendAndRead({ emailId: '1548' })
    expect(ack.mail).toMatchObject({
      from: 'sendsms@isendpro-api.com',
      to: ACK,
      subject: 'iSendPro Ack 1548',
      account: maskSecret(KEYID),
      text: '<?xml version="1.0" encoding="ISO-8859-1"?>\n<etatAck>\n<emailId>1548</emailId>\n<code>0</code>\n<message>Votre email a bien ete traite</message>\n</etatAck>\n',
    })
  })

  it('acks 1 for a second mail with the same emailId, and sends nothing more', async () => {
    await isendpro.send({ emailId: '1548' })
    const second = await isendpro.send({ emailId: '1548', sms: 'Autre texte' })
    const acks = (await isendpro.mails(ACK)).map((m) => m.text)
    expect(acks[1]).toBe(
      '<?xml version="1.0" encoding="ISO-8859-1"?>\n<etatAck>\n<emailId>1548</emailId>\n<code>1</code>\n<message>emailId deja traite</message>\n</etatAck>\n',
    )
    expect(await isendpro.mails(NOT)).toHaveLength(1)
    expect(await isendpro.control.messages()).toHaveLength(1)
    expect(await isendpro.credits()).toBe(99)
    expect((await isendpro.control.journal())[1]).toMatchObject({ code: 'ack 1' })
    expect(second.accepted).toEqual(['sendsms@isendpro-api.com'])
  })

  it('acks 2 with "?" for a mail without emailId, and processes nothing', async () => {
    await isendpro.sendText(
      `<envoi><keyid>${KEYID}</keyid><num>0601020304</num><sms>Bonjour</sms><emailAck>${ACK}</emailAck><emailNot>${NOT}</emailNot></envoi>`,
    )
    const ack = await isendpro.ack(undefined)
    expect(ack).toMatchObject({ code: 2, message: 'emailId non renseigne', processed: false })
    expect(ack.mail.text).toContain('<emailId>?</emailId>')
    expect(await isendpro.mails(NOT)).toEqual([])
    expect(await isendpro.control.messages()).toEqual([])
  })

  it('keeps emailIds per account', async () => {
    await isendpro.control.createAccount({
      id: 'autre',
      credits: 10,
      options: { senderDomains: ['masociete.com'] },
    })
    await isendpro.send({ emailId: '7' })
    const other = await isendpro.send({ keyid: 'autre', emailId: '7' })
    expect(other.accepted).toHaveLength(1)
    expect((await isendpro.mails(ACK)).map((m) => m.text.match(/<code>(\d)<\/code>/)?.[1])).toEqual(
      ['0', '0'],
    )
  })

  it('counts a mail refused as a whole as processed: resending it at 9:00 gives Ack 1', async () => {
    await isendpro.control.setClock('2026-01-06T21:00:00+01:00')
    expect((await isendpro.sendAndRead({ emailId: 'soir' })).not?.general?.code).toBe(24)
    await isendpro.control.setClock('2026-01-07T09:00:00+01:00')
    await isendpro.send({ emailId: 'soir' })
    expect((await isendpro.mails(ACK)).at(-1)?.text).toContain('<code>1</code>')
  })

  it('sends no Ack without emailAck, and no Not without emailNot', async () => {
    await isendpro.sendText(
      `<envoi><keyid>${KEYID}</keyid><num>0601020304</num><sms>Bonjour</sms><emailId>8</emailId></envoi>`,
    )
    expect(await isendpro.mails()).toEqual([])
    expect(await isendpro.control.messages()).toHaveLength(1)
  })
})
