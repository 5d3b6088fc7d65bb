/**
 * SMStoB's wire facts, in one place: where the service listens (`http.php`, the mail
 * addresses of the three syntaxes), the names of its fields, its time zone and the `diff` date
 * format both ways, and its code table. The simulator's codecs and the reference client
 * (`client/smstob`) both read them here, so the two cannot drift apart; nothing in this module
 * decides anything.
 *
 * @see shared/specs/001_3f6d8b77c0e17a78.txt — §2 "Envoi d'un SMS par e-mail", §4 "Envoi par http"
 */
import { localToInstant, wallClock } from '../core/calendar.ts'

export { SMSTOB_CODES, type SmstobCode } from './codes.ts'

/** The hosts `http.php` is served on ("http://www.smstob.com/http.php"). */
export const SMSTOB_HTTP_HOSTS = ['www.smstob.com', 'smstob.com'] as const

/** The page of the HTTP interface. */
export const SMSTOB_HTTP_PATH = '/http.php'

/** The real service, as a client's default base URL (without {@link SMSTOB_HTTP_PATH}). */
export const SMSTOB_URL = `https://${SMSTOB_HTTP_HOSTS[0]}` as const

/**
 * The parameters of `http.php`, exactly as the document names them (names are case
 * sensitive; any other parameter is ignored).
 */
export const SMSTOB_HTTP_FIELDS = ['email', 'pass', 'numero', 'message', 'diff'] as const

export type SmstobHttpField = (typeof SMSTOB_HTTP_FIELDS)[number]

/** SMStoB is a French service: its dates are Paris wall time. */
export const SMSTOB_TIME_ZONE = 'Europe/Paris'

/**
 * Parses `hhmmjjmmaaaa` ("&diff=123004122003 pour un envoi à 12 h 30 le 4 décembre 2004") as
 * Europe/Paris wall time; `undefined` when malformed or not a real date and time.
 *
 * @example
 * parseDiff('123004122003')?.toISOString() // '2003-12-04T11:30:00.000Z'
 * parseDiff('250004122003')                // undefined
 */
export function parseDiff(diff: string): Date | undefined {
  const m = /^(\d\d)(\d\d)(\d\d)(\d\d)(\d{4})$/.exec(diff)
  if (!m) return undefined
  const [hour, minute, day, month, year] = m.slice(1).map(Number) as [
    number,
    number,
    number,
    number,
    number,
  ]
  if (hour > 23 || minute > 59) return undefined
  return localToInstant({ year, month, day, hour, minute }, SMSTOB_TIME_ZONE)
}

/**
 * A Date as `hhmmjjmmaaaa` in Europe/Paris wall time: what {@link parseDiff} reads.
 *
 * @example
 * formatDiff(new Date('2004-09-15T10:30:00Z')) // '123015092004'
 */
export function formatDiff(date: Date): string {
  const t = wallClock(date, SMSTOB_TIME_ZONE)
  return `${t.hour}${t.minute}${t.day}${t.month}${t.year}`
}

/** SMStoB's mail domain, compared without case ("password.numéro@SMStoB.com"). */
export const SMSTOB_MAIL_DOMAIN = 'smstob.com'

/**
 * The keyword of syntaxes 2 and 3, compared without case.
 *
 * @note `sms.X@` is always syntax 2 (password `X`), never syntax 1 with the password `sms`:
 * the keyword is the one fixed part SMStoB can route on. An account whose password is `sms`
 * sends with syntax 2 or 3.
 */
export const SMS_KEYWORD = 'sms'

/** The three ways of writing a send as a mail (§2 "Nous proposons 3 syntaxes au choix"). */
export type SmstobMailSyntax = 1 | 2 | 3

/** The addresses of each syntax, as the gateway's 550 shows them to a client that used another. */
export const SMSTOB_MAIL_ADDRESSES = {
  1: `password.numero@${SMSTOB_MAIL_DOMAIN}`,
  2: `${SMS_KEYWORD}.password@${SMSTOB_MAIL_DOMAIN}`,
  3: `${SMS_KEYWORD}@${SMSTOB_MAIL_DOMAIN}`,
} as const satisfies Record<SmstobMailSyntax, string>

/** The address SMStoB's replies and notices come from (our choice; the document names none). */
export const SMSTOB_REPLY_FROM = 'noreply@smstob.com'
