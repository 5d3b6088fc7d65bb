import { describe, expect, it } from 'vitest'
import { MemoryStore } from '../core/memory-store.ts'
import { decideAspsms } from './decide.ts'
import { deliveryRecord } from './inquire.ts'
import { MAX_RECIPIENTS } from './numbers.ts'
import { requestFromSoapFields, type AspsmsOperation, type AspsmsRequest } from './request.ts'
import { DEFAULT_ORIGINATOR, MAX_PARTS } from './send.ts'

/** Thursday 15 January 2026, 10:00 in Zurich. */
const NOW = new Date('2026-01-15T09:00:00Z')
const MINUTE = 60_000
const HOUR = 60 * MINUTE
const KEY = 'KEY'
const MOBILE = '+41791234567'
const MOBILE2 = '+41797654321'

function setup(credits = 10): MemoryStore {
  const store = new MemoryStore()
  store.createAccount({ provider: 'aspsms', id: KEY, secret: 'pw', credits }, NOW)
  return store
}

const req = (
  operation: AspsmsOperation,
  fields: Record<string, string> = {},
  overrides: Partial<AspsmsRequest> = {},
): AspsmsRequest => ({
  ...requestFromSoapFields(operation, 'soap', {
    UserKey: KEY,
    Password: 'pw',
    Recipients: `${MOBILE}:1`,
    Originator: 'ESF',
    MessageText: 'Bonjour',
    ...fields,
  }),
  ...overrides,
})

function run(store: MemoryStore, request: AspsmsRequest, now = NOW) {
  const decision = decideAspsms(request, store, now)
  return { ...decision, ...store.apply(decision.effects, now) }
}

const credits = (store: MemoryStore) => store.account('aspsms', KEY)?.credits

/** Credits a text costs one recipient, and what it went as. */
function price(operation: AspsmsOperation, text: string, overrides: Partial<AspsmsRequest> = {}) {
  const store = setup(100)
  const decision = run(store, req(operation, { MessageText: text }, overrides))
  expect(decision.code).toBe(1)
  const sms = decision.sms[0]!
  return { credits: 100 - credits(store)!, encoding: sms.encoding, segments: sms.segments }
}

describe('decideAspsmsSend: an accepted text', () => {
  it('answers 1, debits one credit and delivers the SMS with its TRN', () => {
    const store = setup()
    const decision = run(store, req('SendTextSMS'))
    expect(decision).toMatchObject({ reply: { kind: 'status', status: 1 }, code: 1, account: KEY })
    expect(decision.sms).toEqual([
      expect.objectContaining({
        provider: 'aspsms',
        account: KEY,
        transport: 'soap',
        from: 'ESF',
        to: MOBILE,
        text: 'Bonjour',
        encoding: 'gsm7',
        segments: 1,
        class: 'normal',
        status: 'delivered',
        validityMs: 24 * HOUR,
        meta: { operation: 'SendTextSMS', recipient: MOBILE, trn: '1' },
      }),
    ])
    expect(credits(store)).toBe(9)
    expect(store.ledger({ account: KEY }).at(-1)).toMatchObject({
      delta: -1,
      balance: 9,
      reason: 'SendTextSMS',
    })
  })

  it('sends SendSimpleTextSMS the same way', () => {
    const store = setup()
    expect(run(store, req('SendSimpleTextSMS', { Recipients: `${MOBILE};${MOBILE2}` })).code).toBe(
      1,
    )
    expect(store.messages().map((m) => m.to)).toEqual([MOBILE, MOBILE2])
    expect(credits(store)).toBe(8)
  })

  it(`sends from ${DEFAULT_ORIGINATOR} when the request names no originator`, () => {
    const decision = run(setup(), req('SendTextSMS', { Originator: '' }))
    expect(decision.sms[0]?.from).toBe(DEFAULT_ORIGINATOR)
  })

  it('writes every recipient in E.164 and keeps the number as sent in the record', () => {
    const decision = run(setup(), req('SendTextSMS', { Recipients: '0041 79 765 43 21:x' }))
    expect(decision.sms[0]).toMatchObject({
      to: MOBILE2,
      meta: { recipient: '0041 79 765 43 21', trn: 'x' },
    })
  })

  it('keeps the notification URLs and AffiliateId in the record', () => {
    const decision = run(
      setup(),
      req('SendTextSMS', {
        URLBufferedMessageNotification: 'http://cb.example/b?id=',
        URLDeliveryNotification: 'https://cb.example/d?id=',
        URLNonDeliveryNotification: 'http://cb.example/n?id=',
        AffiliateId: '208355',
      }),
    )
    expect(decision.sms[0]?.meta).toMatchObject({
      urlBuffered: 'http://cb.example/b?id=',
      urlDelivered: 'https://cb.example/d?id=',
      urlNonDelivered: 'http://cb.example/n?id=',
      affiliateId: '208355',
    })
  })

  it('answers CreditsUsed when the XML request asks for it', () => {
    const decision = run(
      setup(),
      req('SendTextSMS', { UsedCredits: '1', MessageText: 'a'.repeat(161) }),
    )
    expect(decision.reply).toEqual({ kind: 'status', status: 1, creditsUsed: 2 })
  })
})

describe('decideAspsmsSend: credits', () => {
  it.each([
    ['160 GSM characters', 'a'.repeat(160), 1],
    ['161 GSM characters', 'a'.repeat(161), 2],
    ['306 GSM characters', 'a'.repeat(306), 2],
    ['307 GSM characters', 'a'.repeat(307), 3],
    ['80 euro signs, two septets each', '€'.repeat(80), 1],
    ['81 euro signs', '€'.repeat(81), 2],
  ])('charges GSM-7 by parts of 160/153: %s cost %i', (_what, text, expected) => {
    expect(price('SendTextSMS', text)).toEqual({
      credits: expected,
      encoding: 'gsm7',
      segments: expected,
    })
  })

  it.each([
    ['70 UCS-2 characters', 'ł'.repeat(70), 1],
    ['71 UCS-2 characters', 'ł'.repeat(71), 2],
    ['134 UCS-2 characters', 'ł'.repeat(134), 2],
    ['135 UCS-2 characters', 'ł'.repeat(135), 3],
  ])('charges UCS-2 by parts of 70/67: %s cost %i', (_what, text, expected) => {
    expect(price('SendTextSMS', text)).toEqual({
      credits: expected,
      encoding: 'ucs2',
      segments: expected,
    })
  })

  it.each([
    ['70 ASCII characters', 'a'.repeat(70), 1],
    ['71 ASCII characters', 'a'.repeat(71), 2],
    ['135 ASCII characters', 'a'.repeat(135), 3],
  ])('sends SendUnicodeSMS as UCS-2 even for ASCII: %s cost %i', (_what, text, expected) => {
    expect(price('SendUnicodeSMS', text)).toEqual({
      credits: expected,
      encoding: 'ucs2',
      segments: expected,
    })
  })

  it('charges parts times recipients', () => {
    const store = setup()
    const request = req('SendTextSMS', {
      Recipients: `${MOBILE};${MOBILE2};+33612345678`,
      MessageText: 'a'.repeat(200),
    })
    expect(run(store, request).code).toBe(1)
    expect(credits(store)).toBe(4)
  })

  it('spends the last credit exactly', () => {
    const store = setup(1)
    expect(run(store, req('SendTextSMS')).code).toBe(1)
    expect(credits(store)).toBe(0)
    expect(run(store, req('SendTextSMS')).code).toBe(5)
  })

  it('answers 5 when the credits do not cover every part, and sends nothing', () => {
    const store = setup(1)
    const decision = run(store, req('SendTextSMS', { MessageText: 'a'.repeat(161) }))
    expect(decision).toMatchObject({ code: 5, effects: [] })
    expect(store.messages()).toEqual([])
    expect(credits(store)).toBe(1)
  })

  it('answers 5 on a fractional balance short of one credit', () => {
    expect(run(setup(0.75), req('SendTextSMS')).code).toBe(5)
  })
})

describe('decideAspsmsSend: recipients', () => {
  it('answers 20 without a recipient', () => {
    expect(run(setup(), req('SendTextSMS', { Recipients: ' ; ' })).code).toBe(20)
  })

  it(`takes ${MAX_RECIPIENTS} recipients and answers 27 beyond`, () => {
    const list = (n: number) =>
      Array.from({ length: n }, (_, i) => `+4179${String(i).padStart(7, '0')}`).join(';')
    expect(run(setup(2000), req('SendTextSMS', { Recipients: list(MAX_RECIPIENTS) })).code).toBe(1)
    expect(
      run(setup(2000), req('SendTextSMS', { Recipients: list(MAX_RECIPIENTS + 1) })).code,
    ).toBe(27)
  })

  it('accepts a national number, charges nothing for it and fails it at once with 206', () => {
    const store = setup()
    const decision = run(store, req('SendTextSMS', { Recipients: `0791234567:bad;${MOBILE}:ok` }))
    expect(decision.code).toBe(1)
    expect(credits(store)).toBe(9)
    const [bad, ok] = decision.sms
    expect(bad).toMatchObject({ to: '0791234567', status: 'failed', reason: 'invalid-destination' })
    expect(ok).toMatchObject({ to: MOBILE, status: 'delivered' })
    expect(deliveryRecord(bad!)).toMatchObject({ trn: 'bad', status: 2, reason: 206 })
    expect(decision.events.map((e) => [e.sms.to, e.status])).toEqual([
      ['0791234567', 'failed'],
      [MOBILE, 'delivered'],
    ])
  })

  it('accepts a request of landlines only without charging a credit', () => {
    const store = setup(0)
    const decision = run(store, req('SendTextSMS', { Recipients: '+41441234567' }))
    expect(decision.code).toBe(1)
    expect(decision.effects.some((e) => e.kind === 'debit')).toBe(false)
    expect(decision.sms[0]).toMatchObject({ status: 'failed', reason: 'invalid-destination' })
  })
})

describe('decideAspsmsSend: text', () => {
  it.each([
    ['empty', ''],
    ['spaces only', '   '],
  ])('answers 11 for a text %s', (_what, text) => {
    expect(run(setup(), req('SendTextSMS', { MessageText: text })).code).toBe(11)
  })

  it(`takes ${MAX_PARTS} parts and answers 27 beyond, in GSM-7 and in UCS-2`, () => {
    expect(price('SendTextSMS', 'a'.repeat(153 * MAX_PARTS)).credits).toBe(MAX_PARTS)
    expect(price('SendUnicodeSMS', 'a'.repeat(67 * MAX_PARTS)).credits).toBe(MAX_PARTS)
    const long = (operation: AspsmsOperation, text: string) =>
      run(setup(100), req(operation, { MessageText: text })).code
    expect(long('SendTextSMS', 'a'.repeat(153 * MAX_PARTS + 1))).toBe(27)
    expect(long('SendUnicodeSMS', 'a'.repeat(67 * MAX_PARTS + 1))).toBe(27)
  })

  it('sends a flash SMS when FlashingSMS is true', () => {
    const decision = run(setup(), req('SendTextSMS', { FlashingSMS: 'True' }))
    expect(decision.sms[0]?.class).toBe('flash')
  })

  it('replaces characters outside GSM 03.38 with ? under ForceGSM7bit, and charges GSM-7', () => {
    const request = req('SendTextSMS', {}, { transport: 'json', forceGsm7: true })
    const decision = run(setup(), { ...request, text: 'Ça coûte 2 € ✓ 👍🏽 e\u0301t\u00e9' })
    expect(decision.sms[0]).toMatchObject({
      text: 'Ça co?te 2 € ? ? ?té',
      encoding: 'gsm7',
      segments: 1,
    })
  })

  it('keeps a GSM-7 text as it is under ForceGSM7bit', () => {
    const request = req('SendTextSMS', {}, { forceGsm7: true, text: 'Hello\r\nWorld {€}' })
    expect(run(setup(), request).sms[0]).toMatchObject({
      text: 'Hello\r\nWorld {€}',
      encoding: 'gsm7',
    })
  })

  it('charges 100 non-GSM characters one part under ForceGSM7bit, and two without', () => {
    expect(price('SendTextSMS', 'ł'.repeat(100), { forceGsm7: true }).credits).toBe(1)
    expect(price('SendTextSMS', 'ł'.repeat(100)).credits).toBe(2)
  })
})

describe('decideAspsmsSend: originator', () => {
  it.each([
    ['longer than 11 characters', 'ABCDEFGHIJKL'],
    ['with a forbidden character', 'ESF#1'],
    ['of 16 digits', '1234567890123456'],
  ])('answers 10 for an originator %s', (_what, originator) => {
    expect(run(setup(), req('SendTextSMS', { Originator: originator })).code).toBe(10)
  })

  it('answers 30 for a numeric originator that was never unlocked', () => {
    expect(run(setup(), req('SendTextSMS', { Originator: '0041797654321' })).code).toBe(30)
  })
})

describe('decideAspsmsSend: deferred delivery', () => {
  /** 10:00 at GMT+1 on 16 January: 09:00 UTC. */
  const TOMORROW = '16012026100000'

  it('schedules the SMS, debits at once and releases it on time', () => {
    const store = setup()
    const decision = run(store, req('SendTextSMS', { DeferredDeliveryTime: TOMORROW }))
    expect(decision.code).toBe(1)
    const sms = decision.sms[0]!
    expect(sms).toMatchObject({ status: 'scheduled', scheduledAt: '2026-01-16T09:00:00.000Z' })
    expect(credits(store)).toBe(9)
    expect(deliveryRecord(sms)).toEqual({ trn: '1', status: -1, recipient: MOBILE })

    expect(store.release(new Date('2026-01-16T08:59:59Z'))).toEqual([])
    expect(sms.status).toBe('scheduled')
    const events = store.release(new Date('2026-01-16T09:00:00Z'))
    expect(events.map((e) => e.status)).toEqual(['delivered'])
    expect(deliveryRecord(sms)).toMatchObject({
      status: 0,
      submittedAt: '2026-01-16T09:00:00.000Z',
      notifiedAt: '2026-01-16T09:00:00.000Z',
      reason: 0,
    })
  })

  it('reads the deferred time at the TimeZone given, relative to GMT+1', () => {
    const decision = run(
      setup(),
      req('SendTextSMS', { DeferredDeliveryTime: TOMORROW, TimeZone: '-5' }),
    )
    expect(decision.sms[0]?.scheduledAt).toBe('2026-01-16T14:00:00.000Z')
  })

  it('sends at once a deferred time already past', () => {
    const decision = run(setup(), req('SendTextSMS', { DeferredDeliveryTime: '15012026095959' }))
    expect(decision.sms[0]).toMatchObject({ status: 'delivered' })
    expect(decision.sms[0]?.scheduledAt).toBeUndefined()
  })

  it.each([
    ['a date that does not exist', { DeferredDeliveryTime: '32012026100000' }],
    ['a date with separators', { DeferredDeliveryTime: '16.01.2026 10:00' }],
    ['a TimeZone that is not an integer', { DeferredDeliveryTime: TOMORROW, TimeZone: '1.5' }],
  ])('answers 22 for %s', (_what, fields) => {
    expect(run(setup(), req('SendTextSMS', fields)).code).toBe(22)
  })

  it('takes ISO 8601 over JSON only', () => {
    const iso = { deferredDeliveryTime: '2026-01-16T10:00:00+01:00' }
    expect(run(setup(), req('SendTextSMS', {}, iso)).code).toBe(22)
    const json = run(setup(), req('SendTextSMS', {}, { ...iso, transport: 'json' }))
    expect(json.sms[0]?.scheduledAt).toBe('2026-01-16T09:00:00.000Z')
  })
})

describe('decideAspsmsSend: lifetime', () => {
  it.each([
    ['60 minutes', '60', 60],
    ['1 minute, raised to the minimum of 3', '1', 3],
    ['5000 minutes, cut to the maximum of 1440', '5000', 1440],
    ['a word, read as the default 24 h', 'soon', 1440],
  ])('keeps an SMS for LifeTime %s', (_what, lifetime, minutes) => {
    const decision = run(setup(), req('SendTextSMS', { LifeTime: lifetime }))
    expect(decision.sms[0]?.validityMs).toBe(minutes * MINUTE)
  })
})
