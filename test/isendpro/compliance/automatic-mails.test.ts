/**
 * Automatic mails over SMTP (the rule of simulators/core/reply-mail.ts, docs/decisions/015):
 * iSendPro's replies go to the addresses the `<envoi>` names (`emailAck`, `emailNot`), never to
 * the sender. A mail that says a program sent it is never answered — and not processed either,
 * so that an out-of-office reply quoting a request does not send it again; a bounce's null or
 * reporter sender concerns the sender only, so such a mail is processed and answered as any
 * other.
 *
 * @see shared/specs/003_757a0a2884dd0a0c.txt — III.5 "Réponses par e-mail" (nothing on
 * automatic mail: ours)
 */
import { describe, expect, it } from 'vitest'
import { answered, bounces, saysAutomatic } from '../../support/automatic-mails.ts'
import { APP, ISENDPRO, MOBILE_E164, useIsendpro } from '../helpers.ts'

describe('iSendPro and automatic mails, over SMTP', () => {
  const isendpro = useIsendpro()

  it.each(saysAutomatic())('neither processes nor answers $name', async ({ mail }) => {
    await isendpro.send({ mail })
    expect(await isendpro.mails()).toEqual([])
    expect(await isendpro.control.messages()).toEqual([])
    expect(await isendpro.control.journal()).toEqual([
      expect.objectContaining({ request: expect.objectContaining({ notProcessed: 'automatic' }) }),
    ])
  })

  it('processes a mail with the null sender and answers emailAck and emailNot', async () => {
    const nullSender = bounces(ISENDPRO, APP).find((c) => c.reason === 'null-sender')!
    const { emailId } = await isendpro.send({ mail: nullSender.mail })
    expect((await isendpro.ack(emailId)).code).toBe(0)
    expect((await isendpro.not(emailId)).sent).toBe(1)
    expect(await isendpro.control.messages()).toEqual([
      expect.objectContaining({ to: MOBILE_E164 }),
    ])
  })

  it.each(bounces(ISENDPRO, APP).filter((c) => c.reason === 'mailer-daemon'))(
    'answers emailAck and emailNot for $name (14: not an authorised domain)',
    async ({ mail }) => {
      const { emailId } = await isendpro.send({ mail })
      expect((await isendpro.ack(emailId)).code).toBe(0)
      expect((await isendpro.not(emailId)).general?.code).toBe(14)
    },
  )

  it.each(answered())('processes and answers a mail with $name', async ({ mail }) => {
    const { emailId } = await isendpro.send({ mail })
    expect((await isendpro.not(emailId)).sent).toBe(1)
  })
})
