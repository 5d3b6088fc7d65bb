/**
 * A good Mail2SMS: the body goes to every mobile of the subject, one credit per part per
 * recipient, and nothing comes back — "Le flux réponse est renvoyé par email à l'adresse de
 * l'expéditeur uniquement en cas d'erreur".
 *
 * @see shared/specs/002_0241076537611203.txt — §2.1, §2.2 "REPONSE"
 */
import { describe, expect, it } from 'vitest'
import { CREDENTIALS, MOBILE, MOBILE_E164, useAllmysms } from '../helpers.ts'

describe('a Mail2SMS that succeeds, over SMTP', () => {
  const allmysms = useAllmysms()

  it('puts the body on the phone, from 36180, and mails nothing back', async () => {
    const sent = await allmysms.send({ text: 'Cours annulé demain à 9 h.' })
    expect(sent.accepted).toEqual(['mail2sms@allmysms.com'])
    expect(await allmysms.messages()).toEqual([
      expect.objectContaining({
        provider: 'allmysms',
        account: 'arthur45',
        transport: 'mail',
        from: '36180',
        to: MOBILE_E164,
        text: 'Cours annulé demain à 9 h.',
        encoding: 'gsm7',
        segments: 1,
        status: 'delivered',
      }),
    ])
    expect(await allmysms.mails()).toEqual([])
    expect((await allmysms.account()).credits).toBe(99)
  })

  it('sends to each of several ;-separated mobiles and charges parts × recipients', async () => {
    await allmysms.send({
      subject: `${CREDENTIALS}|${MOBILE};0614141515;+41791234567`,
      text: 'x'.repeat(170),
    })
    const messages = await allmysms.messages()
    expect(messages.map((m) => [m.to, m.segments])).toEqual([
      ['+33612121515', 2],
      ['+33614141515', 2],
      ['+41791234567', 2],
    ])
    expect((await allmysms.account()).credits).toBe(100 - 6)
  })

  it('journals 100, "Le message a été envoyé", with the SMS it created', async () => {
    await allmysms.send({})
    const [entry] = await allmysms.journal()
    const [sms] = await allmysms.messages()
    expect(entry).toMatchObject({
      provider: 'allmysms',
      transport: 'smtp',
      account: 'arthur45',
      code: 100,
      messages: [sms!.id],
      request: {
        to: 'mail2sms@allmysms.com',
        statusText: 'Le message a été envoyé',
        replied: false,
      },
    })
  })

  it('accepts mail2sms@allmysms.com written in any case', async () => {
    await allmysms.send({ to: 'Mail2SMS@AllMySMS.com' })
    expect(await allmysms.messages()).toHaveLength(1)
  })

  it('refuses any other allmysms address at RCPT TO with 550', async () => {
    await expect(allmysms.send({ to: 'sms@allmysms.com' })).rejects.toMatchObject({
      responseCode: 550,
    })
    expect(await allmysms.messages()).toEqual([])
  })
})
