import { SegmentedMessage } from 'sms-segments-calculator'
import { describe, expect, it } from 'vitest'
import { countSegments, truncateToSegments } from './segments.ts'

/** The basic table, as segments.ts's fast path takes it (no CR). */
const BASIC =
  '@£$¥èéùìòÇ\nØøÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà'

/** A seeded generator (mulberry32), so the texts are the same on every run. */
function random(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const next = random(42)
const texts = Array.from({ length: 120 }, () => {
  const length = Math.floor(next() * 1000)
  return Array.from({ length }, () => BASIC[Math.floor(next() * BASIC.length)]).join('')
})

describe('the fast path for basic GSM 03.38 texts', { timeout: 30_000 }, () => {
  it('counts parts, units and characters exactly as sms-segments-calculator does', () => {
    for (const text of texts) {
      const library = new SegmentedMessage(text, 'auto')
      expect(countSegments(text)).toEqual({
        encoding: 'gsm7',
        segments: Math.max(1, library.segmentsCount),
        characters: library.graphemes.length,
        units: library.encodedChars.reduce((sum, c) => sum + c.codeUnits.length, 0),
        nonGsm: [],
      })
    }
  })

  it('cuts to the longest beginning that still fits the parts asked for', () => {
    for (const text of texts) {
      for (const parts of [1, 2, 10]) {
        const cut = truncateToSegments(text, parts)
        expect(text.startsWith(cut)).toBe(true)
        expect(new SegmentedMessage(cut, 'auto').segmentsCount).toBeLessThanOrEqual(parts)
        if (cut.length < text.length) {
          expect(
            new SegmentedMessage(text.slice(0, cut.length + 1), 'auto').segmentsCount,
          ).toBeGreaterThan(parts)
        }
      }
    }
  })
})
