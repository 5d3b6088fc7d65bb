/**
 * The reference client of iSendPro's mail interface (`smsim/client`): {@link IsendproMailSender}
 * writes the `<envoi>` — inline, several recipients, personal texts, CSV attachments — and sends
 * it over SMTP; {@link readIsendproAck} and {@link readIsendproNot} read the replies.
 */
import { describe, expect, it } from 'vitest'
import { readIsendproAck, readIsendproNot } from '../../client/isendpro/replies.ts'
import { ACK, NOT, useIsendpro } from './helpers.ts'

describe('the iSendPro mail client against smsim', () => {
  const isendpro = useIsendpro()

  it('sends one text to several recipients, and reads the Ack and the Not', async () => {
    const sent = await isendpro.client().send({
      to: ['0601020304', '0600000011'],
      sms: 'Cours annulé demain.\nRDV au télésiège à 10 h.',
      emetteur: 'ESF Tignes',
      tracker: 'alerte_meteo',
    })
    expect(sent).toMatchObject({ accepted: ['sendsms@isendpro-api.com'], rejected: [] })
    expect(sent.emailId).toMatch(/^\d+$/)
    const ack = readIsendproAck((await isendpro.mails(ACK))[0]!)
    expect(ack).toEqual({
      kind: 'ack',
      emailId: sent.emailId,
      code: 0,
      message: 'Votre email a bien ete traite',
      documented: true,
      processed: true,
    })
    const not = readIsendproNot((await isendpro.mails(NOT))[0]!)
    expect(not).toMatchObject({
      emailId: sent.emailId,
      sent: 1,
      entries: [
        { code: 0, tel: '0601020304', sent: true },
        { code: 11, tel: '0600000011', sent: false },
      ],
    })
    expect((await isendpro.control.messages())[0]).toMatchObject({
      from: 'ESF Tignes',
      text: 'Cours annulé demain.\nRDV au télésiège à 10 h.\r\nSTOP SMS au 36105',
      meta: { tracker: 'alerte_meteo', emailId: sent.emailId, stopMention: true },
    })
  })

  it('sends personal texts', async () => {
    await isendpro.client().send({
      to: [
        { num: '0601020301', sms: 'Bonjour Jean' },
        { num: '0601020302', sms: 'Bonjour Marie' },
      ],
    })
    expect((await isendpro.control.messages()).map((m) => m.text)).toEqual([
      'Bonjour Jean',
      'Bonjour Marie',
    ])
  })

  it('sends CSV attachments', async () => {
    await isendpro.client().send({
      csv: {
        mobiles: [
          { num: '0601020301', values: ['Jean', 'Dupont', 'lundi'] },
          { num: '0601020302', values: ['Marie', 'Martin', 'mardi'] },
        ],
        message: 'Bonjour [1] [2], cours [3].',
      },
    })
    expect((await isendpro.control.messages()).map((m) => m.text)).toEqual([
      'Bonjour Jean Dupont, cours lundi.',
      'Bonjour Marie Martin, cours mardi.',
    ])
  })

  it('gives each mail a fresh emailId, so that none is taken for a duplicate', async () => {
    const first = await isendpro.client().send({ to: '0601020301', sms: 'a' })
    const second = await isendpro.client().send({ to: '0601020301', sms: 'a' })
    expect(first.emailId).not.toBe(second.emailId)
    expect((await isendpro.mails(ACK)).map((m) => readIsendproAck(m)?.code)).toEqual([0, 0])
  })
})
