/**
 * Durations as suites write them (`advance: 23h 59m`): every unit, their sums, and the
 * refusal of anything else, with a message that says how to write one.
 */
import { describe, expect, it } from 'vitest'
import { parseDuration } from './duration.ts'

describe('parseDuration', () => {
  it.each([
    ['500ms', 500],
    ['30s', 30_000],
    ['90m', 5_400_000],
    ['23h', 82_800_000],
    ['1d', 86_400_000],
    ['1.5h', 5_400_000],
    ['10 m', 600_000],
  ])('reads %s as %i ms', (text, ms) => {
    expect(parseDuration(text)).toBe(ms)
  })

  it('adds the parts of a duration written in several units', () => {
    expect(parseDuration('23h 59m')).toBe(86_340_000)
    expect(parseDuration('1d 2h')).toBe(93_600_000)
    expect(parseDuration('1m 30s 250ms')).toBe(90_250)
  })

  it('reads the parts written without spaces between them', () => {
    expect(parseDuration('23h59m')).toBe(86_340_000)
    expect(parseDuration('1m30s250ms')).toBe(90_250)
  })

  it('takes a number as milliseconds, zero included', () => {
    expect(parseDuration(1500)).toBe(1500)
    expect(parseDuration(0)).toBe(0)
  })

  it('does not read "m" of "ms" as minutes', () => {
    expect(parseDuration('5ms')).toBe(5)
  })

  it('refuses a text without a unit, with a message showing how to write one', () => {
    expect(() => parseDuration('23')).toThrowErrorMatchingInlineSnapshot(
      `[RangeError: not a duration: "23" (write 23h, 90m, 1d 2h, 30s or 500ms)]`,
    )
  })

  it.each(['soon', '', '23x', '-5m', '2 weeks', '1h and 5m'])('refuses "%s"', (text) => {
    expect(() => parseDuration(text)).toThrow(RangeError)
  })

  it('refuses a negative or infinite number of milliseconds', () => {
    expect(() => parseDuration(-1)).toThrow(RangeError)
    expect(() => parseDuration(Number.POSITIVE_INFINITY)).toThrow(RangeError)
    expect(() => parseDuration(Number.NaN)).toThrow(RangeError)
  })
})
