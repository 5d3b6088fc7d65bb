import { describe, expect, it } from 'vitest'
import { otpOf } from './otp.ts'

describe('otpOf', () => {
  it.each([
    ['Votre code : 482913', '482913'],
    ['Code 1234 valable 5 min', '1234'],
    ['12345678 est votre code', '12345678'],
    ['Votre code est 482913.', '482913'],
    ['code:4829,13', '4829'],
    ['first 4821 then 999999', '4821'],
  ])('finds the code in %j', (text, code) => expect(otpOf(text)).toBe(code))

  it.each([
    ['Bonjour'],
    ['Rappelez le 0660919010'],
    ['123 et 45'],
    ['Réf A1234B'],
    ['123456789 is nine digits'],
  ])('finds none in %j', (text) => expect(otpOf(text)).toBeUndefined())
})
