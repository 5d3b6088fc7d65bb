/**
 * SMStoB's send decision against the account's state and options: the 24-hour duplicate check,
 * credits and SMS parts, the account's options (flash format…) and the low-credit alert.
 */
import { describe, expect, it } from 'vitest'
import { MemoryStore } from '../core/memory-store.ts'
import type { Sms } from '../core/model.ts'
import { decideSend, DUPLICATE_WINDOW_MS, MAX_PARTS } from './decide.ts'
import {
  code,
  credits,
  HOUR,
  LOGIN,
  NOW,
  PASS,
  request,
  RESTO,
  send,
  setup,
} from './decide-testing.ts'

describe('decideSend', () => {
  describe('duplicate check', () => {
    const later = (ms: number) => new Date(NOW.getTime() + ms)

    it('still refuses the same text 23:59:59 later', () => {
      const store = setup()
      send(store)
      expect(code(store, {}, later(DUPLICATE_WINDOW_MS - 1_000))).toBe(91)
    })

    it('accepts the same text again exactly 24 h later', () => {
      const store = setup()
      send(store)
      expect(code(store, {}, later(DUPLICATE_WINDOW_MS))).toBe(80)
    })

    it('counts the 24 h from the last accepted send', () => {
      const store = setup()
      send(store)
      send(store, {}, later(DUPLICATE_WINDOW_MS))
      expect(code(store, {}, later(DUPLICATE_WINDOW_MS + HOUR))).toBe(91)
    })

    it('accepts another text to the same number and the same text to another number', () => {
      const store = setup()
      send(store)
      expect(code(store, { message: 'Bonsoir' })).toBe(80)
      expect(code(store, { numero: '0660545465' })).toBe(80)
    })

    it('recognises the same number written another way', () => {
      const store = setup()
      send(store, { numero: '06 60 91 90 10' })
      expect(code(store, { numero: '+33660919010' })).toBe(91)
    })

    it('accepts duplicates when the account turned the check off', () => {
      const store = setup({ duplicateCheck: false })
      expect(code(store)).toBe(80)
      expect(code(store)).toBe(80)
      expect(credits(store)).toBe(98)
    })

    it('sends twice to a number listed twice in a group when the check is off', () => {
      const twice = [{ number: '0660919010' }, { number: '0660919010' }]
      const store = setup({ duplicateCheck: false, groups: { twice } })
      expect(send(store, { numero: 'twice' }).reply.accepted).toBe(2)
    })
  })

  describe('credits', () => {
    it('charges a 161-character GSM text two credits per recipient', () => {
      const store = setup({ groups: { resto: RESTO } })
      const decision = send(store, { numero: 'resto', message: 'a'.repeat(161) })
      expect(decision.sms.map((s) => s.segments)).toEqual([2, 2, 2])
      expect(credits(store)).toBe(94)
    })

    it('charges a 71-character UCS-2 text two credits', () => {
      const store = setup()
      const [sms] = send(store, { message: 'ç'.repeat(71) }).sms
      expect(sms).toMatchObject({ encoding: 'ucs2', segments: 2 })
      expect(credits(store)).toBe(98)
    })

    it('charges a 160-character GSM text and a 70-character UCS-2 text one credit', () => {
      const store = setup({ duplicateCheck: false })
      send(store, { message: 'a'.repeat(160) })
      send(store, { message: 'ç'.repeat(70) })
      expect(credits(store)).toBe(98)
    })

    it('charges € two septets: 81 of them make two parts', () => {
      const store = setup()
      expect(send(store, { message: '€'.repeat(81) }).sms[0]?.segments).toBe(2)
    })

    it('charges the parts of each merged text, which differ by contact', () => {
      const store = setup({ groups: { resto: RESTO } })
      const decision = send(store, { numero: 'resto', message: `${'a'.repeat(155)}[v1]` })
      // Jean fits in one part; Jérôme's ô makes his text UCS-2; Jacques is one character over.
      expect(decision.sms.map((s) => [s.text.length, s.encoding, s.segments])).toEqual([
        [159, 'gsm7', 1],
        [161, 'ucs2', 3],
        [162, 'gsm7', 2],
      ])
      expect(credits(store)).toBe(94)
    })

    it('sends when the credits exactly cover the send', () => {
      const store = setup({}, 2)
      expect(code(store, { message: 'a'.repeat(161) })).toBe(80)
      expect(credits(store)).toBe(0)
    })

    it('refuses the whole group send when the credits cover only part of it', () => {
      const store = setup({ groups: { resto: RESTO } }, 2)
      expect(code(store, { numero: 'resto' })).toBe(83)
      expect(store.messages()).toEqual([])
      expect(credits(store)).toBe(2)
    })

    it(`cuts a text longer than ${MAX_PARTS} parts to ${MAX_PARTS} parts and charges them`, () => {
      const store = setup()
      const [sms] = send(store, { message: 'a'.repeat(2_000) }).sms
      expect(sms?.text).toBe('a'.repeat(153 * MAX_PARTS))
      expect(sms?.segments).toBe(MAX_PARTS)
      expect(credits(store)).toBe(100 - MAX_PARTS)
    })

    it(`cuts a long UCS-2 text to ${MAX_PARTS} parts of 67 characters`, () => {
      const [sms] = send(setup(), { message: 'ç'.repeat(2_000) }).sms
      expect(sms?.text).toHaveLength(67 * MAX_PARTS)
    })

    it('compares the cut text when checking duplicates', () => {
      const store = setup()
      send(store, { message: 'a'.repeat(2_000) })
      expect(code(store, { message: 'a'.repeat(2_001) })).toBe(91)
    })
  })

  describe('options', () => {
    it('sends flash SMS when the format is flash', () => {
      const [sms] = send(setup({ format: 'flash' })).sms
      expect(sms).toMatchObject({ class: 'flash', meta: { format: 'flash' } })
    })

    it('sends normal SMS first when the format is normal+flash', () => {
      const [sms] = send(setup({ format: 'normal+flash' })).sms
      expect(sms).toMatchObject({ class: 'normal', meta: { format: 'normal+flash' } })
    })

    it('gives the SMS the account’s lifetime', () => {
      const [sms] = send(setup({ lifetimeHours: 2 })).sms
      expect(sms?.validityMs).toBe(2 * HOUR)
    })

    it('records the transport the request came by', () => {
      const decision = decideSend(request({ transport: 'mail' }), setup(), NOW)
      expect(decision.effects).toContainEqual(
        expect.objectContaining({ kind: 'debit', reason: 'send (mail)' }),
      )
    })
  })

  describe('low-credit alert', () => {
    const alert = { threshold: 5, number: '0611111111' }
    const alertsOf = (store: MemoryStore): Sms[] =>
      store.messages().filter((m) => m.meta.alert === true)

    it('sends nothing while the balance stays above the threshold', () => {
      const store = setup({ lowCreditAlert: alert }, 7)
      send(store)
      expect(alertsOf(store)).toEqual([])
      expect(credits(store)).toBe(6)
    })

    it('sends one SMS to the alert number when a send takes the balance to the threshold', () => {
      const store = setup({ lowCreditAlert: alert }, 6)
      const decision = send(store)
      expect(decision.reply).toEqual({ code: 80, accepted: 1, duplicates: 0 })
      expect(alertsOf(store)).toEqual([
        expect.objectContaining({
          to: '+33611111111',
          from: 'SMStoB',
          class: 'normal',
          segments: 1,
          text: "SMStoB : le crédit du compte jean@resto.fr est descendu à 4 SMS (seuil d'alerte : 5).",
        }),
      ])
      expect(credits(store)).toBe(4)
      expect(store.ledger({ account: LOGIN }).map((l) => [l.delta, l.reason])).toEqual([
        [6, 'account created'],
        [-1, 'send (http)'],
        [-1, 'low-credit alert'],
      ])
    })

    it('sends the alert when one send jumps from above the threshold to well below it', () => {
      const store = setup({ lowCreditAlert: alert }, 10)
      send(store, { message: 'a'.repeat(153 * 7) })
      expect(alertsOf(store)).toHaveLength(1)
      expect(credits(store)).toBe(2)
    })

    it('sends the alert once: later sends below the threshold send no other', () => {
      const store = setup({ lowCreditAlert: alert }, 6)
      send(store, { message: 'un' })
      send(store, { message: 'deux' })
      send(store, { message: 'trois' })
      expect(alertsOf(store)).toHaveLength(1)
      expect(credits(store)).toBe(2)
    })

    it('sends the alert with the last credit left', () => {
      const store = setup({ lowCreditAlert: alert }, 6)
      send(store, { message: 'a'.repeat(153 * 5) })
      expect(alertsOf(store)).toHaveLength(1)
      expect(credits(store)).toBe(0)
    })

    it('sends no alert when the send leaves no credit to pay for it', () => {
      const store = setup({ lowCreditAlert: alert }, 6)
      send(store, { message: 'a'.repeat(153 * 6) })
      expect(alertsOf(store)).toEqual([])
      expect(credits(store)).toBe(0)
    })

    it('charges a two-part alert two credits and never overdraws the account', () => {
      // With a 112-character login the alert text runs past 160 characters.
      const login = `${'tres-long-identifiant.'.repeat(4)}@restaurant-du-centre.fr`
      const store = new MemoryStore()
      const options = { lowCreditAlert: alert }
      store.createAccount({ provider: 'smstob', id: login, secret: PASS, credits: 6, options }, NOW)
      const first = decideSend(request({ email: login, message: 'un' }), store, NOW)
      store.apply(first.effects, NOW)
      const [alertSms] = store.messages().filter((m) => m.meta.alert === true)
      expect(alertSms?.segments).toBe(2)
      expect(alertSms?.text).toContain('est descendu à 3 SMS')
      expect(store.account('smstob', login)?.credits).toBe(3)

      // From 7 credits a send of 6 leaves 1: not enough for a two-part alert.
      store.updateAccount('smstob', login, { credits: 7 }, NOW)
      const second = decideSend(request({ email: login, message: 'a'.repeat(153 * 6) }), store, NOW)
      expect(second.reply.code).toBe(80)
      expect(() => store.apply(second.effects, NOW)).not.toThrow()
      expect(store.account('smstob', login)?.credits).toBe(1)
      expect(store.messages().filter((m) => m.meta.alert === true)).toHaveLength(1)
    })

    it('sends no alert to an alert number that is not a mobile', () => {
      const store = setup({ lowCreditAlert: { threshold: 5, number: '0145454545' } }, 6)
      send(store)
      expect(alertsOf(store)).toEqual([])
      expect(credits(store)).toBe(5)
    })
  })
})
