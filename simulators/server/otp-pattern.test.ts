import { describe, expect, it } from 'vitest'
import { ControlError } from '../core/errors.ts'
import { checkOtpPattern, MAX_OTP_PATTERN_CHARS, otpsBy } from './otp-pattern.ts'

describe('otp patterns', () => {
  it('takes the first capture group, else the whole match', () => {
    expect(otpsBy('Code: ([A-Z0-9-]+)', ['Code: AB12-CD34', 'Bonjour'])).toEqual([
      'AB12-CD34',
      undefined,
    ])
    expect(otpsBy('[A-Z]{2}\\d{2}', ['ref XY42 ok'])).toEqual(['XY42'])
  })

  it('refuses a pattern that does not compile, or is too long, with a 400', () => {
    expect(() => checkOtpPattern('(')).toThrow(ControlError)
    expect(() => checkOtpPattern('a'.repeat(MAX_OTP_PATTERN_CHARS + 1))).toThrow(
      /200 characters at most/,
    )
    expect(checkOtpPattern('\\d+')).toBe('\\d+')
  })

  it('stops a pattern that backtracks exponentially and answers 400, leaving smsim free', () => {
    const started = performance.now()
    expect(() => otpsBy('(a+)+$', ['a'.repeat(40) + '!'])).toThrow(/backtracks/)
    expect(performance.now() - started).toBeLessThan(5_000)
    // The sandbox still works afterwards.
    expect(otpsBy('\\d{4}', ['code 1234'])).toEqual(['1234'])
  })
})
