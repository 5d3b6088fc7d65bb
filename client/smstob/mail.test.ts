import { describe, expect, it } from 'vitest'
import { buildSmstobMail, readSmstobReply } from './mail.ts'

const BASE = { from: 'ecole@example.fr', pass: 'XV65JU', numero: '0660919010', message: 'Bonjour' }

describe('buildSmstobMail', () => {
  it('writes syntax 1 as password.numero@smstob.com with the date as subject', () => {
    expect(buildSmstobMail({ syntax: 1, ...BASE })).toEqual({
      from: 'ecole@example.fr',
      to: 'XV65JU.0660919010@smstob.com',
      subject: '',
      text: 'Bonjour',
    })
    expect(
      buildSmstobMail({ syntax: 1, ...BASE, diff: new Date('2004-09-15T12:30:00+02:00') }),
    ).toMatchObject({ subject: '123015092004' })
  })

  it('writes syntax 2 as sms.password@smstob.com with the number or group as subject', () => {
    expect(buildSmstobMail({ syntax: 2, ...BASE, numero: ' moniteurs ' })).toEqual({
      from: 'ecole@example.fr',
      to: 'sms.XV65JU@smstob.com',
      subject: 'moniteurs',
      text: 'Bonjour',
    })
  })

  it('writes syntax 3 as sms@smstob.com with password:numero and the date after a space', () => {
    expect(buildSmstobMail({ syntax: 3, ...BASE })).toMatchObject({
      to: 'sms@smstob.com',
      subject: 'XV65JU:0660919010',
    })
    expect(buildSmstobMail({ syntax: 3, ...BASE, diff: '123015092004' })).toMatchObject({
      subject: 'XV65JU:0660919010 123015092004',
    })
  })

  it('drops the spaces of a number written in the address', () => {
    expect(buildSmstobMail({ syntax: 1, ...BASE, numero: '06 60 91 90 10' }).to).toBe(
      'XV65JU.0660919010@smstob.com',
    )
  })

  it('refuses what a syntax cannot carry, saying which syntax can', () => {
    expect(() => buildSmstobMail({ syntax: 1, ...BASE, numero: 'moniteurs ski' })).toThrow(
      /cannot be written in an address \(syntax 1\); use syntax 3/,
    )
    expect(() => buildSmstobMail({ syntax: 1, ...BASE, pass: 'a.b' })).toThrow(/use syntax 2 or 3/)
    expect(() => buildSmstobMail({ syntax: 2, ...BASE, pass: 'mot de passe' })).toThrow(RangeError)
    expect(() => buildSmstobMail({ syntax: 2, ...BASE, diff: '123015092004' } as never)).toThrow(
      /syntax 2 has no deferred date/,
    )
    expect(() => buildSmstobMail({ syntax: 3, ...BASE, pass: 'a:b' })).toThrow(/":"/)
  })
})

describe('readSmstobReply', () => {
  it('reads a mail that only quotes the document’s text, whatever its accents and case', () => {
    expect(
      readSmstobReply({ subject: 'Erreur', text: 'Le numero de GSM n’est pas valide.' }),
    ).toMatchObject({ code: 84, ok: false })
  })

  it('reads a non-delivery notice', () => {
    expect(
      readSmstobReply({
        subject: 'SMStoB : message non remis au 0600000010',
        text: "Votre message … n'a pas pu être déposé sur le portable du destinataire.",
      }),
    ).toMatchObject({ kind: 'non-delivery', ok: false, code: undefined })
  })

  it('says when a mail is not a reply it knows', () => {
    expect(readSmstobReply({ subject: 'Newsletter', text: 'Promotions' })).toEqual({
      kind: 'unknown',
      ok: false,
      code: undefined,
      meaning: 'not an SMStoB reply: Newsletter',
    })
  })
})
