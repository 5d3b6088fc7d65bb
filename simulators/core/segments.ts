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
export function countSegments(text: string): SegmentCount {
  const message = new SegmentedMessage(text, 'auto')
  const encoding: SmsEncoding = message.encodingName === 'GSM-7' ? 'gsm7' : 'ucs2'
  let units = 0
  for (const char of message.encodedChars) units += char.codeUnits.length
  return {
    encoding,
    segments: Math.max(1, message.segmentsCount),
    characters: message.numberOfCharacters,
    units,
    nonGsm: encoding === 'ucs2' ? [...new Set(message.getNonGsmCharacters())] : [],
  }
}

/**
 * Cuts a text to at most `maxSegments` parts, at a character boundary (an escaped GSM
 * character or a surrogate pair is never split).
 *
 * @example
 * truncateToSegments('a'.repeat(400), 2) // 306 characters: two parts of 153
 */
export function truncateToSegments(text: string, maxSegments: number): string {
  const message = new SegmentedMessage(text, 'auto')
  if (message.segmentsCount <= maxSegments) return text
  return message.segments
    .slice(0, maxSegments)
    .flatMap((segment) => [...segment].filter((c) => typeof c === 'object' && 'raw' in c))
    .map((c: { raw: string }) => c.raw)
    .join('')
}
