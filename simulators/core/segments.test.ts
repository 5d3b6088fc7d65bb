import { createRequire } from 'node:module'
import { describe, expect, it } from 'vitest'
import { countSegments, truncateToSegments } from './segments.ts'

/**
 * split-sms (codesleuth/split-sms), written independently of the Twilio calculator that
 * segments.ts wraps: the oracle of the comparison below. It is CommonJS without types, so it
 * is loaded through `require` and given the shape read from `node_modules/split-sms/lib/index.js`.
 */
interface SplitSms {
  split(message: string): {
    characterSet: 'GSM' | 'Unicode'
    parts: { content: string; length: number; bytes: number }[]
    /** Septets in GSM, octets (two per UTF-16 code unit) in Unicode. */
    bytes: number
  }
}
const splitSms = createRequire(import.meta.url)('split-sms') as SplitSms

/** Every GSM 03.38 extension-table character (ESC + code, two septets), form feed included. */
const EXTENSION = ['€', '[', ']', '{', '}', '\\', '^', '~', '|', '\f']

/** French characters that are not in GSM 03.38 (research §3.6): one forces the whole text to UCS-2. */
const FRENCH_NON_GSM = ['â', 'ç', 'ê', 'î', 'ô', 'û', 'œ', '’', '«', '»', '…']

const parts = (text: string): number => countSegments(text).segments

describe('countSegments', () => {
  describe('GSM 03.38', () => {
    it('counts a plain text as one GSM-7 part of one septet per character', () => {
      expect(countSegments('Bonjour')).toEqual({
        encoding: 'gsm7',
        segments: 1,
        characters: 7,
        units: 7,
        nonGsm: [],
      })
    })

    it('keeps the French letters of the basic table in GSM-7', () => {
      const text = 'à ä é è ö ù ü æ Ä Ç É Ö Ü Æ'
      expect(countSegments(text)).toMatchObject({ encoding: 'gsm7', units: text.length })
    })

    it('keeps @, $, _ and the Greek capitals in GSM-7 at one septet each', () => {
      expect(countSegments('@$_ΔΦΓΛΩΠΨΣΘΞ')).toMatchObject({ encoding: 'gsm7', units: 13 })
    })

    it('counts a CR LF line break as two GSM characters', () => {
      expect(countSegments('a\r\nb')).toMatchObject({ encoding: 'gsm7', units: 4, characters: 4 })
    })

    it('counts an empty text as one part: an empty SMS still costs one', () => {
      expect(countSegments('')).toEqual({
        encoding: 'gsm7',
        segments: 1,
        characters: 0,
        units: 0,
        nonGsm: [],
      })
    })
  })

  describe('extension table', () => {
    it.each(EXTENSION)('counts %j as two septets and one character', (char) => {
      expect(countSegments(char)).toMatchObject({
        encoding: 'gsm7',
        units: 2,
        characters: 1,
        segments: 1,
      })
    })

    it('counts € as two septets, so 80 of them fill one part and 81 need two', () => {
      expect(parts('€'.repeat(80))).toBe(1)
      expect(parts('€'.repeat(81))).toBe(2)
    })

    it('never splits an escaped character across parts, even when that wastes a septet', () => {
      // 306 septets fit two parts of 153 only if no escape straddles the boundary.
      expect(parts('a'.repeat(153) + '€' + 'a'.repeat(151))).toBe(2)
      expect(parts('a'.repeat(152) + '€' + 'a'.repeat(152))).toBe(3)
    })
  })

  describe('UCS-2', () => {
    it.each(FRENCH_NON_GSM)('switches the whole text to UCS-2 for %j', (char) => {
      expect(countSegments(`Bonjour ${char} tous`)).toMatchObject({
        encoding: 'ucs2',
        units: 14,
        nonGsm: [char],
      })
    })

    it('lists each character that forced UCS-2 once, in order of appearance', () => {
      expect(countSegments('ça, ça et « ça »').nonGsm).toEqual(['ç', '«', '»'])
    })

    it('counts an extension character as one unit once the text is UCS-2', () => {
      expect(countSegments('Ça coûte 2 €')).toMatchObject({
        encoding: 'ucs2',
        segments: 1,
        characters: 12,
        units: 12,
        nonGsm: ['û'],
      })
    })

    it('counts an emoji as one character of two UTF-16 units', () => {
      expect(countSegments('😀')).toEqual({
        encoding: 'ucs2',
        segments: 1,
        characters: 1,
        units: 2,
        nonGsm: ['😀'],
      })
    })

    it('fits 35 emoji in one part and needs two for 36', () => {
      expect(parts('😀'.repeat(35))).toBe(1)
      expect(parts('😀'.repeat(36))).toBe(2)
    })

    it('never splits a surrogate pair across parts', () => {
      // 134 units fit two parts of 67 only if the pair does not straddle the boundary.
      expect(parts('ç'.repeat(67) + '😀' + 'ç'.repeat(65))).toBe(2)
      expect(parts('ç'.repeat(66) + '😀' + 'ç'.repeat(66))).toBe(3)
    })
  })

  describe('part boundaries', () => {
    it('fits 160 GSM characters in one part and needs two for 161', () => {
      expect(parts('a'.repeat(160))).toBe(1)
      expect(parts('a'.repeat(161))).toBe(2)
    })

    it.each([2, 3, 4, 5, 10])('fits 153 × %i GSM characters in exactly that many parts', (n) => {
      expect(parts('a'.repeat(153 * n))).toBe(n)
      expect(parts('a'.repeat(153 * n + 1))).toBe(n + 1)
    })

    it('fits 70 UCS-2 characters in one part and needs two for 71', () => {
      expect(parts('ç'.repeat(70))).toBe(1)
      expect(parts('ç'.repeat(71))).toBe(2)
    })

    it.each([2, 3, 4, 5, 10])('fits 67 × %i UCS-2 characters in exactly that many parts', (n) => {
      expect(parts('ç'.repeat(67 * n))).toBe(n)
      expect(parts('ç'.repeat(67 * n + 1))).toBe(n + 1)
    })

    it('counts a GSM character in a UCS-2 text at the UCS-2 rate', () => {
      expect(parts('ç' + 'a'.repeat(69))).toBe(1)
      expect(parts('ç' + 'a'.repeat(70))).toBe(2)
    })
  })

  describe('agreement with split-sms', () => {
    /**
     * The characters the generator draws from. Left out on purpose, because the two libraries
     * legitimately disagree on them:
     * - grapheme clusters (combining accents such as "e\u0301", ZWJ emoji, skin-tone
     *   modifiers, flags, keycaps): the Twilio calculator moves a whole cluster to the next
     *   part, split-sms only keeps surrogate pairs together, so for
     *   `'ç'.repeat(65) + '👍🏽' + 'ç'.repeat(65)` it fills two parts where we count three;
     * - lone surrogates, which split-sms counts as a full pair and skips the next unit.
     */
    const GSM_BASIC = [
      ...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 \n\r',
      ...'@£$¥èéùìòÇØøÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ!"#¤%&\'()*+,-./:;<=>?¡ÄÖÑÜ§¿äöñüà',
    ]
    const NON_GSM = [...FRENCH_NON_GSM, ...'ÀÂÈÊËÎÏÔÙÛŸŒ‘“”–—°`ëïÿжщαβ']
    const ASTRAL = ['😀', '🚀', '📱', '𝄞', '🎉']

    /** Each profile gives the odds of drawing an astral, a non-GSM and an extension character. */
    const PROFILES = [
      { name: 'GSM only', astral: 0, nonGsm: 0, extension: 0 },
      { name: 'GSM with extension characters', astral: 0, nonGsm: 0, extension: 0.15 },
      { name: 'mostly GSM, rare accents', astral: 0, nonGsm: 0.005, extension: 0.05 },
      { name: 'French UCS-2', astral: 0, nonGsm: 0.2, extension: 0.05 },
      { name: 'UCS-2 with emoji', astral: 0.1, nonGsm: 0.1, extension: 0.05 },
    ]

    /** mulberry32: a small seeded generator, so that every run draws the same texts. */
    function seededRandom(seed: number): () => number {
      let a = seed
      return () => {
        a = (a + 0x6d2b79f5) | 0
        let t = Math.imul(a ^ (a >>> 15), 1 | a)
        t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
        return ((t ^ (t >>> 14)) >>> 0) / 4294967296
      }
    }

    function generateTexts(count: number): string[] {
      const random = seededRandom(20260105)
      const pick = (pool: readonly string[]): string => pool[Math.floor(random() * pool.length)]!
      const texts: string[] = []
      for (let k = 0; k < count; k++) {
        const profile = PROFILES[k % PROFILES.length]!
        // Up to 800 characters: one to six GSM parts, one to twelve UCS-2 parts.
        const length = Math.floor(random() * 800)
        let text = ''
        for (let i = 0; i < length; i++) {
          const x = random()
          if (x < profile.astral) text += pick(ASTRAL)
          else if (x < profile.astral + profile.nonGsm) text += pick(NON_GSM)
          else if (x < profile.astral + profile.nonGsm + profile.extension) text += pick(EXTENSION)
          else text += pick(GSM_BASIC)
        }
        texts.push(text)
      }
      return texts
    }

    it('puts the same characters in the basic and extension tables as split-sms', () => {
      const disagreements: string[] = []
      // U+0000–U+24FF holds every GSM character (€ is U+20AC); surrogates are left out.
      for (let code = 0; code < 0x2500; code++) {
        if (code >= 0xd800 && code <= 0xdfff) continue
        const char = String.fromCharCode(code)
        const { encoding, units } = countSegments(char)
        const split = splitSms.split(char)
        const theirUnits = split.characterSet === 'GSM' ? split.bytes : split.bytes / 2
        if ((encoding === 'gsm7') !== (split.characterSet === 'GSM') || units !== theirUnits)
          disagreements.push(`U+${code.toString(16).padStart(4, '0')}`)
      }
      expect(disagreements).toEqual([])
    })

    const TEXTS = generateTexts(500)
    // Counting is a few milliseconds per long text: count each one once for all the checks.
    const OURS = new Map(TEXTS.map((text) => [text, countSegments(text)]))
    const THEIRS = new Map(TEXTS.map((text) => [text, splitSms.split(text)]))
    const ours = (text: string) => OURS.get(text)!
    const theirs = (text: string) => THEIRS.get(text)!

    it('draws texts of every profile, in both encodings and over several parts', () => {
      const counts = [...OURS.values()]
      expect(counts.some((c) => c.encoding === 'gsm7' && c.segments > 4)).toBe(true)
      expect(counts.some((c) => c.encoding === 'ucs2' && c.segments > 4)).toBe(true)
      expect(TEXTS.some((t) => EXTENSION.some((e) => t.includes(e)))).toBe(true)
      expect(TEXTS.some((t) => ASTRAL.some((e) => t.includes(e)))).toBe(true)
    })

    it('chooses the same encoding as split-sms for every generated text', () => {
      const disagreements = TEXTS.filter(
        (text) => (ours(text).encoding === 'gsm7') !== (theirs(text).characterSet === 'GSM'),
      )
      expect(disagreements).toEqual([])
    })

    it('counts the same parts as split-sms for every generated text', () => {
      const disagreements = TEXTS.filter(
        (text) => ours(text).segments !== theirs(text).parts.length,
      )
      expect(disagreements).toEqual([])
    })

    it('counts the same septets or code units as split-sms for every generated text', () => {
      const disagreements = TEXTS.filter((text) => {
        const { characterSet, bytes } = theirs(text)
        return ours(text).units !== (characterSet === 'GSM' ? bytes : bytes / 2)
      })
      expect(disagreements).toEqual([])
    })

    it('cuts multi-part texts exactly where split-sms puts its part boundaries', () => {
      let compared = 0
      for (const text of TEXTS) {
        const { parts: theirParts } = theirs(text)
        // From two parts on, every part carries a concatenation header in both libraries.
        const n = 2 + (text.length % 2)
        if (theirParts.length <= n) continue
        const expected = theirParts
          .slice(0, n)
          .map((p) => p.content)
          .join('')
        // A UCS-2 text whose first n parts are all GSM characters is cut longer (in GSM-7) by
        // design; split-sms keeps the UCS-2 cut. The longest-prefix test below covers it.
        if (splitSms.split(expected).characterSet !== theirs(text).characterSet) continue
        expect(truncateToSegments(text, n)).toBe(expected)
        compared++
      }
      expect(compared).toBeGreaterThan(150)
    })

    it('cuts generated texts to the longest prefix that fits, at a character boundary', () => {
      let cutShort = 0
      for (const text of TEXTS.slice(0, 150)) {
        const n = 1 + (text.length % 3)
        const cut = truncateToSegments(text, n)
        expect(text.startsWith(cut)).toBe(true)
        expect(parts(cut)).toBeLessThanOrEqual(n)
        if (cut === text) continue
        cutShort++
        expect(cut.charCodeAt(cut.length - 1)).not.toSatisfy(isHighSurrogate)
        const next = [...text.slice(cut.length)][0]!
        expect(parts(cut + next)).toBeGreaterThan(n)
      }
      expect(cutShort).toBeGreaterThan(50)
    })
  })
})

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff
}

describe('truncateToSegments', () => {
  it('returns a text that already fits unchanged', () => {
    const text = 'Bonjour [v1] €'
    expect(truncateToSegments(text, 1)).toBe(text)
  })

  it('cuts a long GSM text to whole parts of 153 characters', () => {
    expect(truncateToSegments('a'.repeat(400), 2)).toBe('a'.repeat(306))
  })

  it('keeps 160 characters when cutting to a single part, which carries no header', () => {
    expect(truncateToSegments('a'.repeat(400), 1)).toBe('a'.repeat(160))
    expect(truncateToSegments('ç'.repeat(400), 1)).toBe('ç'.repeat(70))
  })

  it('cuts in GSM-7 when the character that forced UCS-2 falls past the cut', () => {
    // As UCS-2 the first two parts would hold 134 characters; without the ç they hold 306.
    expect(truncateToSegments('a'.repeat(400) + 'ç', 2)).toBe('a'.repeat(306))
    expect(truncateToSegments('a'.repeat(200) + 'ç'.repeat(400), 2)).toBe('a'.repeat(200))
  })

  it('cuts a long UCS-2 text to whole parts of 67 characters', () => {
    expect(truncateToSegments('ç'.repeat(400), 3)).toBe('ç'.repeat(201))
  })

  it('does not split an escaped character at a part boundary', () => {
    const cut = truncateToSegments('a'.repeat(152) + '€'.repeat(200), 2)
    // Part 1: 152 septets (no room for a 2-septet €); part 2: 76 € = 152 septets.
    expect(cut).toBe('a'.repeat(152) + '€'.repeat(76))
    expect(countSegments(cut)).toMatchObject({ segments: 2, units: 304 })
  })

  it('does not split a surrogate pair at a part boundary', () => {
    const cut = truncateToSegments('ç'.repeat(66) + '😀'.repeat(100), 2)
    expect(cut).toBe('ç'.repeat(66) + '😀'.repeat(33))
    expect(cut.charCodeAt(cut.length - 1)).not.toSatisfy(isHighSurrogate)
  })
})
