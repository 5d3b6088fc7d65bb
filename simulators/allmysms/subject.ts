/**
 * The Mail2SMS subject, `login@apiKey|mobile1;mobile2;mobile3|from=|date=`: where allmysms
 * reads the credentials, the recipients and the options of a send. This module only reads the
 * syntax; what each value means for the send (a valid sender, a French recipient, credit) is
 * {@link decideMail2Sms}'s business.
 *
 * Our reading, where the document leaves it open (README "Fidelity"):
 * - parts are separated by `|` and trimmed, so `login@key | 0612… | from=X` reads like the
 *   compact form; empty parts (a trailing `|`) are ignored;
 * - `login@apiKey` is split at its **last** `@`: an apiKey is a hex string
 *   (`de135f8d2a091e4`) with no `@`, while a login may be an e-mail address;
 * - the options after the mobiles come in any order, keys in any case; an empty value
 *   (`from=`, `date=`, as in the document's template) means the option is not used; any other
 *   part is a malformed subject (109).
 *
 * @see shared/specs/002_0241076537611203.txt — §2.1 "OBJET (OBJECT)"
 */
import { parseMobile, type ParsedNumber } from '../core/phone.ts'

/** The subject's fields, as written (trimmed). */
export interface Mail2SmsSubject {
  login: string
  apiKey: string
  /** The entries of the mobiles part, in order, empty ones left out. */
  mobiles: string[]
  /** `from=`'s value; absent when the option is missing or empty. */
  from?: string
  /** `date=`'s value; absent when the option is missing or empty. */
  date?: string
}

/** A subject read, or the code its syntax earns: 105 (empty) or 109 (malformed). */
export type SubjectReading = { ok: true; subject: Mail2SmsSubject } | { ok: false; code: 105 | 109 }

/**
 * Reads a Mail2SMS subject.
 *
 * @example
 * parseSubject('arthur45@de135f8d2a091e4|33612121515;0614141515|from=MAGASIN')
 * // { ok: true, subject: { login: 'arthur45', apiKey: 'de135f8d2a091e4',
 * //   mobiles: ['33612121515', '0614141515'], from: 'MAGASIN' } }
 * parseSubject('')                    // { ok: false, code: 105 }
 * parseSubject('Bonjour')             // { ok: false, code: 109 }
 */
export function parseSubject(raw: string): SubjectReading {
  const text = raw.trim()
  if (text === '') return { ok: false, code: 105 }
  const [credentials = '', mobiles, ...options] = text.split('|').map((part) => part.trim())
  // The mobiles part is mandatory ("Obligatoire"): without it the subject is incomplete.
  if (mobiles === undefined) return { ok: false, code: 109 }
  const at = credentials.lastIndexOf('@')
  const login = credentials.slice(0, Math.max(at, 0)).trim()
  const apiKey = credentials.slice(at + 1).trim()
  if (at < 0 || login === '' || apiKey === '') return { ok: false, code: 109 }

  const subject: Mail2SmsSubject = {
    login,
    apiKey,
    mobiles: mobiles
      .split(';')
      .map((entry) => entry.trim())
      .filter((entry) => entry !== ''),
  }
  for (const option of options) {
    if (option === '') continue
    const match = /^(from|date)\s*=(.*)$/is.exec(option)
    if (!match) return { ok: false, code: 109 }
    const key = match[1]!.toLowerCase() as 'from' | 'date'
    const value = match[2]!.trim()
    // A repeated option: the last one wins, as a query string's would.
    if (value === '') delete subject[key]
    else subject[key] = value
  }
  return { ok: true, subject }
}

/**
 * Reads one entry of the mobiles part: a French number written nationally (`0612121515`,
 * overseas `0692…` included), or an international one with `+`, `00` or — as the document's own
 * example `33612121515` — with no prefix at all. Only mobiles qualify ("Numéros de mobile").
 *
 * @returns the parsed number, or `undefined` for a landline, garbage or a national number
 *   written without its `0` (`612121515`: read as international, it is nobody's)
 *
 * @example
 * parseRecipient('33612121515')?.e164   // '+33612121515'
 * parseRecipient('0033612121515')?.e164 // '+33612121515'
 * parseRecipient('41791234567')?.e164   // '+41791234567'
 * parseRecipient('0145454545')          // undefined: a landline
 */
export function parseRecipient(entry: string): ParsedNumber | undefined {
  const text = entry.trim()
  if (text.startsWith('+') || text.startsWith('0')) return parseMobile(text, 'FR')
  if (/^\d/.test(text)) return parseMobile(`+${text}`, 'FR')
  return undefined
}
