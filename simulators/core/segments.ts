/**
 * SMS encoding and segment counting: GSM 03.38 (7-bit, with the extension table costing two
 * septets) when every character is in it, UCS-2 otherwise; 160/153 septets per part in GSM-7,
 * 70/67 UTF-16 units in UCS-2. A part never splits a character: in UCS-2 a grapheme cluster
 * (`e` + U+0301, `👍🏽`) moves whole to the next part.
 *
 * This is the counting of sms-segments-calculator (Twilio's public implementation, whose
 * grapheme clusters are those of its own dependency, grapheme-splitter), done in one pass: the
 * library builds an array per character and concatenates arrays per cluster, which made an
 * 80,000-character text take 30 s (issue 10). Here the text is read once, left to right; a
 * character that cannot join its neighbours (Latin, Greek, Cyrillic, CJK, the common
 * punctuation: {@link PLAIN_RANGES}) is a cluster of its own without asking, and
 * grapheme-splitter is asked about the rest, one cluster at a time, on a window no longer than a
 * part (so that it cannot take quadratic time on an endless cluster either).
 *
 * The results are the library's for every text whose clusters are at most 32 UTF-16 units
 * (segments-library.test.ts compares them on random texts of every kind of character, and
 * segments.test.ts with split-sms, counted independently).
 * Beyond that the library packs wrongly and we do not follow it:
 * - it moves the characters that no longer fit the first part to the second one without
 *   checking they fit there (with clusters of 33 units and more the second part overflows);
 * - a cluster longer than a part (only artificial text, such as thousands of combining marks on
 *   one letter) fills one part of any size. Here it is cut into pieces of one part (67 units, a
 *   surrogate pair never split), each counted as a character: no part carries more than 140
 *   octets, which is also why a text longer than {@link longestText} never fits.
 *
 * @see shared/research/french-providers.md — §3.6 "GSM 03.38, UCS-2 and segment counting"
 */
import GraphemeSplitter from 'grapheme-splitter'

export type SmsEncoding = 'gsm7' | 'ucs2'

/** Septets in a lone SMS (140 octets of user data, GSM 03.40) and in each part of a longer one. */
const GSM_SINGLE = 160
/** 140 octets less the 6-octet concatenation header, rounded down to whole septets. */
const GSM_PART = 153
/** UTF-16 units in a lone UCS-2 SMS (140 octets), and in each part of a longer one. */
const UCS2_SINGLE = 70
const UCS2_PART = 67

/** GSM 03.38's basic table, one septet each (LF and CR included). */
const GSM_BASIC =
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà'
/** Its extension table, reached through an escape: two septets each (the form feed included). */
const GSM_EXTENSION = '\f^{}\\[~]|€'

/** Septets of each UTF-16 unit: 1 or 2, 0 when it is not in GSM 03.38. */
const SEPTETS = new Uint8Array(0x10000)
for (const char of GSM_BASIC) SEPTETS[char.charCodeAt(0)] = 1
for (const char of GSM_EXTENSION) SEPTETS[char.charCodeAt(0)] = 2

/**
 * BMP code points that grapheme-splitter never joins to a neighbour from the same set (their
 * grapheme break property is Other, Control, CR or LF: no combining mark, joiner, Hangul jamo,
 * prepended mark, regional indicator or emoji modifier among them). Two of them side by side are
 * always two clusters — CR LF too, which the library counts as two characters. Every GSM
 * character is here. segments-library.test.ts checks each code point of these ranges against
 * grapheme-splitter.
 */
export const PLAIN_RANGES: readonly (readonly [number, number])[] = [
  [0x0000, 0x02ff], // ASCII, Latin-1, Latin Extended A and B, IPA, spacing modifiers
  [0x0370, 0x0482], // Greek and Coptic, Cyrillic up to its combining marks
  [0x048a, 0x052f], // the rest of Cyrillic and its supplement
  [0x2010, 0x2027], // dashes, quotes, bullets, ellipsis (not the joiners before them)
  [0x2030, 0x205e], // per mille, primes, guillemets ‹ ›, other punctuation
  [0x20a0, 0x20bf], // currency signs, € included
  [0x2100, 0x214f], // letterlike symbols (™, ℃, №)
  [0x3000, 0x3029], // CJK punctuation, before its combining tone marks
  [0x3041, 0x3096], // hiragana, before the combining voiced marks
  [0x309b, 0x30ff], // katakana
  [0x4e00, 0x9fff], // CJK unified ideographs
  [0xff01, 0xff9d], // full-width forms and half-width katakana, before the voiced marks
]
const PLAIN = new Uint8Array(0x10000)
for (const [low, high] of PLAIN_RANGES) PLAIN.fill(1, low, high + 1)

const splitter = new GraphemeSplitter()

/**
 * How much text grapheme-splitter reads to find one cluster: a part and two units. A cluster it
 * finds no longer than a part is exact (only the window's last unit may be half a surrogate
 * pair); anything longer is a cluster too long for any part.
 */
const WINDOW = UCS2_PART + 2

/**
 * grapheme-splitter's answers, remembered: whether a break comes before the last code point of
 * the key, which is a cluster's beginning followed by that code point. A break depends on
 * nothing else, and grapheme-splitter spends 5–15 µs on a character outside {@link PLAIN_RANGES}
 * (it tests hundreds of ranges), so a text in Arabic, Hangul or emoji is counted from the
 * memory after its first few characters. Keys are short (a letter and a few marks, an emoji
 * and its modifier); the memory starts over when full.
 */
const breaksBefore = new Map<string, boolean>()
/** Longest key remembered, in UTF-16 units. */
const MEMO_KEY_UNITS = 8
/** Keys remembered before the memory starts over: a few megabytes at most. */
const MEMO_ENTRIES = 50_000

/** 2 for a surrogate pair at `i`, else 1. */
function unitsAt(text: string, i: number): number {
  const unit = text.charCodeAt(i)
  if (unit < 0xd800 || unit > 0xdbff) return 1
  const low = text.charCodeAt(i + 1)
  return low >= 0xdc00 && low <= 0xdfff ? 2 : 1
}

/**
 * The length, in UTF-16 units, of the cluster that starts at `i` — or of its first piece of
 * {@link UCS2_PART} units when it is longer than a part.
 */
function clusterLength(text: string, i: number): number {
  if (i + 1 >= text.length) return text.length - i
  if (PLAIN[text.charCodeAt(i)] === 1 && PLAIN[text.charCodeAt(i + 1)] === 1) return 1
  // Follow the cluster code point by code point as long as the memory knows each step.
  let end = i + unitsAt(text, i)
  while (end < text.length) {
    const next = end + unitsAt(text, end)
    if (next - i > MEMO_KEY_UNITS) break
    const known = breaksBefore.get(text.slice(i, next))
    if (known === undefined) break
    if (known) return end - i
    end = next
  }
  if (end >= text.length) return text.length - i
  const cluster = splitter.iterateGraphemes(text.slice(i, i + WINDOW)).next().value as string
  if (cluster.length <= UCS2_PART) {
    remember(text, i, cluster.length)
    return cluster.length
  }
  // Too long for a part: a piece of one part, ending before a surrogate pair it would split.
  const high = text.charCodeAt(i + UCS2_PART - 1)
  return high >= 0xd800 && high <= 0xdbff ? UCS2_PART - 1 : UCS2_PART
}

/** Remembers the breaks of the cluster of `length` units at `i`: none inside, one after it. */
function remember(text: string, i: number, length: number): void {
  if (breaksBefore.size >= MEMO_ENTRIES) breaksBefore.clear()
  for (let at = i + unitsAt(text, i); at <= i + length && at < text.length;) {
    const next = at + unitsAt(text, at)
    if (next - i > MEMO_KEY_UNITS) return
    breaksBefore.set(text.slice(i, next), at === i + length)
    at = next
  }
}

/** The septets of a text in GSM-7, or -1 when a unit is not in GSM 03.38. */
function gsmSeptets(text: string): number {
  let septets = 0
  for (let i = 0; i < text.length; i++) {
    const n = SEPTETS[text.charCodeAt(i)]!
    if (n === 0) return -1
    septets += n
  }
  return septets
}

/**
 * The parts a sequence of characters fills: all in one part when they fit its `single` units,
 * else in parts of `multi` units each, a character never straddling two.
 */
class Packing {
  units = 0
  parts = 1
  #used = 0
  constructor(
    readonly single: number,
    readonly multi: number,
  ) {}

  add(size: number): void {
    this.units += size
    if (this.#used + size > this.multi) {
      this.parts++
      this.#used = 0
    }
    this.#used += size
  }

  get segments(): number {
    return this.units <= this.single ? 1 : this.parts
  }
}

/** What a text costs on the air. */
export interface SegmentCount {
  encoding: SmsEncoding
  /** Number of SMS parts (1 for an empty text: an empty SMS still costs a part). */
  segments: number
  /** Characters as the user sees them (grapheme clusters; CR LF counts two). */
  characters: number
  /** Septets (GSM-7, extension characters count 2) or UTF-16 code units (UCS-2). */
  units: number
  /** The characters that forced UCS-2, in order of appearance, without repeats. */
  nonGsm: string[]
}

/**
 * Counts the SMS parts of a text, in one pass over it.
 *
 * @example
 * countSegments('Bonjour')           // { encoding: 'gsm7', segments: 1, units: 7, … }
 * countSegments('€'.repeat(81))      // gsm7, 2 segments: each € takes two septets
 * countSegments('Ça coûte 2 €')      // ucs2, 1 segment: û is not in GSM 03.38
 */
export function countSegments(text: string, encoding: SmsEncoding | 'auto' = 'auto'): SegmentCount {
  // A forced UCS-2 (ASPSMS SendUnicodeSMS) counts 70/67 even for a text GSM-7 could carry.
  if (encoding !== 'ucs2' && gsmSeptets(text) >= 0) {
    const packing = new Packing(GSM_SINGLE, GSM_PART)
    for (let i = 0; i < text.length; i++) packing.add(SEPTETS[text.charCodeAt(i)]!)
    return {
      encoding: 'gsm7',
      segments: packing.segments,
      characters: text.length,
      units: packing.units,
      nonGsm: [],
    }
  }
  const packing = new Packing(UCS2_SINGLE, UCS2_PART)
  const nonGsm = new Set<string>()
  let characters = 0
  for (let i = 0; i < text.length;) {
    const length = clusterLength(text, i)
    if (length > 1 || SEPTETS[text.charCodeAt(i)] === 0) nonGsm.add(text.slice(i, i + length))
    packing.add(length)
    characters++
    i += length
  }
  return {
    encoding: 'ucs2',
    segments: packing.segments,
    characters,
    units: packing.units,
    nonGsm: [...nonGsm],
  }
}

/**
 * The longest text, in UTF-16 units, that `maxSegments` parts can carry: 160 for one part, 153
 * per part beyond. Every unit takes at least a septet (GSM-7) or a unit (UCS-2), so a longer
 * text needs more parts whatever its characters — which a provider can tell before counting.
 *
 * @example
 * longestText(1)  // 160
 * longestText(8)  // 1224: allmysms's "8 SMS, soit 1224 caractères"
 */
export function longestText(maxSegments: number): number {
  return maxSegments <= 1 ? GSM_SINGLE * Math.max(0, maxSegments) : GSM_PART * maxSegments
}

/**
 * How far {@link truncateToSegments} reads into a text: the longest text of `maxSegments`
 * parts, and a character's worth of grapheme-splitter's window after it. A longer text is cut
 * exactly as its beginning of this length, which is all a caller needs to build (SMStoB's mail
 * merge).
 *
 * @example
 * truncationReach(10) // 1,599
 */
export function truncationReach(maxSegments: number): number {
  return longestText(maxSegments) + WINDOW
}

/**
 * Cuts a text to the longest beginning that fits in `maxSegments` parts, at a character
 * boundary (an escaped GSM character, a surrogate pair or a grapheme cluster is never split).
 * Reads no further than the cut: a few hundred characters whatever the text's length.
 *
 * When the character that forces UCS-2 lies past the cut, the beginning is GSM-7 and more of
 * it fits: the cut is the longer of the GSM-7 and the UCS-2 ones.
 *
 * @example
 * truncateToSegments('a'.repeat(400), 2) // 306 characters: two parts of 153
 * truncateToSegments('a'.repeat(400), 1) // 160 characters: a lone part has no header
 * truncateToSegments('a'.repeat(400) + 'ç', 2) // 306 characters: the ç that forced UCS-2 is cut off
 */
export function truncateToSegments(text: string, maxSegments: number): string {
  if (maxSegments < 1) return ''
  // The GSM-7 beginning: up to the first unit outside GSM 03.38, or to where it no longer fits.
  const gsm = new Packing(GSM_SINGLE, GSM_PART)
  let end = 0
  for (; end < text.length; end++) {
    const septets = SEPTETS[text.charCodeAt(end)]!
    if (septets === 0) break
    gsm.add(septets)
    // Past the cut in GSM-7: no UCS-2 cut is longer (at most 67 units a part, against 76+).
    if (gsm.segments > maxSegments) return text.slice(0, end)
  }
  if (end === text.length) return text
  // The unit at `end` forces UCS-2; the GSM-7 beginning stops before its cluster, which may
  // start one unit earlier (a letter and its combining accent).
  const gsmEnd = end > 0 && clusterLength(text, end - 1) > 1 ? end - 1 : end
  const ucs2 = new Packing(UCS2_SINGLE, UCS2_PART)
  let cut = 0
  while (cut < text.length) {
    const length = clusterLength(text, cut)
    ucs2.add(length)
    if (ucs2.segments > maxSegments) break
    cut += length
  }
  return text.slice(0, Math.max(cut, gsmEnd))
}

/**
 * The text with each character outside GSM 03.38 replaced by `replacement` — a whole cluster
 * (`e` + U+0301, `👍🏽`) as {@link countSegments} counts it, so that it gives one replacement.
 * In one pass.
 *
 * @example
 * replaceNonGsm('Leçon 👍🏽 à 9h', '?') // 'Le?on ? à 9h'
 */
export function replaceNonGsm(text: string, replacement: string): string {
  if (gsmSeptets(text) >= 0) return text
  let out = ''
  // The beginning of the run of GSM characters not copied yet.
  let run = 0
  for (let i = 0; i < text.length;) {
    const length = clusterLength(text, i)
    if (length === 1 && SEPTETS[text.charCodeAt(i)] !== 0) {
      i++
      continue
    }
    out += text.slice(run, i) + replacement
    i += length
    run = i
  }
  return out + text.slice(run)
}
