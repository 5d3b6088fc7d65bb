import { describe, expect, it } from 'vitest'
import { parseMobile } from '../core/phone.ts'
import { chooseSender, endsWithStopMention, isFrenchRecipient } from './sender.ts'
import { isValidSender } from './wire.ts'

const french = parseMobile('0612121515')!
const swiss = parseMobile('+41791234567')!

describe('isValidSender', () => {
  it.each(['MAGASIN', 'Ski Club', 'abc', 'ESF Tignes1', 'A1 2'])('accepts %j', (from) => {
    expect(isValidSender(from)).toBe(true)
  })

  it.each([
    ['too short', 'AB'],
    ['too long (12)', 'ABCDEFGHIJKL'],
    ['starting with a digit', '3Suisses'],
    ['starting with a space', ' MAGASIN'],
    ['accented', 'École'],
    ['with a dash', 'Ski-Club'],
    ['with a dot', 'ski.fr'],
    ['all digits', '0612121515'],
  ])('refuses a sender %s', (_case, from) => {
    expect(isValidSender(from)).toBe(false)
  })

  it('accepts 3 and 11 characters, the bounds of the rule', () => {
    expect(isValidSender('A'.repeat(3))).toBe(true)
    expect(isValidSender('A'.repeat(11))).toBe(true)
  })
})

describe('endsWithStopMention', () => {
  it.each([
    ['after a space', 'Soldes -20% STOP au 36180'],
    ['after a line break', 'Soldes -20%\nSTOP au 36180'],
    ['after a space and a line break', 'Soldes -20% \nSTOP au 36180'],
    ['in another case (our choice)', 'Soldes -20%\nStop au 36180'],
    ['in lower case (our choice)', 'Soldes -20% stop au 36180'],
  ])('finds the mention at the end %s', (_case, text) => {
    expect(endsWithStopMention(text)).toBe(true)
  })

  it.each([
    ['glued to the word before', 'Soldes -20%STOP au 36180'],
    ['after a tab', 'Soldes -20%\tSTOP au 36180'],
    ['in the middle of the text', 'Soldes STOP au 36180 jusqu’à dimanche'],
    ['at the start', 'STOP au 36180 : soldes -20%'],
    ['as the whole text, with nothing before it', 'STOP au 36180'],
    ['followed by a full stop', 'Soldes -20% STOP au 36180.'],
    ['with another short code', 'Soldes -20% STOP au 36111'],
    ['with two spaces inside', 'Soldes -20% STOP  au 36180'],
    ['as "STOP 36180"', 'Soldes -20% STOP 36180'],
  ])('does not find it %s', (_case, text) => {
    expect(endsWithStopMention(text)).toBe(false)
  })
})

describe('isFrenchRecipient', () => {
  it.each(['0612121515', '+33751234567', '0692123456', '+590690001234', '+596696123456'])(
    'counts %s as French (metropolitan France and the overseas departments)',
    (number) => {
      expect(isFrenchRecipient(parseMobile(number)!)).toBe(true)
    },
  )

  it.each(['+41791234567', '+32470123456', '+447911123456'])('does not count %s', (number) => {
    expect(isFrenchRecipient(parseMobile(number)!)).toBe(false)
  })
})

describe('chooseSender', () => {
  it('uses the short code 36180 when no sender is asked for', () => {
    expect(chooseSender(undefined, 'Bonjour STOP au 36180', french)).toEqual({ from: '36180' })
  })

  it('keeps a custom sender towards France when the text ends with the STOP mention', () => {
    expect(chooseSender('MAGASIN', 'Soldes STOP au 36180', french)).toEqual({ from: 'MAGASIN' })
  })

  it('replaces a custom sender towards France by 36180 without the STOP mention', () => {
    expect(chooseSender('MAGASIN', 'Soldes', french)).toEqual({
      from: '36180',
      replaced: 'no-stop-mention',
    })
  })

  it('keeps a custom sender towards another country without the STOP mention', () => {
    expect(chooseSender('MAGASIN', 'Soldes', swiss)).toEqual({ from: 'MAGASIN' })
  })

  it('ignores an invalid sender, whatever the country, for the short code (our choice)', () => {
    expect(chooseSender('3Suisses', 'Soldes STOP au 36180', french)).toEqual({
      from: '36180',
      replaced: 'invalid',
    })
    expect(chooseSender('AB', 'Soldes', swiss)).toEqual({ from: '36180', replaced: 'invalid' })
  })
})
