import { describe, expect, it } from 'vitest'
import {
  MAX_ALPHANUMERIC_ORIGINATOR,
  MAX_NUMERIC_ORIGINATOR_DIGITS,
  classifyOriginator,
  parseRecipient,
} from './numbers.ts'

describe('parseRecipient', () => {
  it.each([
    ['+41791234567', '+41791234567', 'CH'],
    ['0041791234567', '+41791234567', 'CH'],
    ['41791234567', '+41791234567', 'CH'],
    ['+41 79 123 45 67', '+41791234567', 'CH'],
    ['0041 79-123.45.67', '+41791234567', 'CH'],
    ['(+41)791234567', '+41791234567', 'CH'],
    ['+33612345678', '+33612345678', 'FR'],
    ['0033612345678', '+33612345678', 'FR'],
    ['33612345678', '+33612345678', 'FR'],
    ['+33 6 12 34 56 78', '+33612345678', 'FR'],
  ])('reads the international form %s as %s', (raw, e164, country) => {
    expect(parseRecipient(raw)).toEqual({ e164, country, mobile: true })
  })

  it.each([
    ['a Swiss national number', '0791234567'],
    ['a French national number', '0612345678'],
    ['a national number with spaces', '06 12 34 56 78'],
  ])('refuses %s, which names no country', (_what, raw) => {
    expect(parseRecipient(raw)).toBeUndefined()
  })

  it.each([
    ['a Swiss landline', '+41441234567'],
    ['a French landline', '0033145454545'],
  ])('refuses %s, which cannot receive an SMS', (_what, raw) => {
    expect(parseRecipient(raw)).toBeUndefined()
  })

  it.each([
    ['garbage', 'hello'],
    ['an empty string', ''],
    ['a number too short to be international', '4179'],
    ['a plus with letters', '+41abc'],
  ])('refuses %s', (_what, raw) => {
    expect(parseRecipient(raw)).toBeUndefined()
  })

  it('reads the magic numbers of both blocks as mobiles', () => {
    expect(parseRecipient('+41799990010')?.e164).toBe('+41799990010')
    expect(parseRecipient('0033600000013')?.e164).toBe('+33600000013')
  })
})

describe('classifyOriginator', () => {
  it.each([
    ['+41791234567', '41791234567'],
    ['0041791234567', '41791234567'],
    ['41791234567', '41791234567'],
    ['0791234567', '0791234567'],
    ['1234', '1234'],
  ])('reads %s as a numeric originator with digits %s', (value, digits) => {
    expect(classifyOriginator(value)).toEqual({ kind: 'numeric', value, digits })
  })

  it('trims the spaces around a numeric originator', () => {
    expect(classifyOriginator(' +41791234567 ')).toEqual({
      kind: 'numeric',
      value: '+41791234567',
      digits: '41791234567',
    })
  })

  it(`takes numeric originators of 3 to ${MAX_NUMERIC_ORIGINATOR_DIGITS} digits`, () => {
    expect(classifyOriginator('123').kind).toBe('numeric')
    expect(classifyOriginator('1'.repeat(MAX_NUMERIC_ORIGINATOR_DIGITS)).kind).toBe('numeric')
    expect(classifyOriginator('12')).toEqual({ kind: 'invalid' })
    expect(classifyOriginator('1'.repeat(MAX_NUMERIC_ORIGINATOR_DIGITS + 1))).toEqual({
      kind: 'invalid',
    })
    expect(classifyOriginator(`+${'1'.repeat(MAX_NUMERIC_ORIGINATOR_DIGITS + 1)}`)).toEqual({
      kind: 'invalid',
    })
  })

  it.each([['ESF Tignes'], ['aspsms.com'], ['MYBUSINESS'], ['Hello!@'], ['A-B_C&D+E']])(
    'reads %s as an alphanumeric originator',
    (value) => {
      expect(classifyOriginator(value)).toEqual({ kind: 'alphanumeric', value })
    },
  )

  it(`takes alphanumeric originators of up to ${MAX_ALPHANUMERIC_ORIGINATOR} characters`, () => {
    expect(classifyOriginator('ABCDEFGHIJK').kind).toBe('alphanumeric')
    expect(classifyOriginator('ABCDEFGHIJKL')).toEqual({ kind: 'invalid' })
  })

  it.each([
    ['a hash', 'A#B'],
    ['an accented letter', 'Ça va'],
    ['a colon', 'Info:'],
    ['an emoji', 'Hi 😀'],
    ['an empty string', ''],
  ])('refuses an originator with %s', (_what, value) => {
    expect(classifyOriginator(value)).toEqual({ kind: 'invalid' })
  })
})
