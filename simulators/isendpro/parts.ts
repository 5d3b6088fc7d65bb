/**
 * How many SMS parts a text takes, fast: a 500-recipient mail with personal texts counts 500
 * texts, and the core's {@link countSegments} (sms-segments-calculator, which splits every text
 * into grapheme clusters first) spends about a millisecond on each. Two kinds of text are
 * counted here in one pass instead:
 * - GSM 03.38 only (1 or 2 septets a character, the library's own answer for each character,
 *   read once and cached): 160 septets alone, 153 a part beyond, an escaped character never
 *   split;
 * - UCS-2 where every character is its own grapheme cluster — Latin, Greek and the common
 *   punctuation and currency signs, which is what French text needs (`ô ç ê œ ’ « » …`): 70
 *   units alone, 67 a part beyond.
 * Anything else (emoji, combining accents, other scripts) goes to {@link countSegments}
 * unchanged. `parts.test.ts` checks both paths against the library.
 *
 * @see shared/research/french-providers.md — §3.6 "GSM 03.38, UCS-2 and segment counting"
 */
import { SegmentedMessage } from 'sms-segments-calculator'
import { countSegments, type SegmentCount } from '../core/segments.ts'

/** Septets in a lone SMS (140 octets) and in each part of a concatenated one (6-octet header). */
const SINGLE_PART_SEPTETS = 160
const MULTI_PART_SEPTETS = 153

/** UTF-16 units in a lone UCS-2 SMS and in each part of a concatenated one. */
const SINGLE_PART_UNITS = 70
const MULTI_PART_UNITS = 67

/**
 * Code units that always form a grapheme cluster of their own (no combining mark, joiner,
 * variation selector or surrogate among them): Latin-1, Latin Extended A/B, IPA and spacing
 * modifiers, Greek and Coptic, general punctuation but the joiners, currency signs, letterlike
 * symbols.
 */
const SIMPLE_RANGES: readonly (readonly [number, number])[] = [
  [0x0000, 0x02ff],
  [0x0370, 0x03ff],
  [0x2010, 0x2027],
  [0x2030, 0x205e],
  [0x20a0, 0x20c0],
  [0x2100, 0x214f],
]

function isSimple(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i)
    if (!SIMPLE_RANGES.some(([low, high]) => unit >= low && unit <= high)) return false
  }
  return true
}

/** Septets of each UTF-16 code unit seen so far: 1 or 2 (escaped), 0 when not GSM 03.38. */
const septets = new Map<number, number>()

function septetsOf(unit: number): number {
  let n = septets.get(unit)
  if (n === undefined) {
    const encoded = new SegmentedMessage(String.fromCharCode(unit), 'auto').encodedChars[0]
    n = encoded?.isGSM7 ? encoded.codeUnits.length : 0
    septets.set(unit, n)
  }
  return n
}

/**
 * Counts the parts of a text, as {@link countSegments} does.
 *
 * @example
 * countParts('Bonjour')              // { encoding: 'gsm7', segments: 1, units: 7, … }
 * countParts('x'.repeat(161))        // gsm7, 2 segments
 * countParts('Ça coûte 2 €')         // ucs2 (û): counted by countSegments
 */
export function countParts(text: string): SegmentCount {
  let units = 0
  // Septets used in the current part of a concatenated message, and the parts so far: an
  // escaped character (2 septets) never straddles two parts.
  let used = 0
  let parts = 1
  for (let i = 0; i < text.length; i++) {
    const n = septetsOf(text.charCodeAt(i))
    if (n === 0) return countUcs2(text)
    units += n
    if (used + n > MULTI_PART_SEPTETS) {
      parts++
      used = 0
    }
    used += n
  }
  return {
    encoding: 'gsm7',
    segments: units <= SINGLE_PART_SEPTETS ? 1 : parts,
    characters: text.length,
    units,
    nonGsm: [],
  }
}

/** A text that is not GSM 03.38: counted here when its characters are simple, else by the library. */
function countUcs2(text: string): SegmentCount {
  if (!isSimple(text)) return countSegments(text)
  const nonGsm = new Set<string>()
  for (const char of text) if (septetsOf(char.charCodeAt(0)) === 0) nonGsm.add(char)
  return {
    encoding: 'ucs2',
    segments: text.length <= SINGLE_PART_UNITS ? 1 : Math.ceil(text.length / MULTI_PART_UNITS),
    characters: text.length,
    units: text.length,
    nonGsm: [...nonGsm],
  }
}
