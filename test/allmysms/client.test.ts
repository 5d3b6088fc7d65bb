/**
 * The reference client of Mail2SMS (`smsim/client`): {@link AllmysmsMailSender} writes the mail
 * and sends it over SMTP; {@link readAllmysmsReply} reads the error replies.
 */
import { describe, expect, it } from 'vitest'
import { readAllmysmsReply } from '../../client/allmysms/mail.ts'
import { useAllmysms } from './helpers.ts'

describe('the allmysms mail client against smsim', () => {
  const allmysms = useAllmysms()

  it('sends to several mobiles with a sender and the STOP mention', async () => {
    const sent = await allmysms.client().send({
      mobiles: ['0612121515', '41791234567'],
      from: 'ESF Tignes',
      text: 'Cours annulé demain à 9 h.\nSTOP au 36180',
    })
    expect(sent).toMatchObject({
      accepted: ['mail2sms@allmysms.com'],
      rejected: [],
      subject: 'arthur45@de135f8d2a091e4|0612121515;41791234567|from=ESF Tignes',
    })
    expect((await allmysms.messages()).map((m) => [m.to, m.from, m.text])).toEqual([
      ['+33612121515', 'ESF Tignes', 'Cours annulé demain à 9 h.\nSTOP au 36180'],
      ['+41791234567', 'ESF Tignes', 'Cours annulé demain à 9 h.\nSTOP au 36180'],
    ])
    expect(await allmysms.mails()).toEqual([])
  })

  it('writes a Date as Paris time, which smsim schedules', async () => {
    await allmysms.client().send({
      mobiles: '0612121515',
      text: 'Rappel',
      date: new Date('2026-01-06T07:00:00Z'),
    })
    expect((await allmysms.messages())[0]).toMatchObject({
      status: 'scheduled',
      scheduledAt: '2026-01-06T07:00:00.000Z',
    })
  })

  it('reads the reply smsim mails back for an error', async () => {
    await allmysms.setCredits(0)
    const sent = await allmysms.client().send({ mobiles: '0612121515', text: 'Bonjour' })
    const reply = readAllmysmsReply(await allmysms.replyTo(sent.messageId))
    expect(reply).toEqual({
      status: 104,
      statusText:
        'Crédit insuffisant pour traiter cet envoi. A utiliser: 1 Crédits, Disponibles: 0 Crédits. Veuillez re-créditer votre compte sur AllMySMS.com',
      documented: true,
      credits: { needed: 1, available: 0 },
    })
  })
})
