/**
 * Code 105, "Flux XML Vide": for Mail2SMS, a mail with an empty subject — the subject is the
 * "flux" that carries every parameter (our reading).
 *
 * @see shared/specs/002_0241076537611203.txt — §2.1 "OBJET (OBJECT)", §2.2 (105)
 */
import { describe, expect, it } from 'vitest'
import { SCHOOL, useAllmysms } from '../helpers.ts'

describe('code 105 over SMTP', () => {
  const allmysms = useAllmysms()

  it.each([
    ['an empty subject', ''],
    ['a subject of spaces', '    '],
  ])('mails 105 back for %s', async (_case, subject) => {
    const reply = await allmysms.sendAndRead({ subject })
    expect(reply).toMatchObject({ status: 105, statusText: 'Flux XML Vide' })
    expect(reply.mail.to).toBe(SCHOOL)
    expect(await allmysms.messages()).toEqual([])
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
})
