import { describe, expect, it } from 'vitest'
import { KeptKeys, KeptList } from './retention.ts'

describe('a kept list', () => {
  it('drops the oldest tenth at once past its count', () => {
    const list = new KeptList<number>(100, 1e9)
    const dropped: number[] = []
    for (let i = 0; i < 101; i++) dropped.push(...list.push(i, 1))
    expect(dropped).toEqual(Array.from({ length: 11 }, (_, i) => i))
    expect(list.items).toHaveLength(90)
    expect(list.bytes).toBe(90)
  })

  it('drops the oldest records past its byte budget, down to nine tenths of it', () => {
    const list = new KeptList<string>(1_000, 1_000)
    for (let i = 0; i < 9; i++) list.push(`r${i}`, 100)
    expect(list.push('big', 500)).toEqual(['r0', 'r1', 'r2', 'r3', 'r4'])
    expect(list.items).toEqual(['r5', 'r6', 'r7', 'r8', 'big'])
    expect(list.bytes).toBe(900)
  })

  it('keeps the newest record even when it alone is over the budget', () => {
    const list = new KeptList<string>(10, 100)
    list.push('a', 10)
    expect(list.push('huge', 1_000)).toEqual(['a'])
    expect(list.items).toEqual(['huge'])
  })

  it('empties', () => {
    const list = new KeptList<string>(10, 100)
    list.push('a', 10)
    list.clear()
    expect([list.items, list.bytes]).toEqual([[], 0])
  })
})

describe('kept keys', () => {
  it('forgets the oldest keys past the count, and a key set again counts as new', () => {
    const keys = new KeptKeys<number>(10, 1e9)
    for (let i = 0; i < 10; i++) keys.set(`k${i}`, i)
    keys.set('k0', 99)
    keys.set('k10', 10)
    expect(keys.size).toBe(9)
    expect(keys.has('k0')).toBe(true)
    expect(keys.has('k1')).toBe(false)
    expect(keys.get('k10')).toBe(10)
  })

  it('forgets the oldest keys past the byte budget', () => {
    const keys = new KeptKeys<true>(1_000, 1_500)
    keys.set('a'.repeat(600), true)
    keys.set('b'.repeat(600), true)
    keys.set('c'.repeat(600), true)
    expect(keys.has('a'.repeat(600))).toBe(false)
    expect(keys.has('c'.repeat(600))).toBe(true)
    expect(keys.bytes).toBeLessThanOrEqual(1_350)
  })
})
