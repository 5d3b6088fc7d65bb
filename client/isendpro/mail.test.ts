import { describe, expect, it } from 'vitest'
import {
  buildIsendproEnvoi,
  buildIsendproMail,
  buildMessageCsv,
  buildMobilesCsv,
  newEmailId,
} from './mail.ts'

const BASE = { keyid: 'a296464ce012b8ab710a', emailId: 1548 } as const

describe('buildIsendproEnvoi', () => {
  it('writes one recipient as <num>, in the document’s order', () => {
    expect(
      buildIsendproEnvoi({
        ...BASE,
        to: '0601020304',
        sms: "L'été est fini!",
        emetteur: 'MaSociete',
        emailNot: 'not@masociete.com',
        emailAck: 'ack@masociete.com',
      }),
    ).toBe(
      [
        '<envoi>',
        '<keyid>a296464ce012b8ab710a</keyid>',
        '<num>0601020304</num>',
        "<sms>L'été est fini!</sms>",
        '<emetteur>MaSociete</emetteur>',
        '<emailNot>not@masociete.com</emailNot>',
        '<emailAck>ack@masociete.com</emailAck>',
        '<emailId>1548</emailId>',
        '</envoi>',
        '',
      ].join('\n'),
    )
  })

  it.each([
    ['an empty keyid', { keyid: ' ' }],
    ['no recipient', { to: [] }],
    ['501 recipients', { to: Array.from({ length: 501 }, () => '0601020304') }],
    ['no text', { sms: undefined }],
    ['a digits-only emetteur', { emetteur: '36180' }],
    ['a 3-character emetteur', { emetteur: 'ESF' }],
    ['the letter Ö in the text', { sms: 'ÖSTERREICH' }],
    ['smslong 0', { smslong: 0 }],
    ['a line break in a number', { to: '06\n01' }],
  ])('refuses %s with a RangeError', (_case, fields) => {
    expect(() =>
      buildIsendproEnvoi({ ...BASE, to: '0601020304', sms: 'x', ...fields } as Parameters<
        typeof buildIsendproEnvoi
      >[0]),
    ).toThrow(RangeError)
  })
})

describe('the CSV attachments', () => {
  it('writes mobiles.csv with ";;" and message.csv on one line', () => {
    expect(
      buildMobilesCsv([
        { num: '0601020304', values: ['Michel', 'Martin', '10/10/2015'] },
        '0601020305',
      ]),
    ).toBe('0601020304;;Michel;;Martin;;10/10/2015\r\n0601020305\r\n')
    expect(buildMessageCsv('Bonjour [1],\nà demain')).toBe('Bonjour [1],Öà demain\r\n')
  })

  it('attaches them to a plain-text mail without num or sms in the body', () => {
    const mail = buildIsendproMail({
      ...BASE,
      from: 'app@masociete.com',
      csv: { mobiles: ['0601020304'], message: 'Bonjour' },
    })
    expect(mail).toMatchObject({
      from: 'app@masociete.com',
      to: 'sendsms@isendpro-api.com',
      subject: 'envoi 1548',
      attachments: [
        { filename: 'mobiles.csv', content: '0601020304\r\n' },
        { filename: 'message.csv', content: 'Bonjour\r\n' },
      ],
    })
    expect(mail.html).toBeUndefined()
    expect(mail.text).not.toContain('<num')
  })
})

describe('newEmailId', () => {
  it('makes numeric ids that do not repeat', () => {
    const ids = Array.from({ length: 1000 }, () => newEmailId())
    expect(new Set(ids).size).toBe(1000)
    expect(ids.every((id) => /^\d+$/.test(id))).toBe(true)
  })
})
