import nodemailer, { type SendMailOptions } from 'nodemailer'
import { describe, expect, it } from 'vitest'
import {
  AllmysmsMailSender,
  allmysmsCodeOf,
  buildAllmysmsSubject,
  formatMail2SmsDate,
  readAllmysmsReply,
} from './mail.ts'

const CREDENTIALS = { login: 'arthur45', apiKey: 'de135f8d2a091e4' }

describe('buildAllmysmsSubject', () => {
  it('writes the document’s template with every option', () => {
    expect(
      buildAllmysmsSubject({
        ...CREDENTIALS,
        mobiles: ['33612121515', '33614141515'],
        from: 'MAGASIN',
        date: '2015-09-29 14:00:00',
      }),
    ).toBe('arthur45@de135f8d2a091e4|33612121515;33614141515|from=MAGASIN|date=2015-09-29 14:00:00')
  })

  it('writes only the mandatory parts when there is no option', () => {
    expect(buildAllmysmsSubject({ ...CREDENTIALS, mobiles: '0612121515' })).toBe(
      'arthur45@de135f8d2a091e4|0612121515',
    )
  })

  it('writes a Date as Paris wall time', () => {
    expect(
      buildAllmysmsSubject({
        ...CREDENTIALS,
        mobiles: '0612121515',
        date: new Date('2026-01-05T09:30:00Z'),
      }),
    ).toBe('arthur45@de135f8d2a091e4|0612121515|date=2026-01-05 10:30:00')
  })

  it.each([
    ['an empty login', { login: '' }],
    ['an apiKey with @', { apiKey: 'a@b' }],
    ['no number', { mobiles: [] }],
    ['an empty number', { mobiles: ['0612121515', ' '] }],
    ['two numbers in one string', { mobiles: '0612121515;0614141515' }],
    ['a | in the login', { login: 'a|b' }],
    ['a sender starting with a digit', { from: '3Suisses' }],
    ['a sender of 12 characters', { from: 'ABCDEFGHIJKL' }],
    ['an accented sender', { from: 'École' }],
    ['a date in French order', { date: '05/01/2026 10:00:00' }],
  ])('refuses %s with a RangeError', (_case, change) => {
    expect(() =>
      buildAllmysmsSubject({ ...CREDENTIALS, mobiles: '0612121515', ...change }),
    ).toThrow(RangeError)
  })
})

describe('formatMail2SmsDate', () => {
  it('writes the document’s example from its instant (summer time)', () => {
    expect(formatMail2SmsDate(new Date('2015-09-29T12:00:00Z'))).toBe('2015-09-29 14:00:00')
  })

  it('writes midnight as 00, not 24', () => {
    expect(formatMail2SmsDate(new Date('2026-01-04T23:00:00Z'))).toBe('2026-01-05 00:00:00')
  })
})

describe('AllmysmsMailSender', () => {
  it('sends to mail2sms@allmysms.com with the subject it built', async () => {
    const transport = nodemailer.createTransport({ jsonTransport: true })
    const sender = new AllmysmsMailSender({ ...CREDENTIALS, mailFrom: 'jean@ecole.fr', transport })
    const sent = await sender.send({ mobiles: ['0612121515', '41791234567'], text: 'Bonjour' })
    expect(sent).toMatchObject({
      subject: 'arthur45@de135f8d2a091e4|0612121515;41791234567',
      messageId: expect.stringMatching(/^<.+>$/),
    })
  })

  it('writes no HTML part and declares UTF-8', async () => {
    let raw = ''
    const transport = nodemailer.createTransport({ streamTransport: true, buffer: true })
    const sender = new AllmysmsMailSender({ ...CREDENTIALS, mailFrom: 'jean@ecole.fr', transport })
    const original = transport.sendMail.bind(transport)
    transport.sendMail = (async (mail: SendMailOptions) => {
      const info = await original(mail)
      raw = (info.message as Buffer).toString()
      return info
    }) as typeof transport.sendMail
    await sender.send({ mobiles: '0612121515', text: 'côté' })
    expect(raw).toMatch(/^Content-Type: text\/plain; charset=utf-8/m)
    expect(raw).not.toMatch(/text\/html/)
    expect(raw).toMatch(/^To: mail2sms@allmysms.com/m)
    expect(raw).toMatch(/^From: jean@ecole.fr/m)
    expect(raw).toMatch(/^Subject: arthur45@de135f8d2a091e4\|0612121515/m)
  })

  it('refuses to send a subject allmysms would misread', async () => {
    const transport = nodemailer.createTransport({ jsonTransport: true })
    const sender = new AllmysmsMailSender({ ...CREDENTIALS, mailFrom: 'jean@ecole.fr', transport })
    await expect(sender.send({ mobiles: '0612121515', text: 'x', from: 'AB' })).rejects.toThrow(
      RangeError,
    )
  })
})

describe('readAllmysmsReply', () => {
  it('reads the Status and StatusText lines smsim writes', () => {
    expect(
      readAllmysmsReply({
        text: 'Status: 102\nStatusText: Problème de connexion - Aucun compte ne correspond aux clientcode et apiKey spécifiés\n',
      }),
    ).toEqual({
      status: 102,
      statusText:
        'Problème de connexion - Aucun compte ne correspond aux clientcode et apiKey spécifiés',
      documented: true,
    })
  })

  it('reads code 104’s figures', () => {
    const reply = readAllmysmsReply({
      text: 'Status: 104\nStatusText: Crédit insuffisant pour traiter cet envoi. A utiliser: 16 Crédits, Disponibles: 3 Crédits. Veuillez re-créditer votre compte sur AllMySMS.com\n',
    })
    expect(reply).toMatchObject({ status: 104, credits: { needed: 16, available: 3 } })
    expect(allmysmsCodeOf(reply!)).toBe(104)
  })

  it('reads the v9.0 JSON form', () => {
    expect(readAllmysmsReply({ text: '{"status":105,"statusText":"Flux XML Vide"}' })).toEqual({
      status: 105,
      statusText: 'Flux XML Vide',
      documented: true,
    })
  })

  it('reads an XML form', () => {
    expect(
      readAllmysmsReply({
        text: '<response><status>110</status><statusText>Message non défini (vide) dans le flux XML</statusText></response>',
      }),
    ).toMatchObject({ status: 110, statusText: 'Message non défini (vide) dans le flux XML' })
  })

  it('recognises one of the document’s texts written without field names', () => {
    expect(
      readAllmysmsReply({
        text: 'Erreur :\nLe message dépasse le nombre de caractères autorisé\n',
      }),
    ).toMatchObject({ status: 111, documented: true })
  })

  it('reads an undocumented status as such', () => {
    expect(readAllmysmsReply({ text: 'Status: 113\nStatusText: Certains numéros…' })).toMatchObject(
      { status: 113, documented: false },
    )
  })

  it('answers undefined for a mail that is not an allmysms reply', () => {
    expect(readAllmysmsReply({ text: 'Bonjour, voici la facture.' })).toBeUndefined()
    expect(readAllmysmsReply({ text: false })).toBeUndefined()
  })
})
