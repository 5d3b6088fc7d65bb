/**
 * The in-memory store on the simulator clock: scheduled SMS released when they fall due, buffered
 * ones delivered when the phone comes back or expired, the last submission to a number, and the
 * state of each number.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { MemoryStore } from './memory-store.ts'
import {
  ABSENT_10_MIN,
  ABSENT_FOREVER,
  at,
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
})
