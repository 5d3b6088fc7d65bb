/** iSendPro's mail decision: a mail that is sent, and mails that are not processed at all. */
import { describe, expect, it } from 'vitest'
import { ACK, credits, envoi, KEYID, send, setup } from './decide-testing.ts'
import { smsText } from './message.ts'

describe('a mail that is processed and sent', () => {
  it('sends the SMS, debits one credit, acks 0 and notifies 0 in the single form', () => {
    const store = setup()
    const result = send(store)
    expect(result.reply).toMatchObject({ ack: 0, emailId: '1548', keyid: KEYID })
    expect(result.sms).toEqual([
      expect.objectContaining({
        provider: 'isendpro',
        account: KEYID,
        transport: 'mail',
        from: '36105',
        to: '+33601020304',
        text: 'Bonjour',
        segments: 1,
        status: 'delivered',
      }),
    ])
    expect(credits(store)).toBe(99)
    expect(result.ack).toMatchObject({ to: ACK, account: KEYID })
    expect(result.ack?.text).toContain('<code>0</code>')
    expect(result.not?.text).toContain(
      '<etat>\n<code>0</code>\n<tel>0601020304</tel>\n<message>Votre message a bien été envoyé</message>\n</etat>',
    )
    expect(result.code).toBe(0)
  })

  it('sends one text to num1…numN and smsX to numX, with sms for the others', () => {
    const store = setup()
    const result = send(store, {
      text: envoi({
        num: undefined,
        num1: '0601020304',
        num2: '0601020305',
        num3: '0601020306',
        sms2: 'Texte 2',
        sms: 'Texte commun',
      }),
    })
    expect(result.sms.map((s) => [s.to, s.text])).toEqual([
      ['+33601020304', 'Texte commun'],
      ['+33601020305', 'Texte 2'],
      ['+33601020306', 'Texte commun'],
    ])
    expect(result.not?.text).toContain('<etat3>\n<code3>0</code3>\n<tel3>0601020306</tel3>')
  })

  it('reads num before num1 and numbers in index order, skipping empty ones', () => {
    const result = send(setup(), {
      text: envoi({ num: '0601020304', num10: '0601020310', num2: '0601020302', num3: '' }),
    })
    expect(result.reply.recipients.map((r) => r.tel)).toEqual([
      '0601020304',
      '0601020302',
      '0601020310',
    ])
  })

  it('sends to the same number twice when it is written twice, and charges both', () => {
    const store = setup()
    const result = send(store, {
      text: envoi({ num: undefined, num1: '0601020304', num2: '33601020304' }),
    })
    expect(result.sms).toHaveLength(2)
    expect(credits(store)).toBe(98)
  })

  it('turns Ö into a line break, and keeps ö', () => {
    const result = send(setup(), { text: envoi({ sms: 'BonjourÖÀ demain, à Zürich ö' }) })
    expect(result.sms[0]?.text).toBe('Bonjour\nÀ demain, à Zürich ö')
  })

  it('keeps the tracker on the SMS', () => {
    const result = send(setup(), { text: envoi({ tracker: 'monCompte_monId' }) })
    expect(result.sms[0]?.meta).toMatchObject({ tracker: 'monCompte_monId', emailId: '1548' })
  })
})

describe('mails that are not processed at all', () => {
  it.each([
    ['an HTML mail', { plainText: false }, 'not-plain-text'],
    ['an automatic mail', { automatic: true }, 'automatic'],
    ['a body without <envoi>', { text: 'Bonjour' }, 'no-envoi'],
    ['a DOCTYPE', { text: `<!DOCTYPE envoi>${envoi()}` }, 'declaration'],
    ['an unclosed element', { text: '<envoi><keyid>k</keyid><sms>x</envoi>' }, 'malformed'],
    ['an envoi over 1 MiB', { text: envoi({ sms: 'x'.repeat(1_048_576) }) }, 'too-large'],
  ] as const)('does nothing for %s: no reply, no SMS', (_case, fields, reason) => {
    const store = setup()
    const result = send(store, fields)
    expect(result.reply.notProcessed).toBe(reason)
    expect(result.effects).toEqual([])
    expect(result.code).toBeUndefined()
  })
})

describe('smsText', () => {
  it('turns a decomposed Ö into a line break too', () => {
    expect(smsText('aO\u0308b')).toBe('a\nb')
  })
})
