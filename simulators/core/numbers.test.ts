import { describe, expect, it } from 'vitest'
import {
  MAGIC_NUMBERS,
  MAGIC_PREFIXES,
  NUMBER_STATUSES,
  magicNumberState,
  numberStateOf,
  type NumberState,
} from './numbers.ts'
import { parseMobile } from './phone.ts'

const MINUTE = 60_000
const HOUR = 60 * MINUTE

/** The documented table, written out again so that a change to it is seen here. */
const EXPECTED: Record<string, NumberState> = {
  '00': { status: 'ok' },
  '10': { status: 'unassigned' },
  '11': { status: 'blacklisted' },
  '12': { status: 'mvno' },
  '13': { status: 'absent', backAfterMs: 10 * MINUTE },
  '14': { status: 'absent', backAfterMs: 6 * HOUR },
  '15': { status: 'absent' },
  '16': { status: 'memory-full' },
  '17': { status: 'rejected' },
}

const BLOCKS = [
  { name: 'French', prefix: '+336000000' },
  { name: 'Swiss', prefix: '+417999900' },
]

describe('magicNumberState', () => {
  it('has exactly the documented suffixes', () => {
    expect(Object.keys(MAGIC_NUMBERS).sort()).toEqual(Object.keys(EXPECTED).sort())
    expect(MAGIC_PREFIXES).toEqual(BLOCKS.map((b) => b.prefix))
  })

  it('gives every magic number a status of the closed set and a meaning', () => {
    for (const entry of Object.values(MAGIC_NUMBERS)) {
      expect(NUMBER_STATUSES).toContain(entry.status)
      expect(entry.meaning).not.toBe('')
    }
  })

  describe.each(BLOCKS)('$name block $prefix', ({ prefix }) => {
    it.each(Object.entries(EXPECTED))('gives suffix %s its documented state', (suffix, state) => {
      expect(magicNumberState(`${prefix}${suffix}`)).toEqual(state)
    })

    it.each(['01', '02', '05', '09'])('delivers suffix %s like 00', (suffix) => {
      expect(magicNumberState(`${prefix}${suffix}`)).toEqual({ status: 'ok' })
    })

    it.each(['18', '20', '50', '99'])('leaves suffix %s outside the table', (suffix) => {
      expect(magicNumberState(`${prefix}${suffix}`)).toBeUndefined()
    })
  })

  it('is reached from the national forms 06000000NN and, in Switzerland, 07999900NN', () => {
    for (const suffix of Object.keys(EXPECTED)) {
      const fr = parseMobile(`06 00 00 00 ${suffix}`)
      const ch = parseMobile(`079 999 00 ${suffix}`, 'CH')
      expect(fr && magicNumberState(fr.e164)).toEqual(EXPECTED[suffix])
      expect(ch && magicNumberState(ch.e164)).toEqual(EXPECTED[suffix])
    }
  })

  it.each([
    ['an ordinary French mobile', '+33660919010'],
    ['an ordinary Swiss mobile', '+41791234567'],
    ['a neighbour of the French block', '+33600000110'],
    ['a neighbour of the Swiss block', '+41799990110'],
    ['the French block with a digit too many', '+3360000001000'],
    ['the French block with a digit too few', '+336000000'],
    ['a DOM mobile', '+262692123456'],
  ])('gives no magic state to %s', (_what, e164) => {
    expect(magicNumberState(e164)).toBeUndefined()
  })
})

describe('numberStateOf', () => {
  it('gives an ordinary number the ok state', () => {
    expect(numberStateOf('+33660919010')).toEqual({ status: 'ok' })
  })

  it('gives a magic number its magic state', () => {
    expect(numberStateOf('+33600000010')).toEqual({ status: 'unassigned' })
  })

  it('lets a state set through the control API win over the magic one', () => {
    const overrides = new Map<string, NumberState>([['+33600000010', { status: 'ok' }]])
    expect(numberStateOf('+33600000010', overrides)).toEqual({ status: 'ok' })
  })

  it('gives an ordinary number the state set for it', () => {
    const overrides = new Map<string, NumberState>([['+33660919010', { status: 'blacklisted' }]])
    expect(numberStateOf('+33660919010', overrides)).toEqual({ status: 'blacklisted' })
    expect(numberStateOf('+33660919011', overrides)).toEqual({ status: 'ok' })
  })
})
