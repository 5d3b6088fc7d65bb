/**
 * What the store keeps (issue 10): journal entries bounded and masked as they are stored, found
 * by an account id they show masked, and every kept list bounded in bytes as well as in count.
 */
import { afterEach, describe, expect, it } from 'vitest'
import { SMS_RECORD_BYTES } from './store-limits.ts'
import {
  at,
  closeStores,
  HOUR,
  JEAN,
  sms,
  STORE_KINDS,
  T0,
  type StoreKind,
} from './memory-store-testing.ts'

const KEYID = 'a296464ce012b8ab710a'

const isendproStore = (kind: StoreKind, limits = {}) =>
  kind.open({ secretAccountIds: (provider) => provider === 'isendpro', limits })

const entry = (extra: object) => ({
  at: T0.toISOString(),
  provider: 'isendpro' as const,
  transport: 'smtp',
  request: {},
  ...extra,
})

describe.each(STORE_KINDS)('the journal as stored ($name)', (kind) => {
  afterEach(closeStores)
  it('masks secret-named fields, the secrets pointed out, and secret query parameters', () => {
    const store = kind.open()
    const kept = store.addJournal({
      at: T0.toISOString(),
      provider: 'smstob',
      transport: 'smtp',
      request: {
        to: 'XV65JU.0660919010@smstob.com',
        from: 'xv65ju@example.fr',
        fields: { Password: 'longpassword', apiKey: 42 },
        query: 'email=a@b.fr&pass=other',
        URLDeliveryNotification: 'https://app.example/cb?apiKey=12345678',
      },
      secrets: ['XV65JU'],
      note: 'sent to XV65JU.0660919010@smstob.com',
    })
    expect(kept).toEqual({
      seq: 1,
      at: T0.toISOString(),
      provider: 'smstob',
      transport: 'smtp',
      request: {
        to: '****.0660919010@smstob.com',
        // Who sent is never masked by value (the login may hold the password's letters).
        from: 'xv65ju@example.fr',
        fields: { Password: '****rd', apiKey: '****' },
        query: 'email=a@b.fr&pass=****',
        URLDeliveryNotification: 'https://app.example/cb?apiKey=****78',
      },
      note: 'sent to ****.0660919010@smstob.com',
    })
    expect(kept).not.toHaveProperty('secrets')
  })

  it('masks an account id that is the credential, and finds the entry by the clear id', () => {
    const store = isendproStore(kind)
    store.addJournal(entry({ account: KEYID, request: { keyid: KEYID, note: `k=${KEYID}` } }))
    store.addJournal(entry({ claimedAccount: '0bad0bad0bad0bad0bad', request: { keyid: 'x' } }))
    store.addJournal(entry({ account: 'b296464ce012b8ab710a' }))
    const [first] = store.journal()
    expect(first).toMatchObject({
      account: '****0a',
      request: { keyid: '****0a', note: 'k=****0a' },
    })
    expect(JSON.stringify(store.journal())).not.toContain(KEYID)
    expect(store.journal({ account: KEYID }).map((e) => e.seq)).toEqual([1])
    expect(store.journal({ account: '0bad0bad0bad0bad0bad' }).map((e) => e.seq)).toEqual([2])
    // The masked form is no key: two keyids ending alike are never mixed up.
    expect(store.journal({ account: '****0a' })).toEqual([])
  })
})

describe.each(STORE_KINDS)('retention in bytes ($name)', (kind) => {
  afterEach(closeStores)
  it('drops the oldest SMS past the byte budget but keeps those still pending delivery', () => {
    const store = kind.open({ limits: { smsBytes: 10 * (SMS_RECORD_BYTES + 200) } })
    store.createAccount({ provider: 'smstob', id: 'jean@resto.fr', credits: 1_000 }, T0)
    // The first one is deferred a day: pending, it must still be delivered when due.
    const [deferred] = store.apply(
      [sms(JEAN, { scheduledAt: at(24 * HOUR).toISOString() })],
      T0,
    ).sms
    for (let i = 0; i < 30; i++) store.apply([sms(JEAN, { text: `${i} ${'x'.repeat(150)}` })], T0)
    const kept = store.messages()
    expect(kept.length).toBeLessThan(12)
    expect(kept.map((m) => m.id)).not.toContain(deferred!.id)
    const events = store.release(at(25 * HOUR))
    expect(events.map((e) => [e.sms.id, e.status])).toEqual([[deferred!.id, 'delivered']])
  })

  it('forgets the oldest duplicate keys past their byte budget', () => {
    const store = kind.open({ limits: { duplicateIndexBytes: 4_000 } })
    store.createAccount({ provider: 'smstob', id: 'jean@resto.fr', credits: 1_000 }, T0)
    const long = (i: number) => `${i} ${'x'.repeat(1_000)}`
    for (let i = 0; i < 10; i++) store.apply([sms(JEAN, { text: long(i) })], T0)
    expect(store.lastSubmitted('smstob', 'jean@resto.fr', JEAN, long(0))).toBeUndefined()
    expect(store.lastSubmitted('smstob', 'jean@resto.fr', JEAN, long(9))).toBe(T0.getTime())
  })

  it('bounds the journal, the outbox and the marks in bytes', () => {
    const store = isendproStore(kind, {
      journalBytes: 20_000,
      outboxBytes: 20_000,
      markBytes: 5_000,
    })
    store.createAccount({ provider: 'isendpro', id: KEYID, credits: 1 }, T0)
    for (let i = 0; i < 100; i++) {
      store.addJournal(entry({ request: { text: 'x'.repeat(2_000) } }))
      store.apply(
        [
          {
            kind: 'mail',
            mail: {
              provider: 'isendpro',
              from: 'a@b',
              to: 'c@d',
              subject: 's',
              text: 'x'.repeat(2_000),
            },
          },
          { kind: 'mark', provider: 'isendpro', account: KEYID, key: `${i}${'e'.repeat(1_000)}` },
        ],
        T0,
      )
    }
    const retention = store.retention()
    expect(retention.journal.bytes).toBeLessThanOrEqual(20_000)
    expect(retention.mails.bytes).toBeLessThanOrEqual(20_000)
    expect(retention.journal.records).toBeLessThan(20)
    expect(store.hasMark('isendpro', KEYID, `0${'e'.repeat(1_000)}`)).toBe(false)
    expect(store.hasMark('isendpro', KEYID, `99${'e'.repeat(1_000)}`)).toBe(true)
  })
})
