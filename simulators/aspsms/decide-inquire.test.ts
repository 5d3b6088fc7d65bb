import { describe, expect, it } from 'vitest'
import { MemoryStore } from '../core/memory-store.ts'
import type { Sms } from '../core/model.ts'
import { ASPSMS_DELIVERY_STATUS, ASPSMS_REASON_CODES } from './codes.ts'
import { decideAspsms } from './decide.ts'
import { INQUIRY_PRICE, deliveryRecord } from './inquire.ts'
import type { DeliveryRecord } from './reply.ts'
import { requestFromSoapFields, type AspsmsOperation, type AspsmsRequest } from './request.ts'

/** Thursday 15 January 2026, 10:00 in Zurich. */
const NOW = new Date('2026-01-15T09:00:00Z')
const MINUTE = 60_000
const HOUR = 60 * MINUTE
const KEY = 'KEY'
const later = (ms: number) => new Date(NOW.getTime() + ms)
const iso = (ms = 0) => later(ms).toISOString()

function setup(credits = 10): MemoryStore {
  const store = new MemoryStore()
  store.createAccount({ provider: 'aspsms', id: KEY, secret: 'pw', credits }, NOW)
  return store
}

const req = (operation: AspsmsOperation, fields: Record<string, string> = {}): AspsmsRequest =>
  requestFromSoapFields(operation, 'soap', { UserKey: KEY, Password: 'pw', ...fields })

function run(store: MemoryStore, request: AspsmsRequest, now = NOW) {
  const decision = decideAspsms(request, store, now)
  return { ...decision, ...store.apply(decision.effects, now) }
}

/** Sends one text to `number` with TRN `trn` and returns the SMS. */
function sendTo(store: MemoryStore, number: string, trn: string, fields = {}, now = NOW): Sms {
  const request = req('SendTextSMS', {
    Recipients: `${number}:${trn}`,
    Originator: 'ESF',
    MessageText: 'Bonjour',
    ...fields,
  })
  const decision = run(store, request, now)
  expect(decision.code).toBe(1)
  return decision.sms[0]!
}

const inquire = (store: MemoryStore, trns: string, now = NOW) =>
  run(store, req('InquireDeliveryNotifications', { TransactionReferenceNumbers: trns }), now)

const records = (store: MemoryStore, trns: string, now = NOW): DeliveryRecord[] => {
  const { reply } = inquire(store, trns, now)
  expect(reply.kind).toBe('notifications')
  return reply.kind === 'notifications' ? reply.records : []
}

describe('deliveryRecord for every state of an SMS', () => {
  it('reports a delivered SMS as 0 with reason 0', () => {
    const sms = sendTo(setup(), '+41791234567', 'ok')
    expect(deliveryRecord(sms)).toEqual({
      trn: 'ok',
      status: 0,
      recipient: '+41791234567',
      submittedAt: iso(),
      notifiedAt: iso(),
      reason: 0,
    })
  })

  it('reports a scheduled SMS as -1 without dates nor reason', () => {
    const sms = sendTo(setup(), '+41791234567', 'later', { DeferredDeliveryTime: '16012026100000' })
    expect(deliveryRecord(sms)).toEqual({ trn: 'later', status: -1, recipient: '+41791234567' })
  })

  it('reports a buffered SMS as 1 with reason 107 "Absent subscriber", then delivered', () => {
    const store = setup()
    const sms = sendTo(store, '+41799990013', 'off')
    expect(deliveryRecord(sms)).toMatchObject({
      status: 1,
      reason: 107,
      submittedAt: iso(),
      notifiedAt: iso(),
    })
    store.release(later(10 * MINUTE))
    expect(deliveryRecord(sms)).toMatchObject({
      status: 0,
      reason: 0,
      notifiedAt: iso(10 * MINUTE),
    })
  })

  it('reports an SMS that stayed buffered past its 24 h lifetime as 2 with reason 108', () => {
    const store = setup()
    const sms = sendTo(store, '+41799990015', 'gone')
    store.release(later(24 * HOUR - 1))
    expect(deliveryRecord(sms).status).toBe(1)
    store.release(later(24 * HOUR))
    expect(deliveryRecord(sms)).toMatchObject({
      status: 2,
      reason: 108,
      notifiedAt: iso(24 * HOUR),
    })
  })

  it('delivers a phone back in 6 h when LifeTime allows it, and expires it otherwise', () => {
    const store = setup()
    const kept = sendTo(store, '+41799990014', 'kept')
    const short = sendTo(store, '+41799990014', 'short', { LifeTime: '60' })
    store.release(later(6 * HOUR))
    expect(deliveryRecord(kept)).toMatchObject({ status: 0, reason: 0 })
    expect(deliveryRecord(short)).toMatchObject({ status: 2, reason: 108, notifiedAt: iso(HOUR) })
  })

  it.each([
    ['an unassigned number', '+41799990010', 101],
    ['a barred number', '+41799990011', 103],
    ['a number the operator refuses', '+41799990017', 108],
    ['a phone with a full SIM', '+41799990016', 116],
    ['a national number', '0791234567', 206],
    ['a landline', '+41441234567', 206],
  ])('reports %s as 2 with reason %i', (_what, number, reason) => {
    const sms = sendTo(setup(), number, 't')
    expect(deliveryRecord(sms)).toMatchObject({
      status: 2,
      reason,
      recipient: number,
      submittedAt: iso(),
      notifiedAt: iso(),
    })
    expect(ASPSMS_REASON_CODES).toHaveProperty(String(reason))
  })

  it('delivers a flash SMS to a phone with a full SIM', () => {
    const sms = sendTo(setup(), '+41799990016', 'f', { FlashingSMS: '1' })
    expect(deliveryRecord(sms)).toMatchObject({ status: 0, reason: 0 })
  })

  it('uses statuses the table describes', () => {
    for (const status of [-1, 0, 1, 2])
      expect(ASPSMS_DELIVERY_STATUS).toHaveProperty(String(status))
  })
})

describe('InquireDeliveryNotifications', () => {
  it('answers one record per TRN, in the order asked, and charges 0.25 per TRN', () => {
    const store = setup()
    sendTo(store, '+41791234567', 'a')
    sendTo(store, '+41799990010', 'b')
    expect(store.account('aspsms', KEY)?.credits).toBe(8)
    expect(records(store, 'b;a').map((r) => [r.trn, r.status, r.reason])).toEqual([
      ['b', 2, 101],
      ['a', 0, 0],
    ])
    expect(store.account('aspsms', KEY)?.credits).toBe(8 - 2 * INQUIRY_PRICE)
  })

  it('leaves a fractional balance that a send then spends', () => {
    const store = setup()
    sendTo(store, '+41791234567', 'a')
    inquire(store, 'a;a;a')
    expect(store.account('aspsms', KEY)?.credits).toBe(8.25)
    sendTo(store, '+41791234567', 'c')
    expect(run(store, req('CheckCredits')).reply).toEqual({ kind: 'credits', credits: 7.25 })
    expect(store.ledger({ account: KEY }).at(-2)).toMatchObject({
      delta: -0.75,
      reason: 'InquireDeliveryNotifications',
    })
  })

  it('charges a TRN it does not know and answers no record for it', () => {
    const store = setup()
    expect(records(store, 'nope')).toEqual([])
    expect(store.account('aspsms', KEY)?.credits).toBe(9.75)
  })

  it('answers the latest SMS sent with a TRN used twice', () => {
    const store = setup()
    sendTo(store, '+41799990010', 'same')
    sendTo(store, '+41791234567', 'same')
    expect(records(store, 'same')).toEqual([expect.objectContaining({ status: 0 })])
  })

  it('follows the SMS as the clock moves', () => {
    const store = setup()
    sendTo(store, '+41799990013', 'off')
    expect(records(store, 'off')[0]).toMatchObject({ status: 1, reason: 107 })
    store.release(later(10 * MINUTE))
    expect(records(store, 'off', later(10 * MINUTE))[0]).toMatchObject({ status: 0, reason: 0 })
  })

  it('answers no record for another account’s TRN', () => {
    const store = setup()
    store.createAccount({ provider: 'aspsms', id: 'OTHER', secret: 'pw', credits: 10 }, NOW)
    run(
      store,
      req('SendTextSMS', {
        UserKey: 'OTHER',
        Recipients: '+41791234567:theirs',
        MessageText: 'Hi',
      }),
    )
    expect(records(store, 'theirs')).toEqual([])
  })

  it('answers 23 without TRN', () => {
    const store = setup()
    expect(inquire(store, '')).toMatchObject({ code: 23, effects: [] })
    expect(inquire(store, ' ; ').code).toBe(23)
  })

  it('answers 5 when the balance does not cover 0.25 per TRN, and charges nothing', () => {
    const store = setup(0.5)
    expect(inquire(store, '1;2;3')).toMatchObject({ code: 5, effects: [] })
    expect(store.account('aspsms', KEY)?.credits).toBe(0.5)
    expect(inquire(store, '1;2').code).toBe(1)
    expect(store.account('aspsms', KEY)?.credits).toBe(0)
  })
})
