/**
 * The in-memory store: accounts and their ledger, and the effects of a decision applied to it
 * (SMS, debits, journal) all or nothing.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Effect } from './effects.ts'
import { ControlError } from './errors.ts'
import type { MemoryStore } from './memory-store.ts'
import {
  at,
  debit,
  HOUR,
  iso,
  JEAN,
  MINUTE,
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

  describe('accounts', () => {
    it('creates an account with the defaults filled in', () => {
      expect(store.createAccount({ provider: 'aspsms', id: 'KEY' }, T0)).toEqual({
        provider: 'aspsms',
        id: 'KEY',
        secret: '',
        credits: 0,
        options: {},
        createdAt: T0.toISOString(),
      })
    })

    it('records the starting credits in the ledger', () => {
      expect(store.ledger({ account: 'jean@resto.fr' })).toEqual([
        {
          at: T0.toISOString(),
          provider: 'smstob',
          account: 'jean@resto.fr',
          delta: 10,
          balance: 10,
          reason: 'account created',
        },
      ])
    })

    it('writes nothing to the ledger for an account created without credits', () => {
      store.createAccount({ provider: 'aspsms', id: 'KEY' }, T0)
      expect(store.ledger({ provider: 'aspsms' })).toEqual([])
    })

    it('finds an account whatever the case of its login', () => {
      expect(store.account('smstob', ' Jean@Resto.FR ')?.id).toBe('jean@resto.fr')
    })

    it('keeps the same id apart under two providers', () => {
      store.createAccount({ provider: 'aspsms', id: 'jean@resto.fr', credits: 3 }, T0)
      expect(store.account('aspsms', 'jean@resto.fr')?.credits).toBe(3)
      expect(store.account('smstob', 'jean@resto.fr')?.credits).toBe(10)
    })

    it('refuses a second account with the same login with a 409 ControlError', () => {
      const create = () => store.createAccount({ provider: 'smstob', id: 'JEAN@resto.fr' }, T0)
      expect(create).toThrow(ControlError)
      expect(create).toThrowErrorMatchingInlineSnapshot(
        `[ControlError: account smstob/JEAN@resto.fr already exists]`,
      )
      expect(create).toThrow(expect.objectContaining({ status: 409, code: 'SMSIM_BAD_REQUEST' }))
    })

    it('keeps its own copy of the options given', () => {
      const options = { groups: { amis: [{ number: '0660919010' }] } }
      store.createAccount({ provider: 'smstob', id: 'b@b.fr', options }, T0)
      options.groups.amis.push({ number: '0600000001' })
      expect(store.account('smstob', 'b@b.fr')?.options).toEqual({
        groups: { amis: [{ number: '0660919010' }] },
      })
    })

    it('sets the credits and writes the change to the ledger', () => {
      const later = at(HOUR)
      expect(store.updateAccount('smstob', 'jean@resto.fr', { credits: 4 }, later).credits).toBe(4)
      expect(store.ledger({ account: 'jean@resto.fr' }).at(-1)).toEqual({
        at: later.toISOString(),
        provider: 'smstob',
        account: 'jean@resto.fr',
        delta: -6,
        balance: 4,
        reason: 'set through the control API',
      })
    })

    it('writes nothing to the ledger when the credits do not change', () => {
      store.updateAccount('smstob', 'jean@resto.fr', { credits: 10, secret: 'y' }, T0)
      expect(store.ledger({ account: 'jean@resto.fr' })).toHaveLength(1)
      expect(store.account('smstob', 'jean@resto.fr')?.secret).toBe('y')
    })

    it('merges new options into the existing ones', () => {
      store.updateAccount('smstob', 'jean@resto.fr', { options: { format: 'flash' } }, T0)
      store.updateAccount('smstob', 'jean@resto.fr', { options: { lifetimeHours: 2 } }, T0)
      expect(store.account('smstob', 'jean@resto.fr')?.options).toEqual({
        format: 'flash',
        lifetimeHours: 2,
      })
    })

    it('refuses to update or delete an unknown account with a 404 ControlError', () => {
      const update = () => store.updateAccount('smstob', 'nobody@x.fr', { credits: 1 }, T0)
      expect(update).toThrowErrorMatchingInlineSnapshot(
        `[ControlError: no smstob account "nobody@x.fr"]`,
      )
      expect(() => store.deleteAccount('smstob', 'nobody@x.fr')).toThrow(
        expect.objectContaining({ status: 404, code: 'SMSIM_NOT_FOUND' }),
      )
    })

    it('deletes an account', () => {
      store.deleteAccount('smstob', 'JEAN@resto.fr')
      expect(store.account('smstob', 'jean@resto.fr')).toBeUndefined()
      expect(store.listAccounts()).toEqual([])
    })

    it('lists the accounts of one provider or of all', () => {
      store.createAccount({ provider: 'aspsms', id: 'KEY' }, T0)
      expect(store.listAccounts().map((a) => a.id)).toEqual(['jean@resto.fr', 'KEY'])
      expect(store.listAccounts('aspsms').map((a) => a.id)).toEqual(['KEY'])
    })
  })

  describe('apply', () => {
    it('debits the credits and records the SMS in one decision', () => {
      const out = store.apply([debit(1), sms(JEAN)], T0)
      expect(store.account('smstob', 'jean@resto.fr')?.credits).toBe(9)
      expect(store.ledger().at(-1)).toMatchObject({ delta: -1, balance: 9, reason: 'send (http)' })
      expect(out.sms).toHaveLength(1)
      expect(out.sms[0]).toMatchObject({
        id: 'sms-000001',
        to: JEAN,
        status: 'delivered',
        submittedAt: T0.toISOString(),
        deliveredAt: T0.toISOString(),
        history: [{ at: T0.toISOString(), status: 'delivered' }],
        meta: {},
      })
      expect(out.events).toEqual([{ sms: out.sms[0], status: 'delivered', at: T0.toISOString() }])
      expect(store.messages()).toEqual(out.sms)
    })

    it('refuses a decision whose debits exceed the credits and changes nothing', () => {
      const before = { ledger: store.ledger(), credits: 10 }
      const effects: Effect[] = [
        sms(JEAN),
        debit(6),
        { kind: 'mail', mail: { provider: 'smstob', from: 'a', to: 'b', subject: 's', text: 't' } },
        { kind: 'mark', provider: 'smstob', account: 'jean@resto.fr', key: 'k' },
        debit(5),
      ]
      expect(() => store.apply(effects, T0)).toThrowErrorMatchingInlineSnapshot(
        `[Error: decision debits 11 from smstob/jean@resto.fr, which has 10]`,
      )
      expect(store.account('smstob', 'jean@resto.fr')?.credits).toBe(before.credits)
      expect(store.ledger()).toEqual(before.ledger)
      expect(store.messages()).toEqual([])
      expect(store.mails()).toEqual([])
      expect(store.hasMark('smstob', 'jean@resto.fr', 'k')).toBe(false)
      expect(store.lastSubmitted('smstob', 'jean@resto.fr', JEAN, 'Bonjour')).toBeUndefined()
    })

    it('accepts a decision that takes exactly every credit left', () => {
      store.apply([debit(4), debit(6)], T0)
      expect(store.account('smstob', 'jean@resto.fr')?.credits).toBe(0)
    })

    it('refuses a debit from an unknown account before changing anything', () => {
      expect(() => store.apply([sms(JEAN), debit(1, 'nobody@x.fr')], T0)).toThrow(ControlError)
      expect(store.messages()).toEqual([])
    })

    it('keeps fractional credits exact', () => {
      store.updateAccount('smstob', 'jean@resto.fr', { credits: 1 }, T0)
      for (let i = 0; i < 3; i++) store.apply([debit(0.1)], T0)
      store.apply([debit(0.25)], T0)
      expect(store.account('smstob', 'jean@resto.fr')?.credits).toBe(0.45)
    })

    it('stores a mail with an id and the date of the decision', () => {
      const mail = {
        provider: 'smstob' as const,
        from: 'n@smstob.com',
        to: 'j@r.fr',
        subject: 's',
        text: 't',
      }
      const out = store.apply([{ kind: 'mail', mail }], at(MINUTE))
      expect(out.mails).toEqual([{ ...mail, id: 'mail-000001', date: iso(MINUTE) }])
      expect(store.mails()).toEqual(out.mails)
    })

    it('uses the injected id generator', () => {
      let n = 0
      const custom = kind.open({ nextId: (kind) => `${kind}-${++n}` })
      const out = custom.apply([sms(JEAN)], T0)
      expect(out.sms[0]?.id).toBe('sms-1')
    })

    it('fails an SMS at once for a number that cannot receive it', () => {
      const [failed] = store.apply([sms(UNASSIGNED)], T0).sms
      expect(failed).toMatchObject({
        status: 'failed',
        reason: 'unassigned',
        failedAt: T0.toISOString(),
      })
    })
  })
})
