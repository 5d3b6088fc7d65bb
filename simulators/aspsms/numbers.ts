/**
 * Recipients and originators as ASPSMS reads them.
 *
 * ASPSMS is an international gateway: a recipient must carry its country code (`0041…`,
 * `+41…`, or `41…`). A national number (`079…`, `06…`) names no country; it is accepted in the
 * request and reported not delivered with reason 206 "Invalid destination address" — our
 * choice, since the real answer is unknown (research §6), and the pitfall a French school
 * integrating a Swiss gateway meets first.
 *
 * @see shared/research/aspsms.md — §6 "Rules": Recipients, Originator
 */
import { parsePhone, type ParsedNumber } from '../core/phone.ts'

/** At most this many recipients in one request (XMLSPEC §6.3.6). */
export const MAX_RECIPIENTS = 1000

/** Alphanumeric originators: "a short text with a maximum of 11 characters". */
export const MAX_ALPHANUMERIC_ORIGINATOR = 11
/** Numeric originators are phone numbers: E.164 allows 15 digits. */
export const MAX_NUMERIC_ORIGINATOR_DIGITS = 15

/** A recipient in international form, or `undefined`. */
export function parseRecipient(raw: string): ParsedNumber | undefined {
  const text = raw.replace(/[\s.\-()/]/g, '')
  let international: string
  if (text.startsWith('+')) international = text
  else if (text.startsWith('00')) international = `+${text.slice(2)}`
  else if (/^[1-9]\d{7,14}$/.test(text)) international = `+${text}`
  else return undefined
  const parsed = parsePhone(international)
  return parsed?.mobile ? parsed : undefined
}

export type OriginatorKind =
  | { kind: 'alphanumeric'; value: string }
  | { kind: 'numeric'; value: string; digits: string }
  | { kind: 'invalid' }

/**
 * Tells a numeric originator (a phone number, which must be unlocked) from an alphanumeric one
 * (free, at most 11 characters).
 *
 * @example
 * classifyOriginator('+41791234567') // { kind: 'numeric', value: '+41791234567', digits: '41791234567' }
 * classifyOriginator('ESF Tignes')   // { kind: 'alphanumeric', value: 'ESF Tignes' }
 */
export function classifyOriginator(raw: string): OriginatorKind {
  const value = raw.trim()
  // A phone number written with spaces or dots is still a phone number (and needs unlocking).
  if (/^(\+|00)?[\d .]+$/.test(value) && /\d/.test(value)) {
    const digits = value.replace(/[ .]/g, '').replace(/^(\+|00)/, '')
    if (digits.length > MAX_NUMERIC_ORIGINATOR_DIGITS || digits.length < 3)
      return { kind: 'invalid' }
    return { kind: 'numeric', value, digits }
  }
  // XMLSPEC's table says [a-zA-Z0-9!@]; its own example is "aspsms.com": take both, plus space.
  if (value.length > MAX_ALPHANUMERIC_ORIGINATOR || !/^[A-Za-z0-9 !@.\-_&+]+$/.test(value)) {
    return { kind: 'invalid' }
  }
  return { kind: 'alphanumeric', value }
}
