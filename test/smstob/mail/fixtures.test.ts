/**
 * Real mails, as mail clients write them (simulators/smstob/fixtures/*.eml), sent byte for byte
 * over SMTP: what SMStoB reads as the SMS from each. "Les messages doivent toujours être
 * rédigés au format « TEXTE BRUT »": an HTML-only mail has no message.
 *
 * @see shared/specs/001_3f6d8b77c0e17a78.txt — §2 "message : 160 caractères", "Les messages
 * doivent toujours être rédigés au format « TEXTE BRUT »"
 */
import { describe, expect, it } from 'vitest'
import { readSmstobReply } from '../../../client/smstob/mail.ts'
import { NOT_PLAIN_TEXT_NOTE } from '../../../simulators/smstob/mail.ts'
import { ECOLE, MOBILE_E164, fixture, useSmstobMail } from './helpers.ts'

/** Each fixture: where it goes, the code SMStoB answers, and the SMS it sends. */
const FIXTURES = [
  {
    file: 'syntax1-plain.eml',
    what: 'a plain-text UTF-8 mail in syntax 1 with an empty subject',
    to: 'XV65JU.0660919010@smstob.com',
    messageId: '<3f1c2a9e-0b1d-4c55-9a0e-5d1e2b7f0a11@example.fr>',
    code: 80,
    text: 'Bonjour, le cours de ski commence à 9h.',
  },
  {
    file: 'syntax3-latin1-qp.eml',
    what: 'an Outlook mail in ISO-8859-1 quoted-printable, From in capitals',
    to: 'sms@SMStoB.com',
    messageId: '<20260105085512.4711@mail.example.fr>',
    code: 80,
    text: "Rendez-vous à 9h devant l'école. Prévoir les forfaits\net les gants.",
  },
  {
    file: 'syntax2-signature.eml',
    what: 'a multipart/alternative mail with a signature, the number written with spaces',
    to: 'sms.XV65JU@smstob.com',
    messageId: '<DB9PR01MB0001.signature@example.fr>',
    code: 80,
    text: 'Cours annulé demain : trop de vent.',
  },
  {
    file: 'syntax3-flowed-deferred.eml',
    what: 'a Thunderbird format=flowed mail with an encoded subject carrying a date',
    to: 'sms@smstob.com',
    messageId: '<8a7f2c1e-flowed@example.fr>',
    code: 81,
    text: 'Bonjour, le cours de demain est déplacé à 14h, rendez-vous au pied du télésiège.',
  },
] as const

describe('SMStoB by mail: real mails', () => {
  const smstob = useSmstobMail()

  it.each(FIXTURES)('reads $what ($file)', async ({ file, to, messageId, code, text }) => {
    await smstob.sendRaw(fixture(file), { from: ECOLE.email, to: [to] })
    const reply = await smstob.replyTo(messageId)
    expect(reply.to).toBe(ECOLE.email)
    expect(readSmstobReply(reply).code).toBe(code)
    expect(await smstob.messages()).toEqual([expect.objectContaining({ to: MOBILE_E164, text })])
  })

  it('answers 90 to an HTML-only mail, saying that messages must be plain text, and sends nothing', async () => {
    await smstob.sendRaw(fixture('syntax2-html-only.eml'), {
      from: ECOLE.email,
      to: ['sms.XV65JU@smstob.com'],
    })
    const reply = await smstob.replyTo('<CAF=html-only-1@mail.gmail.com>')
    expect(readSmstobReply(reply)).toMatchObject({ code: 90, kind: 'error' })
    expect(reply.text).toContain(NOT_PLAIN_TEXT_NOTE)
    expect(await smstob.messages()).toEqual([])
    expect((await smstob.account()).credits).toBe(10)
  })

  it('takes the From header, not the envelope sender, as the account', async () => {
    await smstob.sendRaw(fixture('syntax1-plain.eml'), {
      from: 'bounces+123@mailer.example.net',
      to: ['XV65JU.0660919010@smstob.com'],
    })
    expect(await smstob.journal()).toEqual([
      expect.objectContaining({ code: 80, account: ECOLE.email }),
    ])
  })
})
