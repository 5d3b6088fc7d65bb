/**
 * SMS encoding and segment counting: GSM 03.38 (7-bit, with the extension table costing two
 * septets) when every character is in it, UCS-2 otherwise; 160/153 characters per part in
 * GSM-7, 70/67 in UCS-2. The counting is sms-segments-calculator's (Twilio's public
 * implementation); our tests check it against split-sms, written independently.
 *
 * @see shared/research/french-providers.md — §3.6 "GSM 03.38, UCS-2 and segment counting"
 */
import { SegmentedMessage } from 'sms-segments-calculator'

export type SmsEncoding = 'gsm7' | 'ucs2'

/** User data of one SMS: 140 octets (GSM 03.40), i.e. 160 septets or 70 UCS-2 units. */
const SINGLE_PART_BITS = 140 * 8

/**
 * GSM 03.38's basic table (one septet each), without CR: the library counts CR LF as one
 * character, so texts with CR take the library's path. Texts made only of these characters —
 * most SMS — are counted without building the library's message (about 200 times cheaper,
 * bench/README.md); the tests check both paths agree.
 */
const GSM_BASIC = new Set(
  '@£$¥èéùìòÇ\nØøÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà',
)

/** Parts of a basic-table text: 160 septets alone, 153 per part with a concatenation header. */
const GSM_SINGLE = 160
const GSM_PART = 153

function isGsmBasic(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (!GSM_BASIC.has(text[i]!)) return false
  return true
}

/** What a text costs on the air. */
export interface SegmentCount {
  encoding: SmsEncoding
  /** Number of SMS parts (1 for an empty text: an empty SMS still costs a part). */
  segments: number
  /** Characters as the user sees them. */
  characters: number
  /** Septets (GSM-7, extension characters count 2) or UTF-16 code units (UCS-2). */
  units: number
  /** The characters that forced UCS-2, in order of appearance, without repeats. */
  nonGsm: string[]
}

/**
 * Counts the SMS parts of a text.
 *
 * @example
 * countSegments('Bonjour')           // { encoding: 'gsm7', segments: 1, units: 7, … }
 * countSegments('€'.repeat(81))      // gsm7, 2 segments: each € takes two septets
 * countSegments('Ça coûte 2 €')      // ucs2, 1 segment: û is not in GSM 03.38
 */
export function countSegments(text: string, encoding: SmsEncoding | 'auto' = 'auto'): SegmentCount {
  if (encoding !== 'ucs2' && isGsmBasic(text)) {
    const n = text.length
    return {
      encoding: 'gsm7',
      segments: n <= GSM_SINGLE ? 1 : Math.ceil(n / GSM_PART),
      characters: n,
      units: n,
      nonGsm: [],
    }
  }
  // A forced UCS-2 (ASPSMS SendUnicodeSMS) counts 70/67 even for a text GSM-7 could carry.
  const message = new SegmentedMessage(text, encoding === 'ucs2' ? 'UCS-2' : 'auto')
  const used: SmsEncoding = message.encodingName === 'GSM-7' ? 'gsm7' : 'ucs2'
  let units = 0
  for (const char of message.encodedChars) units += char.codeUnits.length
  return {
    encoding: used,
    segments: Math.max(1, message.segmentsCount),
    // Not `numberOfCharacters`, which counts an extension character (€) twice in GSM-7.
    characters: message.graphemes.length,
    units,
    nonGsm: used === 'ucs2' ? [...new Set(message.getNonGsmCharacters())] : [],
  }
}

/**
 * Cuts a text to the longest beginning that fits in `maxSegments` parts, at a character
 * boundary (an escaped GSM character or a surrogate pair is never split).
 *
 * @example
 * truncateToSegments('a'.repeat(400), 2) // 306 characters: two parts of 153
 * truncateToSegments('a'.repeat(400), 1) // 160 characters: a lone part has no header
 * truncateToSegments('a'.repeat(400) + 'ç', 2) // 306 characters: the ç that forced UCS-2 is cut off
 */
export function truncateToSegments(text: string, maxSegments: number): string {
  if (isGsmBasic(text)) {
    const limit = maxSegments === 1 ? GSM_SINGLE : maxSegments * GSM_PART
    return text.length <= limit ? text : text.slice(0, limit)
  }
  const message = new SegmentedMessage(text, 'auto')
  if (message.segmentsCount <= maxSegments) return text
  const kept: string[] =
    maxSegments === 1
      ? fitOnePart(message.encodedChars)
      : message.segments
          .slice(0, maxSegments)
          .flatMap((segment) => [...segment].filter((c) => typeof c === 'object' && 'raw' in c))
          .map((c: { raw: string }) => c.raw)
  const firstNonGsm = message.encodedChars.findIndex((c) => !c.isGSM7)
  if (firstNonGsm >= kept.length) {
    // What forced UCS-2 is past the cut: the beginning is GSM-7, where more characters fit.
    const gsm = message.encodedChars.slice(0, firstNonGsm).map((c) => c.raw)
    return truncateToSegments(gsm.join(''), maxSegments)
  }
  return kept.join('')
}

/**
 * The characters of a lone part: it carries no concatenation header, so it holds 160 septets
 * or 70 units, not the 153 or 67 of the first part of a longer message.
 */
function fitOnePart(chars: readonly { raw: string; sizeInBits(): number }[]): string[] {
  let free = SINGLE_PART_BITS
  const kept: string[] = []
  for (const char of chars) {
    free -= char.sizeInBits()
    if (free < 0) break
    kept.push(char.raw)
  }
  return kept
}
