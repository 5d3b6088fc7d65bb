/**
 * Automatic mails over SMTP (the rule of simulators/core/reply-mail.ts, docs/decisions/015):
 * Mail2SMS answers the sender, on error only; a mail that says a program sent it, and a bounce,
 * are decided like any other — the SMS go, the code is journalled — but never answered.
 *
 * @see shared/specs/002_0241076537611203.txt — §2.2 "Le flux réponse est renvoyé par email à
 * l'adresse de l'expéditeur uniquement en cas d'erreur" (nothing on automatic mail: ours)
 */
import { describe, expect, it } from 'vitest'
import { answered, bounces, saysAutomatic } from '../../support/automatic-mails.ts'
import { MAIL2SMS, MOBILE_E164, SCHOOL, useAllmysms } from '../helpers.ts'

const AUTOMATIC = [...saysAutomatic(), ...bounces(MAIL2SMS, SCHOOL)]

describe('allmysms and automatic mails, over SMTP', () => {
  const allmysms = useAllmysms()

  it.each(AUTOMATIC)('does not answer the error of $name', async ({ mail, reason }) => {
    await allmysms.send({ subject: '', ...mail })
    expect(await allmysms.mails()).toEqual([])
    expect(await allmysms.journal()).toEqual([
      expect.objectContaining({
        code: 105,
        request: expect.objectContaining({ replied: false, noReply: reason }),
      }),
    ])
  })

  it.each(AUTOMATIC)('still sends the SMS of $name', async ({ mail }) => {
    await allmysms.send(mail)
    expect(await allmysms.messages()).toEqual([
      expect.objectContaining({ to: MOBILE_E164, text: 'Bonjour' }),
    ])
    expect((await allmysms.journal())[0]?.code).toBe(100)
  })

  it.each(answered())('answers the error of a mail with $name', async ({ mail }) => {
    const reply = await allmysms.sendAndRead({ subject: '', ...mail })
    expect(reply.status).toBe(105)
    expect((await allmysms.journal())[0]?.request).not.toHaveProperty('noReply')
  })
})
