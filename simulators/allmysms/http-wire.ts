/**
 * allmysms HTTP API 9.0's wire facts, in one place: the host, the base path, the operations,
 * the parameter names, the limits and how answers are written. The simulator and the reference
 * client (`client/allmysms/http.ts`) both read them here; nothing here decides anything.
 *
 * @see shared/research/french-providers.md — §B.1.1 "HTTP/HTTPS API v9.0"
 * @see shared/research/french-http-clients.md — "allmysms HTTP API 9.0"
 */
export { ALLMYSMS_HTTP_CODES, type AllmysmsHttpCode } from './http-codes.ts'
export { formatMail2SmsDate as formatAllmysmsDate } from './wire.ts'

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
