import { describe, expect, it } from 'vitest'
import { parseMobile, parsePhone, toFrenchNational } from './phone.ts'

const JEAN = { e164: '+33660919010', country: 'FR', mobile: true }

describe('parsePhone', () => {
  describe('French mobiles in every written form', () => {
    it.each([
      ['national 06', '0660919010'],
      ['international with +', '+33660919010'],
      ['international with 00', '0033660919010'],
      ['bare country code without + (allmysms, iSendPro)', '33660919010'],
      ['national with spaces', '06 60 91 90 10'],
      ['national with dots', '06.60.91.90.10'],
      ['national with dashes', '06-60-91-90-10'],
      ['international with spaces', '+33 6 60 91 90 10'],
      ['surrounded by blanks', '  0660919010\t'],
    ])('reads the %s form', (_form, input) => {
      expect(parsePhone(input)).toEqual(JEAN)
    })

    it('reads a national 07 mobile', () => {
      expect(parsePhone('07 81 23 45 67')).toEqual({
        e164: '+33781234567',
        country: 'FR',
        mobile: true,
      })
    })
  })

  describe('other French numbers', () => {
    it('reads a landline as a valid number that is not a mobile', () => {
      expect(parsePhone('01 45 45 45 45')).toEqual({
        e164: '+33145454545',
        country: 'FR',
        mobile: false,
      })
    })

    it.each(['0700000000', '0712345678', '0723456789'])(
      'refuses %s: 070–072 are not assigned to mobiles',
      (input) => {
        expect(parsePhone(input)).toBeUndefined()
      },
    )
  })

  describe('overseas departments written nationally', () => {
    it.each([
      ['La Réunion', '0692123456', '+262692123456', 'RE'],
      ['Guadeloupe', '0690123456', '+590690123456', 'GP'],
      ['Martinique', '0696123456', '+596696123456', 'MQ'],
      ['Guyane', '0694123456', '+594694123456', 'GF'],
    ])('reaches %s from its national form', (_name, input, e164, country) => {
      expect(parsePhone(input)).toEqual({ e164, country, mobile: true })
    })

    it('reads a DOM number written internationally as that country only', () => {
      expect(parsePhone('+262 692 12 34 56')).toEqual({
        e164: '+262692123456',
        country: 'RE',
        mobile: true,
      })
    })
  })

  describe('Swiss numbers', () => {
    it('reads a national Swiss mobile with defaultCountry CH', () => {
      expect(parsePhone('079 999 00 10', 'CH')).toEqual({
        e164: '+41799990010',
        country: 'CH',
        mobile: true,
      })
    })

    it('reads the same digits as a French 07 mobile with the French default', () => {
      expect(parsePhone('079 999 00 10')?.e164).toBe('+33799990010')
    })

    it('reads a Swiss number written internationally whatever the default country', () => {
      expect(parsePhone('+41 79 999 00 10')?.e164).toBe('+41799990010')
      expect(parsePhone('0041799990010')?.e164).toBe('+41799990010')
    })

    it('reads a Zurich landline as not a mobile', () => {
      expect(parsePhone('044 668 18 00', 'CH')).toMatchObject({ country: 'CH', mobile: false })
    })

    it('does not read a French national number as Swiss', () => {
      expect(parsePhone('0660919010', 'CH')).toBeUndefined()
    })
  })

  describe('garbage', () => {
    it.each([
      ['an empty string', ''],
      ['blanks', '   '],
      ['words', 'hello'],
      ['a letter O for a zero', '06 60 91 90 1O'],
      ['too few digits', '06609190'],
      ['too many digits', '06609190101'],
      ['a second + inside', '+33+660919010'],
      ['a number with an extension', '0660919010 ext 12'],
      ['input longer than any phone number', `+33 ${'6'.repeat(40)}`],
      ['a 32-digit run of a valid prefix', '0660919010'.repeat(3) + '00'],
    ])('refuses %s', (_what, input) => {
      expect(parsePhone(input)).toBeUndefined()
    })
  })
})

describe('parseMobile', () => {
  it('accepts a French mobile', () => {
    expect(parseMobile('0660919010')).toEqual(JEAN)
  })

  it.each([
    ['a Paris landline', '0145454545'],
    ['a Lyon landline', '04 72 00 00 00'],
    ['a freephone number', '0800 00 00 00'],
  ])('refuses %s', (_what, input) => {
    expect(parsePhone(input)).toBeDefined()
    expect(parseMobile(input)).toBeUndefined()
  })

  it('refuses 070–072, which parsePhone already refuses', () => {
    expect(parseMobile('0712345678')).toBeUndefined()
  })

  it('accepts a DOM mobile written nationally', () => {
    expect(parseMobile('0692123456')?.e164).toBe('+262692123456')
  })

  it('accepts a Swiss mobile with defaultCountry CH and refuses a Swiss landline', () => {
    expect(parseMobile('0799990010', 'CH')?.e164).toBe('+41799990010')
    expect(parseMobile('044 668 18 00', 'CH')).toBeUndefined()
  })

  it('refuses garbage', () => {
    expect(parseMobile('not a number')).toBeUndefined()
  })
})

describe('toFrenchNational', () => {
  it('writes a French E.164 number with the national 0', () => {
    expect(toFrenchNational('+33660919010')).toBe('0660919010')
  })

  it('leaves a Swiss number in E.164', () => {
    expect(toFrenchNational('+41799990010')).toBe('+41799990010')
  })

  it('leaves an overseas department, which has its own country code, in E.164', () => {
    expect(toFrenchNational('+262692123456')).toBe('+262692123456')
  })

  it('gives back the national form parsePhone read', () => {
    expect(toFrenchNational(parsePhone('06.60.91.90.10')!.e164)).toBe('0660919010')
  })
})
