import { describe, expect, it } from 'vitest'
import { Clock, toInstant } from './clock.ts'

const WALL_START = Date.parse('2026-01-05T08:00:00Z')

/** A wall clock the test moves by hand: the clock under test never reads the real one. */
function fakeWall(start = WALL_START): { read: () => number; move: (ms: number) => void } {
  let now = start
  return { read: () => now, move: (ms) => void (now += ms) }
}

describe('Clock', () => {
  it('tells a running clock its offset and runs at one given, and has none when frozen', () => {
    const wall = fakeWall()
    const clock = new Clock({ now: '2026-01-05T09:00:00Z', frozen: false }, wall.read)
    expect(clock.offsetMs).toBe(3_600_000)
    const again = new Clock({}, wall.read)
    again.runAt(clock.offsetMs!)
    wall.move(60_000)
    expect(again.now().toISOString()).toBe('2026-01-05T09:01:00.000Z')
    expect(again.mode).toBe('offset')
    again.set('2026-01-05T10:00:00Z', true)
    expect(again.offsetMs).toBeUndefined()
  })

  describe('real mode', () => {
    it('is real when created without a start time', () => {
      const wall = fakeWall()
      const clock = new Clock({}, wall.read)
      expect(clock.mode).toBe('real')
      expect(clock.now().toISOString()).toBe('2026-01-05T08:00:00.000Z')
    })

    it('follows the wall clock as it moves', () => {
      const wall = fakeWall()
      const clock = new Clock({}, wall.read)
      wall.move(90_000)
      expect(clock.now().toISOString()).toBe('2026-01-05T08:01:30.000Z')
    })

    it('is real again after reset, whatever mode it was in', () => {
      const wall = fakeWall()
      const clock = new Clock({ now: '2030-01-01T00:00:00Z', frozen: true }, wall.read)
      clock.reset()
      expect(clock.mode).toBe('real')
      expect(clock.now().getTime()).toBe(WALL_START)
    })
  })

  describe('offset mode', () => {
    it('starts at the given time and keeps flowing with the wall clock', () => {
      const wall = fakeWall()
      const clock = new Clock({ now: '2026-03-01T10:00:00+01:00' }, wall.read)
      expect(clock.mode).toBe('offset')
      expect(clock.now().toISOString()).toBe('2026-03-01T09:00:00.000Z')
      wall.move(5_000)
      expect(clock.now().toISOString()).toBe('2026-03-01T09:00:05.000Z')
    })

    it('counts as real when it is set to the wall time itself', () => {
      const wall = fakeWall()
      const clock = new Clock({ now: new Date(WALL_START) }, wall.read)
      expect(clock.mode).toBe('real')
    })

    it('turns a real clock into an offset one when advanced', () => {
      const wall = fakeWall()
      const clock = new Clock({}, wall.read)
      clock.advance(3_600_000)
      expect(clock.mode).toBe('offset')
      wall.move(1_000)
      expect(clock.now().getTime()).toBe(WALL_START + 3_601_000)
    })

    it('runs on from the time given to set(…, false)', () => {
      const wall = fakeWall()
      const clock = new Clock({ now: '2026-01-01T00:00:00Z', frozen: true }, wall.read)
      clock.set('2026-06-01T12:00:00+02:00', false)
      expect(clock.mode).toBe('offset')
      wall.move(60_000)
      expect(clock.now().toISOString()).toBe('2026-06-01T10:01:00.000Z')
    })
  })

  describe('frozen mode', () => {
    it('stays at the given time however the wall clock moves', () => {
      const wall = fakeWall()
      const clock = new Clock({ now: '2026-01-05T09:00:00+01:00', frozen: true }, wall.read)
      wall.move(86_400_000)
      expect(clock.mode).toBe('frozen')
      expect(clock.now().toISOString()).toBe('2026-01-05T08:00:00.000Z')
    })

    it('freezes at the wall time when frozen without a start time', () => {
      const wall = fakeWall()
      const clock = new Clock({ frozen: true }, wall.read)
      wall.move(10_000)
      expect(clock.mode).toBe('frozen')
      expect(clock.now().getTime()).toBe(WALL_START)
    })

    it('moves by exactly the amount it is advanced', () => {
      const clock = new Clock({ now: '2026-01-05T09:00:00+01:00', frozen: true }, fakeWall().read)
      expect(clock.advance(24 * 3_600_000).toISOString()).toBe('2026-01-06T08:00:00.000Z')
      expect(clock.now().toISOString()).toBe('2026-01-06T08:00:00.000Z')
      expect(clock.mode).toBe('frozen')
    })

    it('freezes a running clock with set(…, true)', () => {
      const wall = fakeWall()
      const clock = new Clock({}, wall.read)
      clock.set('2026-07-14T10:00:00+02:00', true)
      wall.move(60_000)
      expect(clock.now().toISOString()).toBe('2026-07-14T08:00:00.000Z')
    })

    it('accepts an advance of zero', () => {
      const clock = new Clock({ now: '2026-01-05T08:00:00Z', frozen: true }, fakeWall().read)
      expect(clock.advance(0).toISOString()).toBe('2026-01-05T08:00:00.000Z')
    })
  })

  describe('refusals', () => {
    it('refuses to advance by a negative amount and stays where it was', () => {
      const clock = new Clock({ now: '2026-01-05T08:00:00Z', frozen: true }, fakeWall().read)
      expect(() => clock.advance(-1)).toThrowErrorMatchingInlineSnapshot(
        `[RangeError: cannot advance the clock by -1 ms]`,
      )
      expect(clock.now().toISOString()).toBe('2026-01-05T08:00:00.000Z')
    })

    it('refuses to advance by NaN or Infinity', () => {
      const clock = new Clock({ now: '2026-01-05T08:00:00Z', frozen: true }, fakeWall().read)
      expect(() => clock.advance(Number.NaN)).toThrow(RangeError)
      expect(() => clock.advance(Number.POSITIVE_INFINITY)).toThrow(RangeError)
      expect(clock.now().toISOString()).toBe('2026-01-05T08:00:00.000Z')
    })

    it('refuses to be set to a time without an offset and keeps its time', () => {
      const clock = new Clock({ now: '2026-01-05T08:00:00Z', frozen: true }, fakeWall().read)
      expect(() => clock.set('2026-02-01T09:00:00', true)).toThrow(RangeError)
      expect(clock.now().toISOString()).toBe('2026-01-05T08:00:00.000Z')
    })
  })

  describe('listeners', () => {
    it('calls listeners with the new time after set and after advance', () => {
      const clock = new Clock({ now: '2026-01-05T08:00:00Z', frozen: true }, fakeWall().read)
      const seen: string[] = []
      clock.onChange((now) => seen.push(now.toISOString()))
      clock.advance(60_000)
      clock.set('2026-01-06T00:00:00Z', true)
      expect(seen).toEqual(['2026-01-05T08:01:00.000Z', '2026-01-06T00:00:00.000Z'])
    })

    it('sees the new time from inside a listener', () => {
      const clock = new Clock({ now: '2026-01-05T08:00:00Z', frozen: true }, fakeWall().read)
      let inside: string | undefined
      clock.onChange(() => (inside = clock.now().toISOString()))
      clock.advance(1_000)
      expect(inside).toBe('2026-01-05T08:00:01.000Z')
    })

    it('stops calling a listener once it is unsubscribed', () => {
      const clock = new Clock({ now: '2026-01-05T08:00:00Z', frozen: true }, fakeWall().read)
      let calls = 0
      const unsubscribe = clock.onChange(() => calls++)
      clock.advance(1)
      unsubscribe()
      clock.advance(1)
      expect(calls).toBe(1)
    })

    it('does not call listeners when an advance is refused', () => {
      const clock = new Clock({ now: '2026-01-05T08:00:00Z', frozen: true }, fakeWall().read)
      let calls = 0
      clock.onChange(() => calls++)
      expect(() => clock.advance(-5)).toThrow()
      expect(calls).toBe(0)
    })
  })

  it('serialises its time and mode as JSON', () => {
    const clock = new Clock({ now: '2026-01-05T09:00:00+01:00', frozen: true }, fakeWall().read)
    expect(JSON.parse(JSON.stringify(clock))).toEqual({
      now: '2026-01-05T08:00:00.000Z',
      frozen: true,
      mode: 'frozen',
    })
  })
})

describe('toInstant', () => {
  it('reads ISO 8601 with Z, ±hh:mm and ±hhmm offsets', () => {
    expect(toInstant('2026-01-05T08:00:00Z')).toBe(Date.parse('2026-01-05T08:00:00Z'))
    expect(toInstant('2026-01-05T09:00:00+01:00')).toBe(Date.parse('2026-01-05T08:00:00Z'))
    expect(toInstant('2026-01-05T03:00:00-0500')).toBe(Date.parse('2026-01-05T08:00:00Z'))
  })

  it('passes a Date through as its instant', () => {
    expect(toInstant(new Date(WALL_START))).toBe(WALL_START)
  })

  it('refuses a date and time without an offset, which would be ambiguous', () => {
    expect(() => toInstant('2026-01-05T09:00:00')).toThrowErrorMatchingInlineSnapshot(
      `[RangeError: "2026-01-05T09:00:00" has no time zone offset: write it as ISO 8601 with Z or ±hh:mm]`,
    )
  })

  it('refuses a bare date, which JavaScript would read as UTC midnight', () => {
    expect(() => toInstant('2026-01-05')).toThrow(RangeError)
  })

  it('refuses text that ends like an offset but is not a date', () => {
    expect(() => toInstant('next tuesday Z')).toThrowErrorMatchingInlineSnapshot(
      `[RangeError: "next tuesday Z" is not an ISO 8601 date and time]`,
    )
  })
})
