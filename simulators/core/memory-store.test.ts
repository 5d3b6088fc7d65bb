import { beforeEach, describe, expect, it } from 'vitest'
import type { Effect } from './effects.ts'
import { ControlError } from './errors.ts'
import { MemoryStore } from './memory-store.ts'
import type { NewSms } from './model.ts'

const T0 = new Date('2026-01-05T09:00:00+01:00')
const MINUTE = 60_000
const HOUR = 60 * MINUTE
const at = (ms: number): Date => new Date(T0.getTime() + ms)
const iso = (ms: number): string => at(ms).toISOString()

const JEAN = '+33660919010'
const ABSENT_10_MIN = '+33600000013'
const ABSENT_FOREVER = '+33600000015'
const UNASSIGNED = '+33600000010'

/** SMStoB logins are e-mail addresses, compared without case, as the server configures it. */
const newStore = (): MemoryStore =>
  new MemoryStore({ normalizeId: (_provider, id) => id.trim().toLowerCase() })

function sms(to: string, extra: Partial<NewSms> = {}): Effect {
  return {
    kind: 'sms',
    sms: {
      provider: 'smstob',
      account: 'jean@resto.fr',
      transport: 'http',
      to,
      text: 'Bonjour',
      encoding: 'gsm7',
      segments: 1,
      class: 'normal',
      validityMs: 24 * HOUR,
      ...extra,
    },
  }
}

const debit = (amount: number, account = 'jean@resto.fr'): Effect => ({
  kind: 'debit',
  provider: 'smstob',
  account,
  amount,
  reason: 'send (http)',
})

describe('MemoryStore', () => {
  let store: MemoryStore
  beforeEach(() => {
    store = newStore()
    store.createAccount({ provider: 'smstob', id: 'jean@resto.fr', secret: 'x', credits: 10 }, T0)
  })

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
      const custom = new MemoryStore({ nextId: (kind) => `${kind}-${++n}` })
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

  describe('scheduled SMS', () => {
    const inAnHour = sms(JEAN, { scheduledAt: iso(HOUR) })

    it('keeps a deferred SMS scheduled until its time', () => {
      const out = store.apply([inAnHour], T0)
      expect(out.events).toEqual([])
      expect(out.sms[0]).toMatchObject({
        status: 'scheduled',
        history: [{ at: T0.toISOString(), status: 'scheduled' }],
      })
      expect(store.release(at(HOUR - 1))).toEqual([])
      expect(store.messages()[0]?.status).toBe('scheduled')
    })

    it('delivers a deferred SMS when release reaches its time', () => {
      store.apply([inAnHour], T0)
      const events = store.release(at(HOUR))
      expect(events.map((e) => [e.status, e.at])).toEqual([['delivered', iso(HOUR)]])
      expect(store.messages()[0]).toMatchObject({ status: 'delivered', deliveredAt: iso(HOUR) })
      expect(store.release(at(2 * HOUR))).toEqual([])
    })

    it('dates a late release at the scheduled time, not at the release time', () => {
      store.apply([inAnHour], T0)
      store.release(at(5 * HOUR))
      expect(store.messages()[0]?.deliveredAt).toBe(iso(HOUR))
    })

    it('routes a deferred SMS by the number’s state when it falls due, not when submitted', () => {
      store.apply([inAnHour, sms(UNASSIGNED, { scheduledAt: iso(HOUR) })], T0)
      store.setNumber(JEAN, { status: 'blacklisted' })
      store.setNumber(UNASSIGNED, { status: 'ok' })
      store.release(at(HOUR))
      expect(store.messages().map((m) => [m.to, m.status, m.reason])).toEqual([
        [JEAN, 'failed', 'blacklisted'],
        [UNASSIGNED, 'delivered', undefined],
      ])
    })

    it('sends at once an SMS whose scheduled time is already past', () => {
      const [sent] = store.apply([sms(JEAN, { scheduledAt: iso(-HOUR) })], T0).sms
      expect(sent?.status).toBe('delivered')
    })

    it('runs a deferred SMS to an absent phone through every due step in one release', () => {
      store.apply([sms(ABSENT_10_MIN, { scheduledAt: iso(HOUR) })], T0)
      const events = store.release(at(3 * HOUR))
      expect(events.map((e) => [e.status, e.at])).toEqual([
        ['buffered', iso(HOUR)],
        ['delivered', iso(HOUR + 10 * MINUTE)],
      ])
    })
  })

  describe('buffered SMS', () => {
    it('buffers an SMS to a phone that is off and delivers it when the phone is back', () => {
      const out = store.apply([sms(ABSENT_10_MIN)], T0)
      expect(out.events.map((e) => e.status)).toEqual(['buffered'])
      expect(out.sms[0]).toMatchObject({ status: 'buffered', reason: 'absent' })
      expect(store.release(at(10 * MINUTE - 1))).toEqual([])
      const events = store.release(at(10 * MINUTE))
      expect(events.map((e) => e.status)).toEqual(['delivered'])
      expect(store.messages()[0]).toMatchObject({
        status: 'delivered',
        deliveredAt: iso(10 * MINUTE),
        history: [
          { at: T0.toISOString(), status: 'buffered', reason: 'absent' },
          { at: iso(10 * MINUTE), status: 'delivered' },
        ],
      })
    })

    it('expires a buffered SMS when its lifetime runs out', () => {
      store.apply([sms(ABSENT_FOREVER, { validityMs: HOUR })], T0)
      expect(store.release(at(HOUR - 1))).toEqual([])
      const events = store.release(at(HOUR))
      expect(events.map((e) => [e.status, e.at])).toEqual([['expired', iso(HOUR)]])
      expect(store.messages()[0]).toMatchObject({
        status: 'expired',
        reason: 'absent',
        failedAt: iso(HOUR),
      })
    })

    it('releases only what falls due, SMS by SMS', () => {
      store.apply([sms(ABSENT_10_MIN), sms(ABSENT_FOREVER, { validityMs: HOUR })], T0)
      store.release(at(30 * MINUTE))
      expect(store.messages({ status: 'buffered' }).map((m) => m.to)).toEqual([ABSENT_FOREVER])
      expect(store.messages({ status: 'delivered' }).map((m) => m.to)).toEqual([ABSENT_10_MIN])
    })
  })

  describe('lastSubmitted', () => {
    it('remembers when a text was last accepted for a number on an account', () => {
      store.apply([sms(JEAN)], T0)
      store.apply([sms(JEAN)], at(HOUR))
      expect(store.lastSubmitted('smstob', 'jean@resto.fr', JEAN, 'Bonjour')).toBe(
        T0.getTime() + HOUR,
      )
    })

    it('finds the account whatever the case of its login', () => {
      store.apply([sms(JEAN)], T0)
      expect(store.lastSubmitted('smstob', 'JEAN@RESTO.FR', JEAN, 'Bonjour')).toBe(T0.getTime())
    })

    it('tells apart another text, another number and another account', () => {
      store.apply([sms(JEAN)], T0)
      expect(store.lastSubmitted('smstob', 'jean@resto.fr', JEAN, 'Bonsoir')).toBeUndefined()
      expect(store.lastSubmitted('smstob', 'jean@resto.fr', UNASSIGNED, 'Bonjour')).toBeUndefined()
      expect(store.lastSubmitted('smstob', 'paul@resto.fr', JEAN, 'Bonjour')).toBeUndefined()
    })

    it('counts a deferred SMS from when it was submitted', () => {
      store.apply([sms(JEAN, { scheduledAt: iso(5 * HOUR) })], T0)
      expect(store.lastSubmitted('smstob', 'jean@resto.fr', JEAN, 'Bonjour')).toBe(T0.getTime())
    })
  })

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

  describe('numbers', () => {
    it('sets, lists and clears the state of a number', () => {
      store.setNumber(JEAN, { status: 'absent', backAfterMs: HOUR })
      expect(store.numberState(JEAN)).toEqual({ status: 'absent', backAfterMs: HOUR })
      expect(store.listNumbers()).toEqual([
        { number: JEAN, state: { status: 'absent', backAfterMs: HOUR } },
      ])
      store.setNumber(JEAN, undefined)
      expect(store.numberState(JEAN)).toEqual({ status: 'ok' })
      expect(store.listNumbers()).toEqual([])
    })

    it('gives the magic numbers their state without any setting', () => {
      expect(store.numberState(UNASSIGNED)).toEqual({ status: 'unassigned' })
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
