import GraphemeSplitter from 'grapheme-splitter'
import { SegmentedMessage } from 'sms-segments-calculator'
import { describe, expect, it } from 'vitest'
import {
  countSegments,
  longestText,
  PLAIN_RANGES,
  replaceNonGsm,
  truncateToSegments,
  truncationReach,
  type SegmentCount,
} from './segments.ts'

/**
 * segments.ts counts in one pass what sms-segments-calculator counts by building arrays; these
 * tests hold the two to the same answers on random texts of every kind of character, short
 * enough for the library (it is quadratic: 30 s for 80,000 characters).
 */

/** What the library says about a text, in our shape. */
function library(text: string, encoding: 'auto' | 'UCS-2' = 'auto'): SegmentCount {
  const message = new SegmentedMessage(text, encoding)
  const ucs2 = message.encodingName === 'UCS-2'
  return {
    encoding: ucs2 ? 'ucs2' : 'gsm7',
    segments: Math.max(1, message.segmentsCount),
    characters: message.graphemes.length,
    units: message.encodedChars.reduce((sum, c) => sum + c.codeUnits.length, 0),
    nonGsm: ucs2 ? [...new Set(message.getNonGsmCharacters())] : [],
  }
}

/** A seeded generator (mulberry32), so that every run draws the same texts. */
function random(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/** The kinds of character drawn, each a pool of strings. */
const POOLS = {
  basic: [
    ...'abcdefghijklmnopqrstuvwxyzABCXYZ0123456789 .,;:!?-@£$¥èéùìòÇØøÅåΔ_ΦΓΛΩÆæßÉÄÖÑÜ§¿äöñüà',
  ],
  extension: [...'€[]{}~^\\|\f'],
  nonGsmBmp: [...'çâêîôûœŒ’‘“”«»…–—°ëïÿжщαβ™漢字かナ안녕مرحبا'],
  astral: [
    '😀',
    '🚀',
    '📱',
    '𝄞',
    '🎉',
    '👍',
    '🏽',
    '👍🏽',
    '🇫🇷',
    '🇫',
    '👨‍👩‍👧',
    '❤️',
    '\u200d',
    '\ufe0f',
  ],
  combining: [
    '\u0301',
    '\u0300',
    '\u0327',
    '\u0308',
    'e\u0301',
    'a\u0301\u0327',
    '\u20dd',
    '\u093f',
  ],
  lineBreaks: ['\r\n', '\r', '\n', '\n\n'],
} as const
type Pool = keyof typeof POOLS

/** Each profile's odds for each pool (the rest is basic): every mix from pure GSM to mostly marks. */
const PROFILES: Partial<Record<Pool, number>>[] = [
  {},
  { extension: 0.2, lineBreaks: 0.05 },
  { nonGsmBmp: 0.01, extension: 0.05 },
  { nonGsmBmp: 0.3, lineBreaks: 0.05 },
  { astral: 0.2, extension: 0.05 },
  { combining: 0.2, nonGsmBmp: 0.05 },
  { astral: 0.1, combining: 0.1, nonGsmBmp: 0.1, extension: 0.1, lineBreaks: 0.1 },
]

function generateTexts(count: number, seed: number, maxLength: number): string[] {
  const next = random(seed)
  const pick = (pool: readonly string[]) => pool[Math.floor(next() * pool.length)]!
  return Array.from({ length: count }, (_, k) => {
    const profile = PROFILES[k % PROFILES.length]!
    const length = Math.floor(next() * maxLength)
    let text = ''
    while (text.length < length) {
      let x = next()
      let pool: Pool = 'basic'
      for (const [name, odds] of Object.entries(profile) as [Pool, number][]) {
        if (x < odds) {
          pool = name
          break
        }
        x -= odds
      }
      text += pick(POOLS[pool])
    }
    return text
  })
}

describe('agreement with sms-segments-calculator', { timeout: 60_000 }, () => {
  // Up to 600 units: one to four GSM parts, one to nine UCS-2 parts.
  const TEXTS = generateTexts(420, 20260110, 600)

  it('draws texts of both encodings, over several parts, with every kind of character', () => {
    const counts = TEXTS.map((text) => countSegments(text))
    expect(counts.some((c) => c.encoding === 'gsm7' && c.segments > 3)).toBe(true)
    expect(counts.some((c) => c.encoding === 'ucs2' && c.segments > 6)).toBe(true)
    for (const pool of Object.values(POOLS))
      expect(TEXTS.some((text) => pool.some((s) => text.includes(s)))).toBe(true)
  })

  it('counts encoding, parts, characters, units and the non-GSM characters as the library', () => {
    const disagreements = TEXTS.filter(
      (text) => JSON.stringify(countSegments(text)) !== JSON.stringify(library(text)),
    )
    expect(disagreements).toEqual([])
  })

  it('counts a forced UCS-2 (SendUnicodeSMS) as the library', () => {
    const disagreements = TEXTS.filter(
      (text) =>
        JSON.stringify(countSegments(text, 'ucs2')) !== JSON.stringify(library(text, 'UCS-2')),
    )
    expect(disagreements).toEqual([])
  })

  it('cuts to the longest beginning the library fits in the parts, at one of its characters', () => {
    const splitter = new GraphemeSplitter()
    let cutShort = 0
    for (const [k, text] of TEXTS.entries()) {
      const parts = [1, 2, 3, 10][k % 4]!
      const cut = truncateToSegments(text, parts)
      expect(text.startsWith(cut)).toBe(true)
      expect(library(cut).segments, JSON.stringify(text)).toBeLessThanOrEqual(parts)
      if (cut === text) continue
      cutShort++
      // The library's next character: CR LF is two of them.
      const cluster = splitter.splitGraphemes(text.slice(cut.length))[0]!
      const next = cluster === '\r\n' ? '\r' : cluster
      expect(library(cut + next).segments, JSON.stringify(text)).toBeGreaterThan(parts)
    }
    expect(cutShort).toBeGreaterThan(150)
  })

  it('puts every UTF-16 unit in the same table as the library: basic, extension or neither', () => {
    // The library's table ends at € (U+20AC): above U+20FF nothing is GSM for either.
    const disagreements: string[] = []
    for (let unit = 0; unit < 0x10000; unit++) {
      const char = String.fromCharCode(unit)
      const ours = countSegments(char)
      const oursSeptets = ours.encoding === 'gsm7' ? ours.units : 0
      if (unit >= 0x2100) {
        if (oursSeptets !== 0) disagreements.push(`U+${unit.toString(16)}`)
        continue
      }
      const theirs = new SegmentedMessage(char, 'auto')
      const septets = theirs.encodingName === 'GSM-7' ? theirs.encodedChars[0]!.codeUnits.length : 0
      if (oursSeptets !== septets) disagreements.push(`U+${unit.toString(16).padStart(4, '0')}`)
    }
    expect(disagreements).toEqual([])
  })

  it('only takes as plain the characters grapheme-splitter never joins to a neighbour', () => {
    // Each probe string is three characters when the middle one joins neither side. Together
    // they catch every break property that joins: marks, joiners and prepended marks (with a
    // letter), Hangul jamo, emoji modifiers and their bases, glue after a joiner, regional
    // indicators.
    const splitter = new GraphemeSplitter()
    const probes = (c: string) => [`a${c}\u1160`, `\u1100${c}\u11a8`, `👍${c}🏽`, `\u200d${c}🇫`]
    const joined: string[] = []
    for (const [low, high] of PLAIN_RANGES) {
      for (let code = low; code <= high; code++) {
        const c = String.fromCharCode(code)
        if (probes(c).some((p) => splitter.countGraphemes(p) !== 3))
          joined.push(`U+${code.toString(16).padStart(4, '0')}`)
      }
    }
    expect(joined).toEqual([])
    // Every GSM character is plain: a GSM-7 text is one character per unit.
    const plain = (code: number) => PLAIN_RANGES.some(([low, high]) => code >= low && code <= high)
    for (let code = 0; code < 0x10000; code++)
      if (countSegments(String.fromCharCode(code)).encoding === 'gsm7')
        expect(plain(code), `U+${code.toString(16)}`).toBe(true)
    // The probes do catch what is not plain.
    for (const c of ['\u0301', '\u200d', '\u0903', '\u0600', '\u1100', '가', '🏽', '👍', '❤', '🇫'])
      expect(
        probes(c).some((p) => splitter.countGraphemes(p) !== 3),
        c,
      ).toBe(true)
  })
})

describe('longestText', () => {
  it.each([
    [1, 160],
    [2, 306],
    [6, 918],
    [8, 1224],
    [10, 1530],
    [16, 2448],
  ])('lets %i part(s) carry %i units at most', (parts, units) => {
    expect(longestText(parts)).toBe(units)
    expect(countSegments('a'.repeat(units)).segments).toBe(parts)
    expect(countSegments('a'.repeat(units + 1)).segments).toBe(parts + 1)
  })

  it('is a bound for every text: one unit longer never fits, whatever the characters', () => {
    const next = random(7)
    const pools = Object.values(POOLS).flat()
    for (const parts of [1, 2, 6, 8, 16]) {
      for (let k = 0; k < 40; k++) {
        let text = ''
        while (text.length <= longestText(parts)) text += pools[Math.floor(next() * pools.length)]
        expect(countSegments(text).segments, JSON.stringify(text)).toBeGreaterThan(parts)
        expect(countSegments(text, 'ucs2').segments).toBeGreaterThan(parts)
      }
    }
  })
})

describe('truncationReach', () => {
  it('cuts every longer text exactly as its beginning of that length', () => {
    const texts = generateTexts(140, 99, 5_000).filter((text) => text.length > 1_700)
    expect(texts.length).toBeGreaterThan(50)
    for (const [k, text] of texts.entries()) {
      const parts = [1, 2, 6, 10, 16][k % 5]!
      const beginning = text.slice(0, truncationReach(parts))
      expect(truncateToSegments(beginning, parts), JSON.stringify(text)).toBe(
        truncateToSegments(text, parts),
      )
    }
  })
})

describe("boundaries (moved from iSendPro's parts.test.ts)", () => {
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
    expect(countSegments(text).segments).toBe(segments)
  })
})

describe('replaceNonGsm', () => {
  it('replaces each character outside GSM 03.38 once, a cluster as one', () => {
    expect(replaceNonGsm('Leçon 👍🏽 à 9h e\u0301 €', '?')).toBe('Le?on ? à 9h ? €')
    expect(replaceNonGsm('Bonjour\r\n', '?')).toBe('Bonjour\r\n')
  })

  it('gives one replacement for each non-GSM character the counter lists', () => {
    for (const text of generateTexts(140, 5, 400)) {
      const replaced = replaceNonGsm(text, '\u0000')
      const count = countSegments(text)
      expect(countSegments(replaced.replaceAll('\u0000', '')).encoding).toBe('gsm7')
      expect(replaced.length - replaced.replaceAll('\u0000', '').length).toBe(
        count.encoding === 'gsm7' ? 0 : count.characters - countGsmCharacters(text),
      )
    }
  })
})

/** The characters of a text that are GSM 03.38 ones, as the library splits it. */
function countGsmCharacters(text: string): number {
  const message = new SegmentedMessage(text, 'auto')
  return message.encodedChars.filter((c) => c.isGSM7).length
}

describe('clusters longer than a part', () => {
  // The library puts such a cluster in one part of any size (a text of 'a' and 200 accents is
  // 2 parts and 1 character for it); no SMS part carries more than 67 units after its header.
  it('cuts a letter with 200 combining accents into pieces of 67 units, one part each', () => {
    const zalgo = 'a' + '\u0301'.repeat(200)
    expect(countSegments(zalgo)).toEqual({
      encoding: 'ucs2',
      segments: 3,
      characters: 3,
      units: 201,
      nonGsm: ['a' + '\u0301'.repeat(66), '\u0301'.repeat(67)],
    })
    expect(truncateToSegments(zalgo, 2)).toBe(zalgo.slice(0, 134))
  })

  it('never splits a surrogate pair when it cuts such a cluster', () => {
    // A letter, an accent and 40 variation selectors of the supplement (astral marks, two units
    // each): the 67th unit is the first half of a pair, so the first piece stops at 66.
    const text = 'a\u0301' + '\u{E0100}'.repeat(40)
    expect(countSegments(text)).toEqual({
      encoding: 'ucs2',
      segments: 2,
      characters: 2,
      units: 82,
      nonGsm: [text.slice(0, 66), text.slice(66)],
    })
    expect(truncateToSegments(text, 1)).toBe(text.slice(0, 66))
  })
})

describe('long texts', () => {
  // Linear in the text: these took hours with the library (30 s for 80,000 characters).
  it('counts a million characters ending in ç as UCS-2 parts of 67', () => {
    const text = 'a'.repeat(999_999) + 'ç'
    expect(countSegments(text)).toEqual({
      encoding: 'ucs2',
      segments: Math.ceil(1_000_000 / 67),
      characters: 1_000_000,
      units: 1_000_000,
      nonGsm: ['ç'],
    })
    expect(truncateToSegments(text, 10)).toBe('a'.repeat(1530))
  })

  it('counts a million characters of emoji, accents and line breaks', () => {
    const sentence = 'Salut 👍🏽 ça va ? e\u0301\r\n'
    const text = sentence.repeat(50_000)
    const count = countSegments(text)
    expect(count).toMatchObject({ encoding: 'ucs2', units: text.length })
    expect(count.characters).toBe(library(sentence).characters * 50_000)
    expect(count.nonGsm).toEqual(['👍🏽', 'ç', 'e\u0301'])
    const cut = truncateToSegments(text, 2)
    expect(cut).toBe(truncateToSegments(text.slice(0, 1000), 2))
    expect(library(cut).segments).toBe(2)
  })
})
