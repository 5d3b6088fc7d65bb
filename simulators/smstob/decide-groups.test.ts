/**
 * SMStoB's send decision to a contact group: one SMS per contact, with `[v1]`..`[v3]` merged
 * from the contact's variables.
 *
 * @see shared/specs/001_3f6d8b77c0e17a78.txt — §6 "Publipostage – Envoi de SMS personnalisés"
 */
import { describe, expect, it } from 'vitest'
import { truncateToSegments, truncationReach } from '../core/segments.ts'
import { MAX_PARTS } from './decide.ts'
import { groupMerge, mergeVariables } from './merge.ts'
import {
  code,
  credits,
  HOUR,
  LOGIN,
  NOW,
  RESTO,
  RESTO_MESSAGE,
  send,
  setup,
} from './decide-testing.ts'

describe('decideSend', () => {
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

describe('long messages to large groups (issue 10)', () => {
  it('merges a 200,000-character message for 2,000 contacts, each cut to 10 parts', () => {
    const contacts = Array.from({ length: 2_000 }, (_, i) => ({
      number: `066${String(i).padStart(7, '0')}`,
      v1: `Client ${i}`,
    }))
    const message = `Bonjour [v1], ${'x'.repeat(200_000)}`
    const decision = send(setup({ groups: { Tous: contacts } }, 1e6), { numero: 'Tous', message })
    expect(decision.reply).toEqual({ code: 80, accepted: 2_000, duplicates: 0 })
    expect(decision.sms[7]).toMatchObject({
      segments: 10,
      text: `Bonjour Client 7, ${'x'.repeat(1_512)}`,
    })
  })

  it("cuts each contact's text as a full merge would, whatever the values", () => {
    // A message of 40,000 empty variables before the text: each contact's text is built from
    // what follows them, not by walking through them again.
    const message = `${'[v2]'.repeat(40_000)}[v1] ${'é'.repeat(3_000)}[v3]`
    const merge = groupMerge(message, truncationReach(MAX_PARTS))
    for (const vars of [{ v1: 'Léa' }, { v1: 'Jo', v2: '', v3: 'ç' }, { v2: 'x'.repeat(5) }, {}]) {
      expect(truncateToSegments(merge(vars), MAX_PARTS)).toBe(
        truncateToSegments(mergeVariables(message, vars), MAX_PARTS),
      )
    }
  })
})
