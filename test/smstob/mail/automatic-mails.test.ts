/**
 * Automatic mails over SMTP (the rule of simulators/core/reply-mail.ts, docs/decisions/015):
 * SMStoB answers every mail's sender, with a confirmation or an error mail; a mail that says a
 * program sent it, and a bounce, are decided like any other — the SMS go, the credits are
 * taken, the code is journalled — but never answered. Until issue 11 SMStoB answered them all.
 *
 * @see shared/specs/001_3f6d8b77c0e17a78.txt — §2 "confirmation d'envoi par e-mail, ou
 * réception d'un message d'erreur" (nothing on automatic mail: ours)
 */
import { describe, expect, it } from 'vitest'
import {
  answered,
  bounces,
  saysAutomatic,
  type AutomaticCase,
} from '../../support/automatic-mails.ts'
import { ECOLE, MOBILE, MOBILE_E164, useSmstobMail } from './helpers.ts'

/** Syntax 2: the password in the address, the number in the subject. */
const ADDRESS = `sms.${ECOLE.pass}@smstob.com`
const request = (subject: string) => ({ from: ECOLE.email, to: ADDRESS, subject, text: 'Bonjour' })
/** A bounce whose From is the school's own address (a null sender), not a reporter's. */
const fromTheSchool = (c: AutomaticCase) => c.mail.from === ECOLE.email

describe('SMStoB and automatic mails, over SMTP', () => {
  const smstob = useSmstobMail()

  it.each([...saysAutomatic(), ...bounces(ADDRESS, ECOLE.email).filter(fromTheSchool)])(
    'sends the SMS of $name, and no confirmation',
    async ({ mail, reason }) => {
      await smstob.sendMail({ ...request(MOBILE), ...mail })
      expect(await smstob.mails()).toEqual([])
      expect(await smstob.messages()).toEqual([
        expect.objectContaining({ to: MOBILE_E164, text: 'Bonjour' }),
      ])
      expect(await smstob.journal()).toEqual([
        expect.objectContaining({
          code: 80,
          request: expect.objectContaining({ noReply: reason }),
        }),
      ])
    },
  )

  it.each(bounces(ADDRESS, ECOLE.email).filter((c) => !fromTheSchool(c)))(
    'sends no error mail to $name (82: no account has that address)',
    async ({ mail, reason }) => {
      await smstob.sendMail({ ...request(MOBILE), ...mail })
      expect(await smstob.mails()).toEqual([])
      expect(await smstob.journal()).toEqual([
        expect.objectContaining({
          code: 82,
          request: expect.objectContaining({ noReply: reason }),
        }),
      ])
    },
  )

  it.each(saysAutomatic())('sends no error mail to $name', async ({ mail }) => {
    await smstob.sendMail({ ...request('0145454545'), ...mail })
    expect(await smstob.mails()).toEqual([])
    expect((await smstob.journal())[0]?.code).toBe(84)
  })

  it.each(answered())('confirms a mail with $name', async ({ mail }) => {
    const { messageId } = await smstob.sendMail({ ...request(MOBILE), ...mail })
    expect((await smstob.replyTo(messageId)).subject).toBe("SMStoB : confirmation d'envoi (80)")
  })
})
