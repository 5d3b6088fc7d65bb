import { describe, expect, it } from 'vitest'
import { MemoryStore } from '../core/memory-store.ts'
import type { Sms } from '../core/model.ts'
import { SMSTOB_CODES } from './codes.ts'
import {
  DUPLICATE_WINDOW_MS,
  MAX_PARTS,
  decideSend,
  mergeVariables,
  parseDiff,
  type SmstobSendRequest,
} from './decide.ts'
import { smstob } from './index.ts'
import type { Contact, SmstobOptions } from './options.ts'

/** Monday 5 January 2026, 09:00 in Paris. */
const NOW = new Date('2026-01-05T09:00:00+01:00')
const HOUR = 3_600_000
const LOGIN = 'jean@resto.fr'
const PASS = 'XV65JU'

/** §6, first example: "Bonjour [v1], votre plat préféré est [v3] ? …" */
const RESTO: Contact[] = [
  { number: '0660919010', v1: 'Jean', v2: 'Hédé', v3: 'la Pizza' },
  { number: '0660545465', v1: 'Jérôme', v2: 'Rennes', v3: 'la Choucroute' },
  { number: '0660901010', v1: 'Jacques', v2: 'Paris', v3: 'le petit-salé' },
]
const RESTO_MESSAGE =
  'Bonjour [v1], votre plat préféré est [v3] ? Venez le découvrir dans notre restaurant de [v2]'

/** A store as the server builds it, with one SMStoB account. */
function setup(options: Partial<SmstobOptions> = {}, credits = 100): MemoryStore {
  const store = new MemoryStore({
    normalizeId: (_provider, id) => smstob.normalizeAccountId?.(id) ?? id,
  })
  store.createAccount({ provider: 'smstob', id: LOGIN, secret: PASS, credits, options }, NOW)
  return store
}

const request = (fields: Partial<SmstobSendRequest> = {}): SmstobSendRequest => ({
  transport: 'http',
  email: LOGIN,
  pass: PASS,
  numero: '0660919010',
  message: 'Bonjour',
  ...fields,
})

/** Decides a send and applies it, as the simulator does for each request. */
function send(store: MemoryStore, fields: Partial<SmstobSendRequest> = {}, now = NOW) {
  const decision = decideSend(request(fields), store, now)
  const applied = store.apply(decision.effects, now)
  return { ...decision, sms: applied.sms }
}

const code = (store: MemoryStore, fields: Partial<SmstobSendRequest> = {}, now = NOW) =>
  send(store, fields, now).reply.code

const credits = (store: MemoryStore): number | undefined => store.account('smstob', LOGIN)?.credits

describe('decideSend', () => {
  describe('every code from its input', () => {
    it('answers 80 and sends one SMS to a mobile, debiting one credit', () => {
      const store = setup()
      const decision = send(store)
      expect(decision.reply).toEqual({ code: 80, accepted: 1, duplicates: 0 })
      expect(decision).toMatchObject({ code: 80, account: LOGIN })
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

    it('compares the e-mail without case or surrounding spaces', () => {
      expect(code(setup(), { email: ' Jean@Resto.FR ' })).toBe(80)
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

  describe('groups', () => {
    it('sends the §6 message to every contact with [v1]..[v3] merged', () => {
      const store = setup({ groups: { Resto: RESTO } })
      const decision = send(store, { numero: 'Resto', message: RESTO_MESSAGE })
      expect(decision.reply).toEqual({ code: 80, accepted: 3, duplicates: 0 })
      expect(decision.sms.map((s) => [s.to, s.text])).toEqual([
        [
          '+33660919010',
          'Bonjour Jean, votre plat préféré est la Pizza ? Venez le découvrir dans notre restaurant de Hédé',
        ],
        [
          '+33660545465',
          'Bonjour Jérôme, votre plat préféré est la Choucroute ? Venez le découvrir dans notre restaurant de Rennes',
        ],
        [
          '+33660901010',
          'Bonjour Jacques, votre plat préféré est le petit-salé ? Venez le découvrir dans notre restaurant de Paris',
        ],
      ])
      expect(decision.sms.every((s) => s.meta.group === 'Resto')).toBe(true)
      // The ô of Jérôme is not GSM: his 104 characters go as UCS-2, in two parts.
      expect(decision.sms.map((s) => [s.encoding, s.segments])).toEqual([
        ['gsm7', 1],
        ['ucs2', 2],
        ['gsm7', 1],
      ])
      expect(credits(store)).toBe(96)
    })

    it('finds a group whatever the case and surrounding spaces of its name', () => {
      expect(code(setup({ groups: { Resto: RESTO } }), { numero: ' RESTO ' })).toBe(80)
    })

    it('leaves [v1]..[v3] as written when sending to a single number', () => {
      const decision = send(setup(), { message: 'Bonjour [v1]' })
      expect(decision.sms[0]?.text).toBe('Bonjour [v1]')
    })

    it('skips the contacts that got the same text within 24 h and sends to the others', () => {
      const store = setup({ groups: { resto: RESTO } })
      send(store, { numero: 'resto', message: RESTO_MESSAGE })
      const newcomer = { number: '0665454514', v1: 'Jules', v2: 'Nantes', v3: 'le far' }
      store.updateAccount(
        'smstob',
        LOGIN,
        { options: { groups: { resto: [...RESTO, newcomer] } } },
        NOW,
      )
      const later = new Date(NOW.getTime() + HOUR)
      const decision = send(store, { numero: 'resto', message: RESTO_MESSAGE }, later)
      expect(decision.reply).toEqual({ code: 80, accepted: 1, duplicates: 3 })
      expect(decision.sms.map((s) => s.to)).toEqual(['+33665454514'])
      expect(credits(store)).toBe(95)
    })

    it('answers 91 only when every contact of the group is a duplicate', () => {
      const store = setup({ groups: { resto: RESTO } })
      send(store, { numero: 'resto', message: RESTO_MESSAGE })
      const again = send(store, { numero: 'resto', message: RESTO_MESSAGE })
      expect(again.reply).toEqual({ code: 91, accepted: 0, duplicates: 3 })
    })

    it('sends only once to a number listed twice in a group', () => {
      const twice = [{ number: '0660919010' }, { number: '06 60 91 90 10' }]
      const store = setup({ groups: { twice } })
      const decision = send(store, { numero: 'twice', message: 'Promo' })
      expect(decision.reply).toEqual({ code: 80, accepted: 1, duplicates: 1 })
      expect(credits(store)).toBe(99)
    })

    it('counts a contact already sent to as a duplicate of a single-number send', () => {
      const store = setup({ groups: { resto: RESTO } })
      send(store, { numero: '0660919010', message: 'Fermé lundi' })
      expect(send(store, { numero: 'resto', message: 'Fermé lundi' }).reply).toEqual({
        code: 80,
        accepted: 2,
        duplicates: 1,
      })
    })
  })

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

describe('mergeVariables', () => {
  it('replaces [v1]..[v3], in any case, and an absent value by nothing', () => {
    expect(mergeVariables('[v1]-[V2]-[v3]', { v1: 'a', v2: 'b' })).toBe('a-b-')
  })

  it('sends the §6 second example “[v1] [v2]” with Variable1 and Variable2', () => {
    expect(
      mergeVariables('[v1] [v2]', {
        name: 'Jacques',
        v1: 'Votre véhicule est prêt. Prenez contact avec :',
        v2: 'M. Dupont',
      }),
    ).toBe('Votre véhicule est prêt. Prenez contact avec : M. Dupont')
  })

  it('leaves [v4] and the text untouched', () => {
    expect(mergeVariables('[v4] [v1]', { v1: 'x' })).toBe('[v4] x')
  })
})
