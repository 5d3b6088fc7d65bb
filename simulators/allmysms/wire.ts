/**
 * allmysms Mail2SMS's wire facts, in one place: the address a send goes to and replies come
 * from, the rule a `from=` sender must follow, the time zone and format of `date=` both ways,
 * and the code table. The simulator's codecs and the reference client (`client/allmysms`) both
 * read them here, so the two cannot drift apart; nothing in this module decides anything.
 *
 * @see shared/specs/002_0241076537611203.txt — §2.1 "FORMATAGE DE L'EMAIL", §2.2 "REPONSE"
 */
import { localToInstant, wallClock } from '../core/calendar.ts'

export { ALLMYSMS_CODES, type AllmysmsCode } from './codes.ts'

/** The one address Mail2SMS reads: "Le destinataire doit toujours être mail2sms@allmysms.com". */
export const MAIL2SMS_ADDRESS = 'mail2sms@allmysms.com'

/**
 * The address replies come from: the one the client wrote to (our choice; the document names
 * none), so that a filter that lets Mail2SMS through lets its answers through too.
 */
export const ALLMYSMS_REPLY_FROM = MAIL2SMS_ADDRESS

/** allmysms is a French service (Nice): `date=` is Paris wall time. */
export const ALLMYSMS_TIME_ZONE = 'Europe/Paris'

/**
 * "Doit commencer par une lettre", "caractères alphanumériques (a-z0-9) et majuscules, ou un
 * espace", "Pas de caractères accentués", "3 caractères minimum, 11 maximum".
 */
const SENDER_PATTERN = /^[A-Za-z][A-Za-z0-9 ]{2,10}$/

/**
 * Whether a `from=` value follows allmysms's rules.
 *
 * @example
 * isValidSender('MAGASIN')   // true
 * isValidSender('Ski Club')  // true: spaces are allowed
 * isValidSender('3Suisses')  // false: must start with a letter
 * isValidSender('École')     // false: no accented letters
 */
export function isValidSender(from: string): boolean {
  return SENDER_PATTERN.test(from)
}

/**
 * Reads `date=`: `YYYY-MM-DD hh:ii:ss` ("Date au format international"), Europe/Paris wall time.
 * Whitespace between the date and the time may be several spaces.
 *
 * @returns the instant, or `undefined` when malformed, impossible (31 February, 25:00) or in the
 *   hour skipped when clocks go forward
 *
 * @example
 * parseMail2SmsDate('2015-09-29 14:00:00') // 2015-09-29T12:00:00.000Z
 * parseMail2SmsDate('29/09/2015 14:00')    // undefined
 */
export function parseMail2SmsDate(value: string): Date | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})\s+(\d{2}):(\d{2}):(\d{2})$/.exec(value.trim())
  if (!m) return undefined
  const [year, month, day, hour, minute, second] = m.slice(1).map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ]
  if (hour > 23 || minute > 59 || second > 59) return undefined
  return localToInstant({ year, month, day, hour, minute, second }, ALLMYSMS_TIME_ZONE)
}

/**
 * A Date as `YYYY-MM-DD hh:ii:ss` in Europe/Paris wall time: what {@link parseMail2SmsDate}
 * reads.
 *
 * @example
 * formatMail2SmsDate(new Date('2015-09-29T12:00:00Z')) // '2015-09-29 14:00:00'
 */
export function formatMail2SmsDate(date: Date): string {
  const t = wallClock(date, ALLMYSMS_TIME_ZONE)
  return `${t.year}-${t.month}-${t.day} ${t.hour}:${t.minute}:${t.second}`
}
