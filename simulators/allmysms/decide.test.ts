/**
 * allmysms's Mail2SMS decision: a send that succeeds, `date=`, the reply mail sent on error only,
 * every error code from the mail that causes it, and which code wins when several apply. The
 * file ends by checking that its tests produced every code of the table.
 *
 * @see shared/specs/002_0241076537611203.txt — §2 "ENVOI DE SMS", §2.2 "REPONSE"
 */
import { afterAll, describe, expect, it } from 'vitest'
import type { MemoryStore } from '../core/memory-store.ts'
import { ALLMYSMS_CODES, type AllmysmsCode } from './codes.ts'
import { decideMail2Sms, type Mail2SmsRequest } from './decide.ts'
import {
  credits,
  KEY,
  LOGIN,
  NOW,
  request,
  send as sendAndApply,
  SENDER,
  setup,
} from './decide-testing.ts'

/** Every code a test of this file saw, to check that the table has no unreachable code. */
const produced = new Set<AllmysmsCode>()

/** Decides a mail and applies it, as the simulator does, recording its code. */
function send(store: MemoryStore, fields: Partial<Mail2SmsRequest> = {}, now = NOW) {
  const result = sendAndApply(store, fields, now)
  produced.add(result.reply.code)
  return result
}

describe('a Mail2SMS send that succeeds', () => {
  it('sends the body to the mobile, debits one credit and mails nothing back (100)', () => {
    const store = setup()
    const result = send(store)
    expect(result.reply).toMatchObject({ code: 100, accepted: 1, replied: false })
    expect(result.code).toBe(100)
    expect(result.account).toBe(LOGIN)
    expect(result.mails).toEqual([])
    expect(result.sms).toEqual([
      expect.objectContaining({
        provider: 'allmysms',
        account: LOGIN,
        transport: 'mail',
        from: '36180',
        to: '+33612121515',
        text: 'Bonjour',
        encoding: 'gsm7',
        segments: 1,
        status: 'delivered',
        validityMs: 72 * 3600_000,
      }),
    ])
    expect(credits(store)).toBe(99)
  })

  it('sends to every mobile of the list, national and international, one credit per part each', () => {
    const store = setup()
    const result = send(store, {
      subject: `${LOGIN}@${KEY}|33612121515;0614141515;+41791234567;0033699887766`,
      text: 'x'.repeat(200),
    })
    expect(result.reply).toMatchObject({ code: 100, accepted: 4, invalidNumbers: [] })
    expect(result.sms.map((s) => s.to)).toEqual([
      '+33612121515',
      '+33614141515',
      '+41791234567',
      '+33699887766',
    ])
    expect(result.sms.every((s) => s.segments === 2)).toBe(true)
    expect(credits(store)).toBe(100 - 2 * 4)
  })

  it('sends once to a phone written twice in the list (our choice)', () => {
    const store = setup()
    const result = send(store, { subject: `${LOGIN}@${KEY}|0612121515;33612121515` })
    expect(result.sms).toHaveLength(1)
    expect(credits(store)).toBe(99)
  })

  it('skips the invalid numbers beside valid ones, without a reply (our choice)', () => {
    const store = setup()
    const result = send(store, { subject: `${LOGIN}@${KEY}|0612121515;0145454545;Jean;0614141515` })
    expect(result.reply).toMatchObject({
      code: 100,
      accepted: 2,
      invalidNumbers: ['0145454545', 'Jean'],
      replied: false,
    })
    expect(result.mails).toEqual([])
    expect(credits(store)).toBe(98)
  })

  it('sends the text of an HTML-only mail', () => {
    const store = setup()
    const result = send(store, { text: '', html: '<p>Bonjour&nbsp;!</p>', hasPlainText: false })
    expect(result.reply).toMatchObject({ code: 100, body: 'html', text: 'Bonjour !' })
    expect(result.sms[0]?.text).toBe('Bonjour !')
  })

  it('trims the line breaks that end the body before counting and sending it', () => {
    const store = setup()
    const result = send(store, { text: `${'x'.repeat(160)}\n\n` })
    expect(result.sms[0]).toMatchObject({ text: 'x'.repeat(160), segments: 1 })
  })
})

describe('date=: deferred sending', () => {
  it('schedules the SMS for a future Paris time (101) and debits it at once', () => {
    const store = setup()
    const result = send(store, { subject: `${LOGIN}@${KEY}|0612121515|date=2026-01-05 10:30:00` })
    expect(result.reply.code).toBe(101)
    expect(result.reply.replied).toBe(false)
    expect(result.sms[0]).toMatchObject({
      status: 'scheduled',
      scheduledAt: '2026-01-05T09:30:00.000Z',
    })
    expect(credits(store)).toBe(99)
  })

  it('releases the SMS when the clock reaches its time', () => {
    const store = setup()
    send(store, { subject: `${LOGIN}@${KEY}|0612121515|date=2026-01-05 10:30:00` })
    store.release(new Date('2026-01-05T09:29:59.999Z'))
    expect(store.messages()[0]?.status).toBe('scheduled')
    store.release(new Date('2026-01-05T09:30:00.000Z'))
    expect(store.messages()[0]).toMatchObject({
      status: 'delivered',
      deliveredAt: '2026-01-05T09:30:00.000Z',
    })
  })

  it('sends at once with 100 a date already past or equal to now (our choice)', () => {
    const store = setup()
    expect(
      send(store, { subject: `${LOGIN}@${KEY}|0612121515|date=2026-01-05 08:00:00` }).reply.code,
    ).toBe(100)
    expect(
      send(store, { subject: `${LOGIN}@${KEY}|0612121515|date=2026-01-05 09:00:00` }).reply.code,
    ).toBe(100)
    expect(store.messages().map((m) => m.status)).toEqual(['delivered', 'delivered'])
  })

  it('refuses a malformed or impossible date with 115, sending nothing', () => {
    const store = setup()
    for (const date of ['05/01/2026 10:30', '2026-02-30 10:00:00', '2026-03-29 02:30:00']) {
      const result = send(store, { subject: `${LOGIN}@${KEY}|0612121515|date=${date}` })
      expect(result.reply.code).toBe(115)
      expect(result.mails[0]?.text).toBe(
        'Status: 115\nStatusText: Flux XML invalide ou date mal formatée entre les balises <DATE> et </DATE>\n',
      )
    }
    expect(store.messages()).toEqual([])
    expect(credits(store)).toBe(100)
  })
})

describe('the reply mail, on error only', () => {
  it('goes to the sender, from mail2sms@allmysms.com, with Status and StatusText (102)', () => {
    const store = setup()
    const result = send(store, {
      subject: `${LOGIN}@wrongkey|0612121515`,
      messageId: '<abc@ecole.fr>',
    })
    expect(result.reply).toMatchObject({ code: 102, replied: true })
    expect(result.mails).toEqual([
      {
        id: expect.any(String),
        date: NOW.toISOString(),
        provider: 'allmysms',
        from: 'mail2sms@allmysms.com',
        to: SENDER,
        subject: 'Mail2SMS : erreur 102',
        text: 'Status: 102\nStatusText: Problème de connexion - Aucun compte ne correspond aux clientcode et apiKey spécifiés\n',
        headers: {
          'Auto-Submitted': 'auto-replied',
          'In-Reply-To': '<abc@ecole.fr>',
          References: '<abc@ecole.fr>',
        },
      },
    ])
    expect(result.sms).toEqual([])
  })

  it('names the account when the login was recognised', () => {
    const store = setup()
    const result = send(store, { text: '' })
    expect(result.mails[0]).toMatchObject({ account: LOGIN, subject: 'Mail2SMS : erreur 110' })
  })

  it('is not sent for an automatic mail, whose code is still decided (RFC 3834, our choice)', () => {
    const store = setup()
    const result = send(store, { subject: '', noReply: true })
    expect(result.reply).toMatchObject({ code: 105, replied: false })
    expect(result.mails).toEqual([])
  })

  it('is not sent when the mail has no sender address', () => {
    const store = setup()
    expect(send(store, { subject: '', sender: '' }).mails).toEqual([])
  })
})

describe('every error code, from the mail that causes it', () => {
  const cases: [AllmysmsCode, string, Partial<Mail2SmsRequest>][] = [
    [102, 'an unknown login', { subject: `nobody@${KEY}|0612121515` }],
    [102, 'a wrong apiKey', { subject: `${LOGIN}@0000|0612121515` }],
    [102, 'an apiKey in the wrong case', { subject: `${LOGIN}@${KEY.toUpperCase()}|0612121515` }],
    [102, 'a login in another case', { subject: `${LOGIN.toUpperCase()}@${KEY}|0612121515` }],
    [105, 'an empty subject', { subject: '' }],
    [105, 'a blank subject', { subject: '   ' }],
    [109, 'a subject without |', { subject: `${LOGIN}@${KEY}` }],
    [109, 'a subject without @', { subject: `${LOGIN}|0612121515` }],
    [109, 'an unknown option', { subject: `${LOGIN}@${KEY}|0612121515|flash=1` }],
    [110, 'an empty body', { text: '' }],
    [110, 'a body of blank lines', { text: '\n  \n' }],
    [110, 'a mail with no text and no HTML', { text: '', hasPlainText: false }],
    [110, 'an HTML body with no text', { text: '', html: '<p><br></p>', hasPlainText: false }],
    [111, 'a body of 1225 GSM characters', { text: 'x'.repeat(1225) }],
    [111, 'a UCS-2 body of 537 characters', { text: 'ç'.repeat(537) }],
    [114, 'no mobile at all', { subject: `${LOGIN}@${KEY}|` }],
    [114, 'only invalid numbers', { subject: `${LOGIN}@${KEY}|0145454545;612121515;abc` }],
    [
      115,
      'a date without seconds',
      { subject: `${LOGIN}@${KEY}|0612121515|date=2026-01-06 10:00` },
    ],
  ]

  it.each(cases)('answers %s to %s, sends nothing and debits nothing', (code, _case, fields) => {
    const store = setup()
    const result = send(store, fields)
    expect(result.reply.code).toBe(code)
    expect(result.sms).toEqual([])
    expect(credits(store)).toBe(100)
    expect(result.mails).toHaveLength(1)
    expect(result.mails[0]?.text).toBe(
      `Status: ${code}\nStatusText: ${ALLMYSMS_CODES.find((c) => c.code === code)?.text}\n`,
    )
  })

  it('answers 104 with the credits the send needs and those left, sending nothing', () => {
    const store = setup(3)
    const result = send(store, {
      subject: `${LOGIN}@${KEY}|0612121515;0614141515`,
      text: 'x'.repeat(161),
    })
    expect(result.reply.code).toBe(104)
    expect(result.mails[0]?.text).toBe(
      'Status: 104\nStatusText: Crédit insuffisant pour traiter cet envoi. A utiliser: 4 Crédits, Disponibles: 3 Crédits. Veuillez re-créditer votre compte sur AllMySMS.com\n',
    )
    expect(result.sms).toEqual([])
    expect(credits(store)).toBe(3)
  })

  it('sends when the credits are exactly enough', () => {
    const store = setup(4)
    const result = send(store, {
      subject: `${LOGIN}@${KEY}|0612121515;0614141515`,
      text: 'x'.repeat(161),
    })
    expect(result.reply.code).toBe(100)
    expect(credits(store)).toBe(0)
  })

  it('answers 104 with "Disponibles: 0" on an empty account', () => {
    const store = setup(0)
    expect(send(store).reply.statusText).toContain('A utiliser: 1 Crédits, Disponibles: 0 Crédits.')
  })

  it('answers a code injected by a fault instead of deciding', () => {
    const store = setup()
    const decision = decideMail2Sms(request(), store, NOW, 111)
    expect(decision.reply.code).toBe(111)
    expect(decision.effects).toEqual([expect.objectContaining({ kind: 'mail' })])
  })

  it('ignores an injected code that is a success', () => {
    expect(decideMail2Sms(request(), setup(), NOW, 100).reply.code).toBe(100)
  })
})

describe('which code wins when several apply (our order)', () => {
  it.each([
    [105, 'an empty subject over an empty body', { subject: '', text: '' }],
    [109, 'a malformed subject over an empty body', { subject: 'Bonjour', text: '' }],
    [102, 'a bad login over an empty body', { subject: `x@y|0612121515`, text: '' }],
    [110, 'an empty body over no valid mobile', { subject: `${LOGIN}@${KEY}|abc`, text: '' }],
    [
      111,
      'a long body over no valid mobile',
      { subject: `${LOGIN}@${KEY}|abc`, text: 'x'.repeat(2000) },
    ],
    [114, 'no valid mobile over a bad date', { subject: `${LOGIN}@${KEY}|abc|date=demain` }],
  ] as const)('answers %s for %s', (code, _case, fields) => {
    expect(send(setup(), fields).reply.code).toBe(code)
  })

  it('answers 115 for a bad date over a lack of credit', () => {
    expect(send(setup(0), { subject: `${LOGIN}@${KEY}|0612121515|date=demain` }).reply.code).toBe(
      115,
    )
  })
})

afterAll(() => {
  // STYLE.md §10: a code that no input produces is a bug.
  expect([...produced].sort()).toEqual(ALLMYSMS_CODES.map((c) => c.code).sort())
})
