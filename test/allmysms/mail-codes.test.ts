/**
 * What Mail2SMS's codes are over SMTP, beyond what the YAML suites say.
 * scenarios/allmysms/codes.yaml produces every code of §2.2 through the gateway with the
 * reference client, and reads each error mail (test/conformance/suites.test.ts runs it,
 * coverage.test.ts checks every code is there). This file keeps what only a mail written by
 * hand shows: an envelope sender other than the From, a mail without a Subject header, an HTML
 * body with no text, an attachment alone, and the journal of a mail that names no account.
 *
 * @see shared/specs/002_0241076537611203.txt — §2.1 "FORMATAGE DE L'EMAIL", §2.2 "REPONSE"
 */
import { describe, expect, it } from 'vitest'
import { MOBILE, SCHOOL, useAllmysms } from './helpers.ts'

describe('the codes of Mail2SMS over SMTP', () => {
  const allmysms = useAllmysms()

  it('answers the From address, not the envelope sender', async () => {
    const sent = await allmysms.send({
      from: 'Jean <Jean.Dupont@Ecole-Ski.fr>',
      envelope: { from: 'bounces@relay.example', to: ['mail2sms@allmysms.com'] },
      subject: `nobody@x|${MOBILE}`,
    })
    expect((await allmysms.replyTo(sent.messageId)).to).toBe('jean.dupont@ecole-ski.fr')
  })

  it('journals a refused login (102) without an account', async () => {
    await allmysms.send({ subject: `nobody@x|${MOBILE}` })
    const [entry] = await allmysms.journal()
    expect(entry).toMatchObject({ transport: 'smtp', code: 102 })
    expect(entry).not.toHaveProperty('account')
  })

  it('mails 105 back for a mail with no Subject header at all', async () => {
    const raw = Buffer.from(
      `From: ${SCHOOL}\r\nTo: mail2sms@allmysms.com\r\nMessage-ID: <no-subject@ecole-ski.fr>\r\n\r\nBonjour\r\n`,
    )
    await allmysms.sendRaw(raw)
    expect((await allmysms.replyTo('<no-subject@ecole-ski.fr>')).subject).toBe(
      'Mail2SMS : erreur 105',
    )
  })

  it('mails 110 back for an HTML body with no text in it', async () => {
    const reply = await allmysms.sendAndRead({ text: undefined, html: '<p><br></p>' })
    expect(reply).toMatchObject({
      status: 110,
      statusText: 'Message non défini (vide) dans le flux XML',
    })
    expect(reply.mail.account).toBe('arthur45')
    expect(await allmysms.messages()).toEqual([])
  })

  it('mails 110 back for a mail whose only part is an attachment', async () => {
    const sent = await allmysms.send({
      text: undefined,
      attachments: [{ filename: 'message.txt', content: 'Bonjour' }],
    })
    expect((await allmysms.replyTo(sent.messageId)).to).toBe(SCHOOL)
    expect((await allmysms.journal())[0]?.code).toBe(110)
  })
})
