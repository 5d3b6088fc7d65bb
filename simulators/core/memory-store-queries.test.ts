/**
 * Reading the in-memory store back: marks, the filters of messages, mails and the journal, and a
 * reset to the configured state.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Effect } from './effects.ts'
import type { MemoryStore } from './memory-store.ts'
import {
  ABSENT_10_MIN,
  at,
  debit,
  HOUR,
  JEAN,
  sms,
  storeWithJean,
  STORE_KINDS,
  closeStores,
  T0,
  UNASSIGNED,
} from './memory-store-testing.ts'

describe.each(STORE_KINDS)('$name', (kind) => {
  let store: MemoryStore
  beforeEach(() => {
    store = storeWithJean(kind)
  })
  afterEach(closeStores)

  describe('marks', () => {
    it('remembers a key for an account, whatever the case of its login', () => {
      expect(store.hasMark('smstob', 'jean@resto.fr', 'mail-42')).toBe(false)
      store.apply(
        [{ kind: 'mark', provider: 'smstob', account: 'Jean@Resto.fr', key: 'mail-42' }],
        T0,
      )
      expect(store.hasMark('smstob', 'jean@resto.fr', 'mail-42')).toBe(true)
      expect(store.hasMark('smstob', 'jean@resto.fr', 'mail-43')).toBe(false)
      expect(store.hasMark('smstob', 'paul@resto.fr', 'mail-42')).toBe(false)
      expect(store.hasMark('isendpro', 'jean@resto.fr', 'mail-42')).toBe(false)
    })
  })

  describe('filters', () => {
    beforeEach(() => {
      store.createAccount({ provider: 'smstob', id: 'paul@resto.fr', credits: 5 }, T0)
      store.createAccount({ provider: 'aspsms', id: 'KEY', credits: 5 }, T0)
      store.apply([sms(JEAN), sms(UNASSIGNED)], T0)
      store.apply([sms(JEAN, { account: 'paul@resto.fr' })], T0)
      store.apply([sms(JEAN, { provider: 'aspsms', account: 'KEY', transport: 'soap' })], T0)
    })

    it('filters messages by provider, account, number and status', () => {
      expect(store.messages()).toHaveLength(4)
      expect(store.messages({ provider: 'aspsms' }).map((m) => m.account)).toEqual(['KEY'])
      expect(store.messages({ account: 'PAUL@resto.fr' }).map((m) => m.to)).toEqual([JEAN])
      expect(store.messages({ to: UNASSIGNED }).map((m) => m.status)).toEqual(['failed'])
      expect(store.messages({ status: 'delivered' })).toHaveLength(3)
      expect(
        store.messages({ provider: 'smstob', account: 'jean@resto.fr', status: 'delivered' }),
      ).toHaveLength(1)
    })

    it('filters mails by recipient, without case, and by provider', () => {
      const mail = (provider: 'smstob' | 'aspsms', to: string): Effect => ({
        kind: 'mail',
        mail: { provider, from: 'n@x.fr', to, subject: 's', text: 't' },
      })
      store.apply([mail('smstob', 'Jean@Resto.fr'), mail('aspsms', 'jean@resto.fr')], T0)
      store.apply([mail('smstob', 'paul@resto.fr')], T0)
      expect(store.mails({ to: 'JEAN@resto.fr' })).toHaveLength(2)
      expect(store.mails({ provider: 'smstob' })).toHaveLength(2)
      expect(store.mails({ to: 'jean@resto.fr', provider: 'aspsms' })).toHaveLength(1)
    })

    it('numbers journal entries in order and filters them by provider and account', () => {
      const first = store.addJournal({
        at: T0.toISOString(),
        provider: 'smstob',
        transport: 'http',
        account: 'jean@resto.fr',
        request: { numero: '0660919010' },
        code: 80,
      })
      store.addJournal({ at: T0.toISOString(), provider: 'aspsms', transport: 'soap', request: {} })
      store.addJournal({
        at: T0.toISOString(),
        provider: 'smstob',
        transport: 'http',
        request: {},
        code: 82,
      })
      expect(first.seq).toBe(1)
      expect(store.journal().map((j) => j.seq)).toEqual([1, 2, 3])
      expect(store.journal({ provider: 'smstob' }).map((j) => j.code)).toEqual([80, 82])
      expect(store.journal({ account: 'jean@resto.fr' }).map((j) => j.seq)).toEqual([1])
    })

    it('filters the ledger by provider and account', () => {
      expect(store.ledger({ provider: 'aspsms' }).map((l) => l.account)).toEqual(['KEY'])
      expect(store.ledger({ account: 'paul@resto.fr' }).map((l) => l.delta)).toEqual([5])
    })
  })

  describe('reset', () => {
    it('empties everything and starts ids and sequence numbers again', () => {
      store.setNumber(JEAN, { status: 'rejected' })
      store.apply(
        [
          debit(1),
          sms(ABSENT_10_MIN),
          { kind: 'mark', provider: 'smstob', account: 'jean@resto.fr', key: 'k' },
          {
            kind: 'mail',
            mail: { provider: 'smstob', from: 'a', to: 'b', subject: 's', text: 't' },
          },
        ],
        T0,
      )
      store.addJournal({ at: T0.toISOString(), provider: 'smstob', transport: 'http', request: {} })
      store.reset()

      expect(store.listAccounts()).toEqual([])
      expect(store.listNumbers()).toEqual([])
      expect(store.messages()).toEqual([])
      expect(store.mails()).toEqual([])
      expect(store.journal()).toEqual([])
      expect(store.ledger()).toEqual([])
      expect(store.hasMark('smstob', 'jean@resto.fr', 'k')).toBe(false)
      expect(
        store.lastSubmitted('smstob', 'jean@resto.fr', ABSENT_10_MIN, 'Bonjour'),
      ).toBeUndefined()
      // The buffered SMS is gone too: nothing is left to release.
      expect(store.release(at(HOUR))).toEqual([])

      store.createAccount({ provider: 'smstob', id: 'jean@resto.fr', credits: 1 }, T0)
      expect(store.apply([sms(JEAN)], T0).sms[0]?.id).toBe('sms-000001')
      expect(
        store.addJournal({
          at: T0.toISOString(),
          provider: 'smstob',
          transport: 'http',
          request: {},
        }).seq,
      ).toBe(1)
    })
  })
})
