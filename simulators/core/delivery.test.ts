import { describe, expect, it } from 'vitest'
import { DEFAULT_VALIDITY_MS, isFinal, routeSms } from './delivery.ts'
import type { NumberState } from './numbers.ts'

const T = Date.parse('2026-01-05T09:00:00+01:00')
const HOUR = 3_600_000
const normal = { class: 'normal' as const, validityMs: 24 * HOUR }
const flash = { class: 'flash' as const, validityMs: 24 * HOUR }

describe('routeSms', () => {
  it.each<NumberState['status']>(['ok', 'mvno'])(
    'delivers at once to a number in state %s',
    (status) => {
      expect(routeSms(normal, { status }, T)).toEqual([{ at: T, status: 'delivered' }])
    },
  )

  it.each<NumberState['status']>(['unassigned', 'blacklisted', 'rejected'])(
    'fails at once with the reason %s',
    (status) => {
      expect(routeSms(normal, { status }, T)).toEqual([{ at: T, status: 'failed', reason: status }])
    },
  )

  it('fails a normal SMS to a full SIM', () => {
    expect(routeSms(normal, { status: 'memory-full' }, T)).toEqual([
      { at: T, status: 'failed', reason: 'memory-full' },
    ])
  })

  it('delivers a flash SMS to a full SIM, since it is displayed and not stored', () => {
    expect(routeSms(flash, { status: 'memory-full' }, T)).toEqual([{ at: T, status: 'delivered' }])
  })

  it('buffers an SMS to a phone that is off and delivers it when the phone comes back', () => {
    expect(routeSms(normal, { status: 'absent', backAfterMs: 10 * 60_000 }, T)).toEqual([
      { at: T, status: 'buffered', reason: 'absent' },
      { at: T + 10 * 60_000, status: 'delivered' },
    ])
  })

  it('expires an SMS whose lifetime ends before the phone comes back', () => {
    expect(routeSms(normal, { status: 'absent', backAfterMs: 30 * HOUR }, T)).toEqual([
      { at: T, status: 'buffered', reason: 'absent' },
      { at: T + 24 * HOUR, status: 'expired', reason: 'absent' },
    ])
  })

  it('expires an SMS when the phone comes back at the very end of its lifetime', () => {
    expect(routeSms(normal, { status: 'absent', backAfterMs: 24 * HOUR }, T).at(-1)).toEqual({
      at: T + 24 * HOUR,
      status: 'expired',
      reason: 'absent',
    })
  })

  it('expires an SMS to a phone that never comes back when its lifetime runs out', () => {
    expect(routeSms(normal, { status: 'absent' }, T)).toEqual([
      { at: T, status: 'buffered', reason: 'absent' },
      { at: T + 24 * HOUR, status: 'expired', reason: 'absent' },
    ])
  })

  it('treats the same absence differently for two lifetimes', () => {
    const sixHours: NumberState = { status: 'absent', backAfterMs: 6 * HOUR }
    const short = { class: 'normal' as const, validityMs: 1 * HOUR }
    const long = { class: 'normal' as const, validityMs: DEFAULT_VALIDITY_MS }
    expect(routeSms(short, sixHours, T).at(-1)?.status).toBe('expired')
    expect(routeSms(long, sixHours, T).at(-1)?.status).toBe('delivered')
  })

  it('keeps three days as the default lifetime', () => {
    expect(DEFAULT_VALIDITY_MS).toBe(72 * HOUR)
  })
})

describe('isFinal', () => {
  it.each([
    ['delivered', true],
    ['failed', true],
    ['expired', true],
    ['buffered', false],
    ['scheduled', false],
  ] as const)('says %s is final: %s', (status, final) => {
    expect(isFinal(status)).toBe(final)
  })
})
