import { describe, expect, it } from 'vitest'
import { formatAspsmsDate, formatCet, parseDeferred } from './dates.ts'

const at = (value: string, timeZone = '', allowIso = false) =>
  parseDeferred(value, timeZone, allowIso)

describe('parseDeferred', () => {
  it('reads nothing as no deferred time', () => {
    expect(at('')).toBeUndefined()
    expect(at('', 'junk')).toBeUndefined()
  })

  it("reads XMLSPEC's example 15062001200000 as 20:00 on 15 June 2001 at GMT+1", () => {
    expect(at('15062001200000')).toEqual(new Date('2001-06-15T19:00:00Z'))
  })

  it('keeps GMT+1 in summer: the spec names no summer time', () => {
    expect(at('15072026120000')).toEqual(new Date('2026-07-15T11:00:00Z'))
    expect(at('15012026120000')).toEqual(new Date('2026-01-15T11:00:00Z'))
  })

  it('reads TimeZone 2 as GMT+3 ("User is in the time zone GMT+3 → <TimeZone>2</TimeZone>")', () => {
    expect(at('15062001200000', '2')).toEqual(new Date('2001-06-15T17:00:00Z'))
  })

  it('reads TimeZone -5 as GMT-4 ("User is in the time zone GMT-4 → <TimeZone>-5</TimeZone>")', () => {
    expect(at('15062001200000', '-5')).toEqual(new Date('2001-06-16T00:00:00Z'))
  })

  it('reads TimeZone 0 as GMT+1 and -1 as GMT', () => {
    expect(at('01012026000000', '0')).toEqual(new Date('2025-12-31T23:00:00Z'))
    expect(at('01012026000000', '-1')).toEqual(new Date('2026-01-01T00:00:00Z'))
    expect(at('01012026000000', '+1')).toEqual(new Date('2025-12-31T22:00:00Z'))
  })

  it('takes the extreme offsets GMT-12 and GMT+14', () => {
    expect(at('01012026120000', '-13')).toEqual(new Date('2026-01-02T00:00:00Z'))
    expect(at('01012026120000', '13')).toEqual(new Date('2025-12-31T22:00:00Z'))
  })

  it.each([
    ['a 31 February', '31022026120000'],
    ['a month 13', '01132026120000'],
    ['a day 0', '00012026120000'],
    ['an hour 24', '01012026240000'],
    ['a minute 60', '01012026126000'],
    ['a second 60', '01012026120060'],
    ['too few digits', '0101202612000'],
    ['too many digits', '010120261200000'],
    ['letters', '0101202612000a'],
    ['a date with separators', '01.01.2026 12:00:00'],
  ])('refuses %s', (_what, value) => {
    expect(at(value)).toBe('invalid')
  })

  it.each([['2.5'], ['abc'], ['14'], ['-14']])('refuses TimeZone %s', (timeZone) => {
    expect(at('01012026120000', timeZone)).toBe('invalid')
  })

  it('takes 29 February in a leap year only', () => {
    expect(at('29022028120000')).toEqual(new Date('2028-02-29T11:00:00Z'))
    expect(at('29022026120000')).toBe('invalid')
  })

  it('refuses ISO 8601 unless the interface allows it', () => {
    expect(at('2026-06-30T15:20:00+02:00')).toBe('invalid')
  })

  it('reads ISO 8601 with an offset or Z when allowed (JSON clients send it)', () => {
    expect(at('2026-06-30T15:20:00+02:00', '', true)).toEqual(new Date('2026-06-30T13:20:00Z'))
    expect(at('2021-06-30T10:18:07.609Z', '', true)).toEqual(new Date('2021-06-30T10:18:07.609Z'))
  })

  it('refuses ISO 8601 without an offset even when allowed, since its zone is unknown', () => {
    expect(at('2026-06-30T15:20:00', '', true)).toBe('invalid')
    expect(at('2026-06-30', '', true)).toBe('invalid')
  })

  it('still reads ddmmyyyyhhmmss when ISO is allowed', () => {
    expect(at('15062001200000', '', true)).toEqual(new Date('2001-06-15T19:00:00Z'))
  })
})

describe('formatAspsmsDate', () => {
  it('writes an instant as ddmmyyyyhhmmss in Swiss winter time (UTC+1)', () => {
    expect(formatAspsmsDate('2026-01-30T13:45:46.000Z')).toBe('30012026144546')
  })

  it('writes an instant as ddmmyyyyhhmmss in Swiss summer time (UTC+2)', () => {
    expect(formatAspsmsDate('2026-07-15T12:00:00.000Z')).toBe('15072026140000')
  })

  it('changes the day when Swiss time is past midnight', () => {
    expect(formatAspsmsDate('2026-12-31T23:30:00Z')).toBe('01012027003000')
  })

  it('writes nothing for no instant', () => {
    expect(formatAspsmsDate(undefined)).toBe('')
    expect(formatAspsmsDate('')).toBe('')
  })
})

describe('formatCet', () => {
  it('writes ISO 8601 with the Swiss offset of the day', () => {
    expect(formatCet('2026-01-30T13:45:46.000Z')).toBe('2026-01-30T14:45:46+01:00')
    expect(formatCet('2026-07-15T12:00:00.000Z')).toBe('2026-07-15T14:00:00+02:00')
  })

  it('writes nothing for no instant', () => {
    expect(formatCet(undefined)).toBe('')
  })
})
