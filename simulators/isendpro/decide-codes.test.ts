/**
 * iSendPro's mail decision: the codes that answer the whole mail (24, the commercial window,
 * among them) and those that answer one recipient. The file ends by checking that its tests
 * produced every code of the table.
 */
import { afterAll, describe, expect, it } from 'vitest'
import { MemoryStore } from '../core/memory-store.ts'
import { ISENDPRO_CODES } from './codes.ts'
import { codes, credits, envoi, KEYID, NOW, produced, send, setup } from './decide-testing.ts'
import { journalCode } from './decide.ts'

describe('codes that answer the whole mail', () => {
  it.each([
    ['no keyid element', { keyid: undefined }, 1],
    ['an empty keyid', { keyid: '' }, 2],
    ['an unknown keyid', { keyid: 'a296464ce012b8ab710b' }, 3],
    ['a keyid in another case', { keyid: KEYID.toUpperCase() }, 3],
    ['an empty emetteur', { emetteur: '' }, 16],
    ['an emetteur of digits only', { emetteur: '0601020304' }, 33],
    ['an emetteur of 3 characters', { emetteur: 'ESF' }, 33],
    ['an emetteur of 12 characters', { emetteur: 'MaSociete123' }, 33],
    ['an accented emetteur', { emetteur: 'Société' }, 33],
    ['smslong not an integer', { smslong: 'deux' }, 34],
    ['smslong 2.5', { smslong: '2.5' }, 34],
    ['smslong 0', { smslong: '0' }, 34],
    ['no number', { num: undefined }, 6],
    ['only an empty num', { num: '' }, 6],
    ['a num501', { num501: '0601020304' }, 23],
    ['an sms501', { sms501: 'x' }, 23],
  ] as const)('answers %s with %s, sends nothing and debits nothing', (_case, fields, code) => {
    const store = setup()
    const result = send(store, { text: envoi(fields as Record<string, string | undefined>) })
    expect(result.reply).toMatchObject({ ack: 0, requestCode: code, recipients: [] })
    expect(result.not?.text).toBe(
      [
        '<?xml version="1.0" encoding="ISO-8859-1"?>',
        '<etatNot>',
        '<emailId>1548</emailId>',
        '</etatNot>',
        '<etat>',
        `<code>${code}</code>`,
        '<tel></tel>',
        `<message>${ISENDPRO_CODES.find((c) => c.code === code)!.text.replaceAll('<', '&lt;')}</message>`,
        '</etat>',
        '',
      ].join('\n'),
    )
    expect(result.sms).toEqual([])
    expect(credits(store)).toBe(100)
    expect(result.code).toBe(code)
  })

  it('answers 23 for 501 numbers, and sends to exactly 500', () => {
    const nums = (n: number) =>
      Object.fromEntries(
        Array.from({ length: n }, (_, i) => [`num${i + 1}`, `06${String(10_000_000 + i)}`]),
      )
    expect(send(setup(), { text: envoi({ num: undefined, ...nums(501) }) }).reply.requestCode).toBe(
      23,
    )
    const store = setup(1000)
    const result = send(store, { text: envoi({ num: undefined, ...nums(500) }) })
    expect(result.sms).toHaveLength(500)
    expect(credits(store)).toBe(500)
  })

  it('answers 14 to a sender whose domain is not authorised, subdomains included', () => {
    for (const sender of ['app@gmail.com', 'app@mail.masociete.com', 'app@masociete.co']) {
      expect(send(setup(), { sender }).reply.requestCode).toBe(14)
    }
    expect(send(setup(), { sender: 'App@MaSociete.COM' }).reply.requestCode).toBeUndefined()
  })

  it('answers 14 on an account that lists no domain', () => {
    const store = new MemoryStore()
    store.createAccount({ provider: 'isendpro', id: KEYID, credits: 10 }, NOW)
    expect(send(store).reply.requestCode).toBe(14)
  })

  it('answers 30 when the sender has no domain to read', () => {
    for (const sender of ['', 'root', 'root@']) {
      expect(send(setup(), { sender }).reply.requestCode).toBe(30)
    }
  })

  it('answers a fault’s 29 or 999 instead of deciding, and remembers nothing', () => {
    const store = setup()
    const refused = send(store, {}, NOW, 29)
    expect(refused.reply).toMatchObject({ ack: 0, requestCode: 29 })
    expect(refused.not?.text).toContain(
      '<message>Nous ne pouvons donner suite à votre demande (overflow)</message>',
    )
    expect(send(store, {}, NOW, 999).reply.requestCode).toBe(999)
    expect(send(store).reply.recipients[0]?.code).toBe(0)
  })

  it('checks the keyid before the sender’s domain, and the domain before the rest', () => {
    expect(
      send(setup(), { sender: 'x@gmail.com', text: envoi({ keyid: 'nobody' }) }).reply.requestCode,
    ).toBe(3)
    expect(
      send(setup(), { sender: 'x@gmail.com', text: envoi({ emetteur: '' }) }).reply.requestCode,
    ).toBe(14)
    expect(send(setup(), { text: envoi({ emetteur: '', num: undefined }) }).reply.requestCode).toBe(
      16,
    )
  })
})

describe('code 24: the commercial time window', () => {
  it.each([
    ['21:00 on a weekday', '2026-01-05T21:00:00+01:00', 24],
    ['07:59 on a weekday', '2026-01-06T07:59:00+01:00', 24],
    ['08:00 on a weekday', '2026-01-06T08:00:00+01:00', undefined],
    ['19:59 on a Saturday', '2026-01-10T19:59:00+01:00', undefined],
    ['10:00 on a Sunday', '2026-01-11T10:00:00+01:00', 24],
    ['10:00 on 14 July', '2026-07-14T10:00:00+02:00', 24],
    ['10:00 on Easter Monday', '2026-04-06T10:00:00+02:00', 24],
    ['10:00 on a Monday', '2026-01-12T10:00:00+01:00', undefined],
  ])('at %s answers %s', (_case, at, code) => {
    expect(send(setup(), {}, new Date(at)).reply.requestCode).toBe(code)
  })

  it('says which rule refused, in the notes', () => {
    const result = send(setup(), {}, new Date('2026-01-11T10:00:00+01:00'))
    expect(result.reply.notes).toEqual([
      'outside the commercial window (legacy): weekday, 2026-01-11T10:00:00.000+01:00',
    ])
  })

  it('sends at any hour for an account whose restriction is lifted', () => {
    const store = setup(100, { commercialExempt: true })
    expect(codes(send(store, {}, new Date('2026-07-14T23:30:00+02:00')))).toEqual([0])
  })

  it('reads another preset when the account names one', () => {
    const store = setup(100, { commercialWindow: 'af2m-2026' })
    expect(codes(send(store, {}, new Date('2026-01-11T21:00:00+01:00')))).toEqual([0])
    const late = send(
      store,
      { text: envoi({ emailId: '2' }) },
      new Date('2026-01-11T21:30:00+01:00'),
    )
    expect(late.reply.requestCode).toBe(24)
  })
})

describe('codes that answer one recipient', () => {
  it('gives each number its own code in the multiple form, sending to the good ones only', () => {
    const store = setup()
    const result = send(store, {
      text: envoi({
        num: undefined,
        num1: '0601020304',
        num2: '0600000011',
        num3: '0600000010',
        num4: '0600000012',
        num5: '060102030',
        num6: '41791234567',
        num7: '0145454545',
        num8: '+33 6 01 02 03 05',
      }),
    })
    expect(codes(result)).toEqual([0, 11, 21, 22, 7, 27, 7, 0])
    expect(result.sms.map((s) => s.to)).toEqual(['+33601020304', '+33601020305'])
    expect(credits(store)).toBe(98)
    expect(result.not?.text).toContain(
      '<etat2>\n<code2>11</code2>\n<tel2>0600000011</tel2>\n<message2>Le numéro de téléphone est dans la liste noire</message2>\n</etat2>',
    )
    expect(result.not?.text).toContain(
      "<message6>L'indicatif pays du téléphone n'est pas autorisé !</message6>",
    )
    expect(result.code).toBe(0)
  })

  it('follows the state the control API gave a number', () => {
    const store = setup()
    store.setNumber('+33601020304', { status: 'blacklisted' })
    expect(codes(send(store))).toEqual([11])
  })

  it('sends to the overseas departments, which share the French plan', () => {
    const result = send(setup(), { text: envoi({ num: '0692123456' }) })
    expect(result.sms[0]?.to).toBe('+262692123456')
  })

  it('journals the first recipient’s code when none was sent', () => {
    const result = send(setup(), { text: envoi({ num: '0600000011' }) })
    expect(result.code).toBe(11)
    expect(journalCode(result.reply)).toBe(11)
  })

  it('answers 999 to a recipient with no text: no sms, no smsX', () => {
    const result = send(setup(), {
      text: envoi({
        sms: undefined,
        num: undefined,
        num1: '0601020304',
        num2: '0601020305',
        sms1: 'Salut',
      }),
    })
    expect(codes(result)).toEqual([0, 999])
  })

  it('serves recipients in order while the credits last (12), each one if its parts fit', () => {
    const store = setup(3)
    const result = send(store, {
      text: envoi({
        num: undefined,
        smslong: '2',
        num1: '0601020301',
        num2: '0601020302',
        num3: '0601020303',
        sms2: 'x'.repeat(200),
      }),
    })
    // 1 part, then 2 parts (3 credits used), then 1 part with nothing left.
    expect(codes(result)).toEqual([0, 0, 12])
    expect(credits(store)).toBe(0)
    const next = setup(1)
    const skip = send(next, {
      text: envoi({
        num: undefined,
        smslong: '2',
        num1: '0601020301',
        num2: '0601020302',
        sms1: 'x'.repeat(200),
      }),
    })
    expect(codes(skip)).toEqual([12, 0])
  })

  it('answers 12 to everyone on an empty account', () => {
    expect(codes(send(setup(0)))).toEqual([12])
  })
})

afterAll(() => {
  // STYLE.md §10: a code that no input produces is a bug.
  expect([...produced].sort((a, b) => a - b)).toEqual(ISENDPRO_CODES.map((c) => c.code))
})
