import { describe, expect, it } from 'vitest'
import { countSegments } from '../core/segments.ts'
import { countParts } from './parts.ts'

/** A small deterministic generator (mulberry32), so that a failure can be replayed. */
function random(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const GSM =
  'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 .,;:!?éèàùÖöÄÜ@$_£¥§¿¡ΔΦΓΛΩ\n\r'
const ESCAPED = '€[]{}\\^~|\f'
const FRENCH_UCS2 = 'ôçêœ’«»…–—°âîïûŒ™'
const OTHER = ['😀', 'e\u0301', '👍🏽', 'ж', '\u200d']

describe('countParts', () => {
  it('agrees with the core’s countSegments on random texts of every kind', () => {
    const next = random(42)
    const pick = (chars: string) => chars[Math.floor(next() * chars.length)]!
    for (let n = 0; n < 400; n++) {
      const length = Math.floor(next() * 480)
      let text = ''
      for (let i = 0; i < length; i++) text += next() < 0.05 ? pick(ESCAPED) : pick(GSM)
      const kind = next()
      if (kind < 0.3)
        text = `${text.slice(0, length / 2)}${pick(FRENCH_UCS2)}${text.slice(length / 2)}`
      else if (kind < 0.4) text += OTHER[Math.floor(next() * OTHER.length)]
      expect(countParts(text), JSON.stringify(text)).toEqual(countSegments(text))
    }
  })

  it.each([
    ['x'.repeat(160), 1],
    ['x'.repeat(161), 2],
    ['x'.repeat(306), 2],
    ['x'.repeat(307), 3],
    ['x'.repeat(918), 6],
    [`${'x'.repeat(152)}€`, 1],
    [`${'x'.repeat(152)}€x${'x'.repeat(7)}`, 2],
    [`ô${'x'.repeat(69)}`, 1],
    [`ô${'x'.repeat(70)}`, 2],
    [`ô${'x'.repeat(134)}`, 3],
    ['', 1],
  ])('counts the boundaries exactly (%#)', (text, segments) => {
    expect(countParts(text).segments).toBe(segments)
    expect(countSegments(text).segments).toBe(segments)
  })
})
