/**
 * SMStoB's send decision, code by code: each code of §4 from the input that causes it, the order
 * in which they are checked when several apply, and the deferred date `diff`.
 *
 * @see shared/specs/001_3f6d8b77c0e17a78.txt — §4 (the codes)
 */
import { describe, expect, it } from 'vitest'
import { SMSTOB_CODES } from './codes.ts'
import { decideSend } from './decide.ts'
import { parseDiff } from './wire.ts'
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
  describe('every code from its input', () => {
    it('answers 80 and sends one SMS to a mobile, debiting one credit', () => {
      const store = setup()
      const decision = send(store)
      expect(decision.reply).toEqual({ code: 80, accepted: 1, duplicates: 0 })
      expect(decision.account).toBe(LOGIN)
      expect(decision.sms).toEqual([
        expect.objectContaining({
          provider: 'smstob',
          account: LOGIN,
          transport: 'http',
          to: '+33660919010',
          text: 'Bonjour',
          encoding: 'gsm7',
          segments: 1,
          class: 'normal',
          status: 'delivered',
          validityMs: 72 * HOUR,
          meta: { format: 'normal' },
        }),
      ])
      expect(credits(store)).toBe(99)
    })

    it('answers 81 and schedules the SMS for a future diff', () => {
      const store = setup()
      const decision = send(store, { diff: '093006012026' })
      expect(decision.reply.code).toBe(81)
      expect(decision.sms[0]).toMatchObject({
        status: 'scheduled',
        scheduledAt: '2026-01-06T08:30:00.000Z',
      })
      expect(credits(store)).toBe(99)
    })

    it.each([
      ['an unknown e-mail', { email: 'paul@resto.fr' }],
      ['a wrong pass', { pass: 'xv65ju' }],
      ['the pass with a trailing space', { pass: `${PASS} ` }],
    ])('answers 82 for %s', (_what, fields) => {
      expect(code(setup(), fields)).toBe(82)
    })

    it('compares the e-mail without case or surrounding spaces, and the SMS is the account’s', () => {
      const decision = send(setup(), { email: ' Jean@Resto.FR ' })
      expect(decision.reply.code).toBe(80)
      expect(decision.account).toBe(LOGIN)
      expect(decision.sms[0]?.account).toBe(LOGIN)
    })

    it('answers 83 when the credits do not cover the send, and sends nothing', () => {
      const store = setup({}, 0)
      const decision = send(store)
      expect(decision.reply).toEqual({ code: 83, accepted: 0, duplicates: 0 })
      expect(decision.effects).toEqual([])
      expect(store.messages()).toEqual([])
    })

    it.each([
      ['a landline', '0145454545'],
      ['a 070 number', '0700000000'],
      ['garbage', 'hello'],
      ['too many digits', '066091901011'],
      ['the name of no group', 'amis'],
    ])('answers 84 for %s', (_what, numero) => {
      expect(code(setup({ groups: { resto: RESTO } }), { numero })).toBe(84)
    })

    it('answers 84 for the name of another account’s group', () => {
      const store = setup()
      store.createAccount(
        {
          provider: 'smstob',
          id: 'paul@resto.fr',
          secret: 'x',
          options: { groups: { resto: RESTO } },
        },
        NOW,
      )
      expect(code(store, { numero: 'resto' })).toBe(84)
    })

    it.each([
      ['a wrong month', '123004132026'],
      ['25 h', '253004122026'],
      ['minute 60', '126004122026'],
      ['31 February', '120031022026'],
      ['11 digits', '12300412202'],
      ['13 digits', '1230041220261'],
      ['letters', '12h304122026'],
      ['separators', '12:30 04/12/2026'],
      ['the hour skipped on the spring-forward night', '023029032026'],
    ])('answers 85 for a diff with %s', (_what, diff) => {
      expect(code(setup(), { diff })).toBe(85)
    })

    it('answers 86 for a group with no contact', () => {
      expect(code(setup({ groups: { vide: [] } }), { numero: 'vide' })).toBe(86)
    })

    it('answers 86 for a group whose contacts have no valid mobile', () => {
      const groups = { fixes: [{ number: '0145454545' }, { number: 'n/a' }] }
      expect(code(setup({ groups }), { numero: 'fixes' })).toBe(86)
    })

    it.each([
      [87, 'email', undefined],
      [87, 'email', '   '],
      [88, 'pass', undefined],
      [88, 'pass', ''],
      [89, 'numero', undefined],
      [89, 'numero', ' '],
      [90, 'message', undefined],
      [90, 'message', '\t'],
    ] as const)('answers %i for %s missing or blank (%j)', (expected, field, value) => {
      const fields = request()
      if (value === undefined) delete fields[field]
      else fields[field] = value
      const decision = decideSend(fields, setup(), NOW)
      expect(decision.reply).toEqual({ code: expected, accepted: 0, duplicates: 0 })
      expect(decision.effects).toEqual([])
    })

    it('answers 91 for the same text to the same number within 24 h, at no cost', () => {
      const store = setup()
      send(store)
      const again = send(store, {}, new Date(NOW.getTime() + HOUR))
      expect(again.reply).toEqual({ code: 91, accepted: 0, duplicates: 1 })
      expect(again.effects).toEqual([])
      expect(credits(store)).toBe(99)
    })

    it('names the account in the decision of every code past the login check', () => {
      expect(send(setup(), { diff: 'x' }).account).toBe(LOGIN)
      expect(send(setup(), { email: 'paul@resto.fr' }).account).toBeUndefined()
    })

    it('produces every code of the table', () => {
      const produced = new Set<number>()
      const store = setup({ groups: { vide: [] } })
      for (const fields of [
        {},
        { message: 'Plus tard', diff: '093006012026' },
        { pass: 'faux' },
        { numero: '0145454545' },
        { diff: '999999999999' },
        { numero: 'vide' },
        { email: '' },
        { pass: '' },
        { numero: '' },
        { message: '' },
        {},
      ])
        produced.add(code(store, fields))
      produced.add(code(setup({}, 0)))
      expect([...produced].sort()).toEqual(SMSTOB_CODES.map((c) => c.code).sort())
    })
  })

  describe('precedence: 87, 88, 89, 90 → 82 → 85 → 84 / 86 → 91 → 83 → 80 / 81', () => {
    it('reports an empty email (87) before an empty pass (88)', () => {
      expect(code(setup(), { email: '', pass: '' })).toBe(87)
    })

    it('reports an empty pass (88) before an empty numero (89)', () => {
      expect(code(setup(), { pass: '', numero: '' })).toBe(88)
    })

    it('reports an empty numero (89) before an empty message (90)', () => {
      expect(code(setup(), { numero: '', message: '' })).toBe(89)
    })

    it('reports an empty message (90) before a bad login (82)', () => {
      expect(code(setup(), { pass: 'faux', message: '' })).toBe(90)
    })

    it('reports a bad login (82) before a bad diff (85)', () => {
      expect(code(setup(), { pass: 'faux', diff: 'demain' })).toBe(82)
    })

    it('reports a bad diff (85) before a bad number (84)', () => {
      expect(code(setup(), { diff: 'demain', numero: '0145454545' })).toBe(85)
    })

    it('reports a bad diff (85) before an empty group (86)', () => {
      expect(code(setup({ groups: { vide: [] } }), { diff: 'demain', numero: 'vide' })).toBe(85)
    })

    it('reports a bad number (84) or an empty group (86) before missing credit (83)', () => {
      // 84/86 and 91 never meet: a duplicate needs a valid recipient. Their order shows against 83.
      const store = setup({ groups: { vide: [] } }, 0)
      expect(code(store, { numero: '0145454545' })).toBe(84)
      expect(code(store, { numero: 'vide' })).toBe(86)
    })

    it('reports a duplicate (91) before missing credit (83)', () => {
      const store = setup({}, 1)
      expect(code(store)).toBe(80)
      expect(credits(store)).toBe(0)
      expect(code(store)).toBe(91)
    })

    it('reports missing credit (83) before accepting a deferred send (81)', () => {
      expect(code(setup({}, 0), { diff: '093006012026' })).toBe(83)
    })
  })

  describe('diff', () => {
    it('reads the document’s example 123004122003 as 12:30 on 4 December 2003, Paris time', () => {
      expect(parseDiff('123004122003')?.toISOString()).toBe('2003-12-04T11:30:00.000Z')
    })

    it('reads a summer date at +02:00', () => {
      expect(parseDiff('123015072026')?.toISOString()).toBe('2026-07-15T10:30:00.000Z')
    })

    it('sends at once, with 80, when the diff is already past', () => {
      const store = setup()
      const decision = send(store, { diff: '123004122003' })
      expect(decision.reply.code).toBe(80)
      expect(decision.sms[0]?.scheduledAt).toBeUndefined()
      expect(decision.sms[0]?.status).toBe('delivered')
    })

    it('sends at once when the diff is the current minute', () => {
      expect(code(setup(), { diff: '090005012026' })).toBe(80)
    })

    it('schedules a diff one minute ahead', () => {
      expect(code(setup(), { diff: '090105012026' })).toBe(81)
    })

    it('ignores spaces around the diff and an empty diff', () => {
      expect(code(setup(), { diff: ' 093006012026 ' })).toBe(81)
      expect(code(setup(), { diff: '' })).toBe(80)
    })

    it('delivers a deferred SMS when the clock reaches its time', () => {
      const store = setup()
      send(store, { diff: '093006012026' })
      const events = store.release(new Date('2026-01-06T09:30:00+01:00'))
      expect(events.map((e) => e.status)).toEqual(['delivered'])
    })
  })
})
