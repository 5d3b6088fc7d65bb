/**
 * allmysms Mail2SMS's wire facts, in one place: the address a send goes to and replies come
 * from, the rule a `from=` sender must follow, the time zone and format of `date=` both ways,
 * and the code table. The simulator's codecs and the reference client (`client/allmysms`) both
 * read them here, so the two cannot drift apart; nothing in this module decides anything.
 *
 * @see shared/specs/002_0241076537611203.txt — §2.1 "FORMATAGE DE L'EMAIL", §2.2 "REPONSE"
 */
import { localToInstant, wallClock } from '../core/calendar.ts'

export {
  ALLMYSMS_CODES,
  ALLMYSMS_HTTP_CODES,
  type AllmysmsCode,
  type AllmysmsHttpCode,
} from './codes.ts'

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

// ── HTTP API 9.0 ──

/**
 * allmysms HTTP API 9.0's wire facts, in one place: the host, the base path, the operations,
 * the parameter names, the limits and how answers are written. The simulator and the reference
 * client (`client/allmysms/http.ts`) both read them here; nothing here decides anything.
 *
 * @see shared/research/french-providers.md — §B.1.1 "HTTP/HTTPS API v9.0"
 * @see shared/research/french-http-clients.md — "allmysms HTTP API 9.0"
 */

/** The real host: `DOMAIN = 'https://api.allmysms.com/http'` [DAVAXI-CLIENT]. */
export const ALLMYSMS_HTTP_HOSTS = ['api.allmysms.com'] as const

/** The API's base path, version included: `VERSION = '9.0'`. */
export const ALLMYSMS_HTTP_BASE = '/http/9.0'

/** The real service, as a client's default base URL. */
export const ALLMYSMS_HTTP_URL = `https://${ALLMYSMS_HTTP_HOSTS[0]}${ALLMYSMS_HTTP_BASE}` as const

/**
 * The operations served, by their path segment (`/http/9.0/sendSms/`); `''` is the simplified
 * send at the base itself. Matched without case (davaxi's first paths were `/sendSMS/`) and
 * with or without a trailing slash (davaxi sends `/sendSms`, EsupPortail `/sendSms/`).
 */
export const ALLMYSMS_HTTP_OPERATIONS = [
  '',
  'sendSms',
  'simulateCampaign',
  'getInfo',
  'getAcks',
  'getAckBySmsId',
  'getBlacklist',
  'deleteCampaign',
] as const

export type AllmysmsHttpOperation = (typeof ALLMYSMS_HTTP_OPERATIONS)[number]

/** The parameters of the simplified send [DAVAXI-OUT] `simpleSMS()`, [AMS-LOWCOST]. */
export const SIMPLE_SEND_FIELDS = [
  'message',
  'mobile',
  'tpoa',
  'date',
  'flash',
  'campaign',
  'lowcost',
] as const

/**
 * "Le message dépasse 640 caractères" (code 111): counted in characters after the merge of the
 * `#param_N#` placeholders.
 */
export const MAX_MESSAGE_CHARS = 640

/** Code 117: "Lien trop long, dépasse les 80 caractères". */
export const MAX_TRACKED_LINK_CHARS = 80

/**
 * The most recipients one request may carry (ours: allmysms publishes no cap). A campaign of a
 * school or a shop is a few hundred numbers; past 1000 the `SMS` list is refused whole (107),
 * so that a runaway client neither floods the phones nor drains the account.
 */
export const MAX_RECIPIENTS = 1_000

/**
 * The most `#param_N#` one message may use (`DYNAMIC`), ours: allmysms documents no cap, and a
 * bound keeps the merge linear.
 */
export const MAX_DYNAMIC = 20

/**
 * The answers' Content-Type: the JSON is served as `text/html` — "needed until allmysms
 * correctly set it's response Content-Type to application/json instead of text/html"
 * [ESUP-CONV].
 */
export const ALLMYSMS_HTTP_CONTENT_TYPE = 'text/html; charset=UTF-8'

/**
 * JSON as PHP's `json_encode` writes it, which the service runs on: every non-ASCII character
 * as `\uXXXX` and `/` as `\/` (ours, from the platform: the public answers are ASCII only).
 *
 * @example
 * phpJson({ statusText: 'été 1/2' }) // '{"statusText":"\\u00e9t\\u00e9 1\\/2"}'
 */
export function phpJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/\//g, '\\/')
    .replace(/[\u0080-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)
}
