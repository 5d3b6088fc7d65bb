import { describe, expect, it } from 'vitest'
import { parsePhone } from '../core/phone.ts'
import { readRecipientNumber } from './recipient.ts'

describe('readRecipientNumber', () => {
  it.each([
    ['0601020304', '+33601020304'],
    ['0701020304', '+33701020304'],
    ['33701020304', '+33701020304'],
    ['0731020304', '+33731020304'],
    ['33601020304', '+33601020304'],
    ['+33601020304', '+33601020304'],
    ['0033601020304', '+33601020304'],
    ['06 01 02 03 04', '+33601020304'],
    ['06.01.02.03.04', '+33601020304'],
    ['0692123456', '+262692123456'],
    ['0696123456', '+596696123456'],
    ['262692123456', '+262692123456'],
  ])('reads %s as %s', (input, e164) => {
    const reading = readRecipientNumber(input)
    expect(reading.ok ? reading.e164 : undefined).toBe(e164)
  })

  it.each([
    ['060102030', 7],
    ['06010203045', 7],
    ['0145454545', 7],
    ['0800123456', 7],
    ['Jean', 7],
    ['', 7],
    ['41791234567', 27],
    ['+41791234567', 27],
    ['0041791234567', 27],
    ['+447400123456', 27],
    ['+41223456789', 27],
  ])('refuses %s with %s', (input, code) => {
    expect(readRecipientNumber(input)).toEqual({ ok: false, code })
  })

  it('agrees with libphonenumber on every 06/07 block but 070–072, in every written form', () => {
    for (let block = 600; block < 800; block++) {
      // The document's own example "0701020304" (§III.1): read as a mobile, see recipient.ts.
      if (block >= 700 && block < 730) continue
      for (const rest of ['000000', '123456', '999999']) {
        const national = `0${block}${rest.slice(0, 6)}`
        const expected = parsePhone(national)
        const wanted = expected?.mobile && expected.country === 'FR' ? expected.e164 : undefined
        for (const form of [national, `33${national.slice(1)}`, `+33${national.slice(1)}`]) {
          const reading = readRecipientNumber(form)
          const got = reading.ok && reading.e164.startsWith('+33') ? reading.e164 : undefined
          expect(got, form).toBe(wanted)
        }
      }
    }
  })

  it('reads every 070–072 number as a metropolitan mobile, the document’s example included', () => {
    for (const national of ['0701020304', '0700000000', '0729999999'])
      expect(readRecipientNumber(national)).toEqual({ ok: true, e164: `+33${national.slice(1)}` })
  })
})
