/**
 * Phone numbers: every written form a client may send (national `06…`, international `+336…`,
 * `00336…`, bare `336…`, with spaces, dots or dashes) to E.164, and a valid mobile told apart
 * from garbage, a landline or an unassigned range. The numbering plans are libphonenumber's
 * (libphonenumber-js, "max" metadata), not tables of ours.
 *
 * @see shared/research/french-providers.md — §3.5 "French numbering"
 */
import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/max'

/** The number as parsed: E.164, its country and whether the plan says it is a mobile. */
export interface ParsedNumber {
  e164: string
  country: string | undefined
  mobile: boolean
}

/**
 * French overseas departments and collectivities share France's numbering plan and national
 * prefix `0`: `0692…` dialled in France reaches La Réunion. libphonenumber files them under
 * their own regions, so a national number that is not valid for FR is tried against these too.
 */
export const FRENCH_NUMBERING_ZONE: readonly CountryCode[] = [
  'RE',
  'YT',
  'GP',
  'MQ',
  'GF',
  'BL',
  'MF',
  'PM',
]

/** Longest input worth handing to the parser; anything longer is garbage (E.164 is ≤ 15 digits). */
const MAX_NUMBER_INPUT = 32

/** {@link parsePhone} without the cache. */
function parsePhoneUncached(
  input: string,
  defaultCountry: CountryCode = 'FR',
): ParsedNumber | undefined {
  const text = input.trim()
  if (text === '' || text.length > MAX_NUMBER_INPUT || !/^[+\d][\d\s.\-()/]*$/.test(text))
    return undefined
  const candidates: CountryCode[] =
    defaultCountry === 'FR' ? ['FR', ...FRENCH_NUMBERING_ZONE] : [defaultCountry]
  for (const country of candidates) {
    const parsed = parsePhoneNumberFromString(text, country)
    if (parsed?.isValid()) {
      const type = parsed.getType()
      return {
        e164: parsed.number,
        country: parsed.country,
        mobile: type === 'MOBILE' || type === 'FIXED_LINE_OR_MOBILE',
      }
    }
    // A number written internationally belongs to one country only: no other zone to try.
    if (text.startsWith('+') || text.startsWith('00')) break
  }
  return undefined
}

/**
 * Most parsed numbers kept (libphonenumber costs 8–16 µs a number; a simulator under load sees
 * the same few numbers again and again). Past it the cache starts over.
 */
const PARSE_CACHE_SIZE = 10_000
const parseCache = new Map<string, ParsedNumber | null>()

/**
 * Parses a phone number written the way French and Swiss clients write them.
 *
 * @param input what the client sent
 * @param defaultCountry the country of national numbers (`FR` for French providers, `CH` for ASPSMS)
 * @returns the parsed number, or `undefined` when it is not a valid number at all
 *
 * @example
 * parsePhone('06 60 91 90 10')   // { e164: '+33660919010', country: 'FR', mobile: true }
 * parsePhone('0145454545')       // { e164: '+33145454545', country: 'FR', mobile: false }
 * parsePhone('hello')            // undefined
 */
export function parsePhone(
  input: string,
  defaultCountry: CountryCode = 'FR',
): ParsedNumber | undefined {
  const key = `${defaultCountry}|${input}`
  const cached = parseCache.get(key)
  if (cached !== undefined) return cached ?? undefined
  const parsed = parsePhoneUncached(input, defaultCountry)
  if (parseCache.size >= PARSE_CACHE_SIZE) parseCache.clear()
  parseCache.set(key, parsed ? Object.freeze(parsed) : null)
  return parsed
}

/**
 * Parses a number and accepts it only if it is a mobile.
 *
 * @example
 * parseMobile('0660919010')?.e164 // '+33660919010'
 * parseMobile('0145454545')       // undefined: a landline cannot receive an SMS here
 */
export function parseMobile(
  input: string,
  defaultCountry: CountryCode = 'FR',
): ParsedNumber | undefined {
  const parsed = parsePhone(input, defaultCountry)
  return parsed?.mobile ? parsed : undefined
}

/**
 * Whether a number is in France's numbering plan: metropolitan France (+33) or one of the
 * {@link FRENCH_NUMBERING_ZONE} regions (+262, +508, +590, +594, +596).
 *
 * @example
 * inFrenchNumberingPlan(parsePhone('0692123456')!) // true: La Réunion
 * inFrenchNumberingPlan(parsePhone('+41791234567')!) // false
 */
export function inFrenchNumberingPlan(number: Pick<ParsedNumber, 'country'>): boolean {
  return (
    number.country === 'FR' ||
    (FRENCH_NUMBERING_ZONE as readonly string[]).includes(number.country ?? '')
  )
}

/**
 * Writes an E.164 number the French national way (`+33660919010` → `0660919010`); numbers of
 * other countries stay in E.164. Providers echo numbers back in this form.
 */
export function toFrenchNational(e164: string): string {
  return e164.startsWith('+33') ? `0${e164.slice(3)}` : e164
}
