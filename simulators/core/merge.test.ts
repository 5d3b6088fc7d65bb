import { describe, expect, it } from 'vitest'
import { BoundedMerge } from './merge.ts'

/** A seeded generator (mulberry32), so that every run draws the same templates. */
function random(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const VARIABLE = /\[v([123])\]/gi

/** The merge in full, as a single `replace`: the oracle. */
const merged = (template: string, values: readonly (string | undefined)[]) =>
  template.replace(VARIABLE, (_m, n: string) => values[Number(n) - 1] ?? '')

describe('BoundedMerge', () => {
  it('gives the whole merge, or its beginning of exactly `reach` units', () => {
    const next = random(3)
    const pieces = ['[v1]', '[V2]', '[v3]', '[v4]', '[v', ']', 'ab', 'é', '😀', ' ']
    const pick = <T>(list: readonly T[]) => list[Math.floor(next() * list.length)]!
    const valueChoices = [undefined, '', 'x', 'Julie', '[v1]', '😀😀']
    for (let k = 0; k < 3000; k++) {
      let template = ''
      const n = Math.floor(next() * 30)
      for (let i = 0; i < n; i++) template += pick(pieces)
      const values = [pick(valueChoices), pick(valueChoices), pick(valueChoices)]
      const reach = 1 + Math.floor(next() * 40)
      const whole = merged(template, values)
      const text = new BoundedMerge(template, VARIABLE, reach).textFor(values)
      expect(text, JSON.stringify({ template, values, reach })).toBe(whole.slice(0, reach))
    }
  })

  it('serves many recipients from one template, each with its own values', () => {
    const merge = new BoundedMerge('Bonjour [v1] [v2] !', VARIABLE, 100)
    expect(merge.textFor(['Julie', 'Martin'])).toBe('Bonjour Julie Martin !')
    expect(merge.textFor(['Léo'])).toBe('Bonjour Léo  !')
    expect(merge.textFor([])).toBe('Bonjour   !')
  })

  it('merges a template of 200,000 characters for 10,000 recipients at once', () => {
    const template = `Bonjour [v1], ${'x'.repeat(200_000)}`
    const merge = new BoundedMerge(template, VARIABLE, 1_600)
    for (let i = 0; i < 10_000; i++)
      expect(merge.textFor([`Contact ${i}`])).toBe(
        merged(template.slice(0, 1_600), [`Contact ${i}`]).slice(0, 1_600),
      )
  })

  it('skips 60,000 empty variables at once for each recipient', () => {
    // Each recipient has its own second value; the first, empty, is in the template 60,000 times.
    const template = `${'[v1]'.repeat(60_000)}[v2]${'y'.repeat(2_000)}`
    const merge = new BoundedMerge(template, VARIABLE, 1_600)
    for (let i = 0; i < 10_000; i++) {
      const text = merge.textFor(['', `n${i}`])
      expect(text).toBe(`n${i}${'y'.repeat(1_600 - `n${i}`.length)}`)
    }
  })
})
