import { afterAll, describe, expect, it } from 'vitest'
import type { InboundAttachment } from '../core/mail.ts'
import { MemoryStore } from '../core/memory-store.ts'
import { ISENDPRO_CODES, type IsendproCode } from './codes.ts'
import { decideIsendproMail, journalCode, type IsendproMailRequest } from './decide.ts'
import { smsText } from './send.ts'

/** Monday 5 January 2026, 10:00 in Paris. */
const NOW = new Date('2026-01-05T10:00:00+01:00')
const KEYID = 'a296464ce012b8ab710a'
const ACK = 'ack@masociete.com'
const NOT = 'not@masociete.com'

/** A store with one iSendPro account allowed to send from masociete.com. */
function setup(credits = 100, options: Record<string, unknown> = {}): MemoryStore {
  const store = new MemoryStore()
  store.createAccount(
    {
      provider: 'isendpro',
      id: KEYID,
      credits,
      options: { senderDomains: ['masociete.com'], ...options },
    },
    NOW,
  )
  return store
}

/** An `<envoi>` from fields; `undefined` leaves a field out, `''` writes it empty. */
function envoi(fields: Record<string, string | undefined> = {}): string {
  const all: Record<string, string | undefined> = {
    keyid: KEYID,
    num: '0601020304',
    sms: 'Bonjour',
    emailId: '1548',
    emailAck: ACK,
    emailNot: NOT,
    ...fields,
  }
  const body = Object.entries(all)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `<${k}>${v}</${k}>`)
    .join('\n')
  return `<envoi>\n${body}\n</envoi>\n`
}

const request = (fields: Partial<IsendproMailRequest> = {}): IsendproMailRequest => ({
  sender: 'app@masociete.com',
  text: envoi(),
  plainText: true,
  attachments: [],
  ...fields,
})

const csv = (filename: string, text: string): InboundAttachment => ({
  filename,
  contentType: 'text/csv',
  content: new TextEncoder().encode(text),
})

/** Every annex code a test of this file saw, to check that the table has no unreachable code. */
const produced = new Set<IsendproCode>()

/** Decides a mail and applies it, as the simulator does. */
function send(
  store: MemoryStore,
  fields: Partial<IsendproMailRequest> = {},
  now = NOW,
  refuse?: number,
) {
  const decision = decideIsendproMail(request(fields), store, now, refuse)
  if (decision.reply.requestCode !== undefined) produced.add(decision.reply.requestCode)
  for (const r of decision.reply.recipients) produced.add(r.code)
  const applied = store.apply(decision.effects, now)
  const ack = applied.mails.find((m) => m.subject.startsWith('iSendPro Ack'))
  const not = applied.mails.find((m) => m.subject.startsWith('iSendPro Not'))
  return { ...decision, sms: applied.sms, mails: applied.mails, ack, not }
}

const credits = (store: MemoryStore) => store.account('isendpro', KEYID)?.credits
const codes = (result: ReturnType<typeof send>) => result.reply.recipients.map((r) => r.code)

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

describe('the Ack', () => {
  it('acks 2 with "?" and sends nothing without an emailId', () => {
    const store = setup()
    const result = send(store, { text: envoi({ emailId: undefined }) })
    expect(result.reply.ack).toBe(2)
    expect(result.ack?.text).toBe(
      '<?xml version="1.0" encoding="ISO-8859-1"?>\n<etatAck>\n<emailId>?</emailId>\n<code>2</code>\n<message>emailId non renseigne</message>\n</etatAck>\n',
    )
    expect(result.not).toBeUndefined()
    expect(result.sms).toEqual([])
    expect(result.code).toBe('ack 2')
  })

  it('acks 2 for an empty emailId too', () => {
    expect(send(setup(), { text: envoi({ emailId: '  ' }) }).reply.ack).toBe(2)
  })

  it('acks 1 and sends nothing for an emailId the account already processed', () => {
    const store = setup()
    send(store)
    const second = send(store, { text: envoi({ sms: 'Autre texte' }) })
    expect(second.reply.ack).toBe(1)
    expect(second.ack?.text).toContain('<code>1</code>\n<message>emailId deja traite</message>')
    expect(second.not).toBeUndefined()
    expect(second.sms).toEqual([])
    expect(credits(store)).toBe(99)
  })

  it('remembers emailIds per account', () => {
    const store = setup()
    store.createAccount(
      {
        provider: 'isendpro',
        id: 'other',
        credits: 10,
        options: { senderDomains: ['masociete.com'] },
      },
      NOW,
    )
    send(store)
    expect(send(store, { text: envoi({ keyid: 'other' }) }).reply.ack).toBe(0)
  })

  it('remembers the emailId of a mail refused as a whole (24), so sending it again gives Ack 1', () => {
    const store = setup()
    const night = new Date('2026-01-05T21:00:00+01:00')
    expect(send(store, {}, night).reply.requestCode).toBe(24)
    expect(send(store).reply.ack).toBe(1)
  })

  it('does not remember the emailId when the keyid is unknown', () => {
    const store = setup()
    send(store, { text: envoi({ keyid: 'nobody' }) })
    expect(send(store).reply.ack).toBe(0)
  })

  it('mails no Ack without emailAck, and no Not without emailNot', () => {
    const result = send(setup(), { text: envoi({ emailAck: undefined, emailNot: undefined }) })
    expect(result.mails).toEqual([])
    expect(result.sms).toHaveLength(1)
  })

  it('mails nothing to an emailAck that is not an address, and says so in the notes', () => {
    const result = send(setup(), { text: envoi({ emailAck: 'ack chez masociete' }) })
    expect(result.ack).toBeUndefined()
    expect(result.reply.notes).toContain('emailAck is not an address: no Ack')
  })

  it('threads the replies under the mail answered', () => {
    const result = send(setup(), { messageId: '<m1@masociete.com>' })
    expect(result.ack?.headers).toMatchObject({
      'In-Reply-To': '<m1@masociete.com>',
      'Auto-Submitted': 'auto-replied',
    })
  })
})

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

describe('the sender and the STOP mention', () => {
  it('appends "\\r\\nSTOP SMS au 36105" when emetteur is set, and shows the sender', () => {
    const result = send(setup(), { text: envoi({ emetteur: ' MaSociete7 ' }) })
    expect(result.sms[0]).toMatchObject({
      from: 'MaSociete7',
      text: 'Bonjour\r\nSTOP SMS au 36105',
      meta: expect.objectContaining({ stopMention: true }),
    })
  })

  it('allows 141 characters in one SMS with the mention, 160 without', () => {
    const store = setup(100)
    const one = (sms: string, extra: Record<string, string> = {}, id = sms.length) =>
      send(store, { text: envoi({ sms, emailId: String(id), ...extra }) })
    expect(codes(one('x'.repeat(141), { emetteur: 'MaSociete' }))).toEqual([0])
    expect(codes(one('x'.repeat(142), { emetteur: 'MaSociete' }))).toEqual([34])
    expect(codes(one('x'.repeat(160)))).toEqual([0])
    expect(codes(one('x'.repeat(161)))).toEqual([34])
  })

  it('drops the mention for <nostop>1</nostop> on an account allowed to', () => {
    const result = send(setup(100, { nostopAllowed: true }), {
      text: envoi({ emetteur: 'MaSociete', nostop: '1' }),
    })
    expect(result.sms[0]?.text).toBe('Bonjour')
  })

  it('keeps the mention when the account may not drop it, and says so', () => {
    const result = send(setup(), { text: envoi({ emetteur: 'MaSociete', nostop: '1' }) })
    expect(result.sms[0]?.text).toBe('Bonjour\r\nSTOP SMS au 36105')
    expect(result.reply.notes).toContain(
      'nostop ignored: the account may not drop the STOP mention',
    )
  })

  it('appends nothing without a custom sender', () => {
    expect(send(setup(), { text: envoi({ nostop: '0' }) }).sms[0]?.text).toBe('Bonjour')
  })
})

describe('smslong and the length of a text', () => {
  it('charges the real parts, not the declared ones', () => {
    const store = setup()
    send(store, { text: envoi({ smslong: '3' }) })
    expect(credits(store)).toBe(99)
  })

  it('allows as many parts as smslong declares (34 beyond), at most 6; 999 means up to 6', () => {
    const store = setup(100)
    let id = 0
    const parts = (sms: string, smslong: string) =>
      codes(send(store, { text: envoi({ sms, smslong, emailId: String(++id) }) }))
    expect(parts('x'.repeat(306), '2')).toEqual([0])
    expect(parts('x'.repeat(307), '2')).toEqual([34])
    expect(parts('x'.repeat(918), '999')).toEqual([0])
    expect(parts('x'.repeat(919), '999')).toEqual([34])
    expect(parts('x'.repeat(919), '7')).toEqual([34])
  })

  it('counts a text with a character outside GSM 03.38 in UCS-2: 70, then 67 a part', () => {
    const store = setup()
    const result = send(store, { text: envoi({ sms: `ô${'x'.repeat(69)}` }) })
    expect(result.sms[0]).toMatchObject({ encoding: 'ucs2', segments: 1 })
    expect(
      codes(send(store, { text: envoi({ sms: `ô${'x'.repeat(70)}`, emailId: '2' }) })),
    ).toEqual([34])
  })

  it('charges parts × recipients', () => {
    const store = setup()
    send(store, {
      text: envoi({
        num: undefined,
        num1: '0601020304',
        num2: '0601020305',
        sms: 'x'.repeat(200),
        smslong: '2',
      }),
    })
    expect(credits(store)).toBe(96)
  })
})

describe('mobiles.csv and message.csv', () => {
  const withCsv = (
    mobiles?: string,
    message?: string,
    fields: Record<string, string | undefined> = {},
  ) =>
    request({
      text: envoi({ num: undefined, sms: undefined, ...fields }),
      attachments: [
        ...(mobiles !== undefined ? [csv('mobiles.csv', mobiles)] : []),
        ...(message !== undefined ? [csv('message.csv', message)] : []),
      ],
    })

  it('merges [1]…[3] of each line into the first line of message.csv, as the document shows', () => {
    const store = setup()
    const decision = decideIsendproMail(
      withCsv(
        '0601020304;;Michel;;Martin;;10/10/2015\n0601020305;;Sarah;;Dupont;;02/08/2015\n',
        'Bonjour [1] [2], votre nouvelle carte sera disponible le [3]\nligne ignorée\n',
      ),
      store,
      NOW,
    )
    const applied = store.apply(decision.effects, NOW)
    expect(applied.sms.map((s) => [s.to, s.text])).toEqual([
      ['+33601020304', 'Bonjour Michel Martin, votre nouvelle carte sera disponible le 10/10/2015'],
      ['+33601020305', 'Bonjour Sarah Dupont, votre nouvelle carte sera disponible le 02/08/2015'],
    ])
  })

  it('uses mobiles.csv instead of num, with the sms of the body', () => {
    const store = setup()
    const decision = decideIsendproMail(
      withCsv('0601020305\n', undefined, { num: '0601020304', sms: 'Salut [1]' }),
      store,
      NOW,
    )
    expect(decision.reply.recipients.map((r) => r.tel)).toEqual(['0601020305'])
    expect(decision.reply.notes).toContain('num ignored: mobiles.csv attached')
    expect(store.apply(decision.effects, NOW).sms[0]?.text).toBe('Salut ')
  })

  it('answers 6 for an empty mobiles.csv, 23 for 501 lines', () => {
    expect(decideIsendproMail(withCsv('\n\n', 'x'), setup(), NOW).reply.requestCode).toBe(6)
    const lines = Array.from({ length: 501 }, (_, i) => `06${10_000_000 + i}`).join('\n')
    expect(decideIsendproMail(withCsv(lines, 'x'), setup(), NOW).reply.requestCode).toBe(23)
  })

  it('decodes windows-1252 attachments, as Excel writes them', () => {
    const store = setup()
    const decision = decideIsendproMail(
      request({
        text: envoi({ num: undefined, sms: undefined }),
        attachments: [
          {
            filename: 'MOBILES.CSV',
            contentType: 'application/vnd.ms-excel',
            content: Uint8Array.of(
              ...Buffer.from('0601020304;;H'),
              0xe9,
              ...Buffer.from('l'),
              0xe8,
              ...Buffer.from('ne\r\n'),
            ),
          },
          {
            filename: 'message.csv',
            contentType: 'application/vnd.ms-excel',
            content: Uint8Array.of(...Buffer.from('Bonjour [1] '), 0x80),
          },
        ],
      }),
      store,
      NOW,
    )
    expect(store.apply(decision.effects, NOW).sms[0]?.text).toBe('Bonjour Hélène €')
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

afterAll(() => {
  // STYLE.md §10: a code that no input produces is a bug.
  expect([...produced].sort((a, b) => a - b)).toEqual(ISENDPRO_CODES.map((c) => c.code))
})
