/**
 * A typed client of iSendPro's REST API (`https://apirest.isendpro.com/cgi-bin`): `/sms`,
 * `/smsmulti`, `/comptage`, `/credit`, `/hlr`, the liste noire. It sends what the provider's
 * generated clients send (JSON bodies with the keyid inside, `/credit` as a POST form) and reads
 * the answers in both forms the service has been seen to use: `etat.etat` an array or a single
 * object, `code` a number or a string, 200 or 400 for a general error. The base URL is
 * configurable: smsim (`http://127.0.0.1:8780/isendpro/cgi-bin`) or the real service.
 *
 * @see shared/research/french-providers.md — §C.1, §C.4
 */
import { codeEntry } from '../../simulators/core/codes.ts'
import {
  ISENDPRO_CODES,
  ISENDPRO_REST_BASE,
  ISENDPRO_REST_HOST,
} from '../../simulators/isendpro/wire.ts'

export const ISENDPRO_REST_URL = `https://${ISENDPRO_REST_HOST}${ISENDPRO_REST_BASE}`

/** How long a call may take by default: the other typed clients' limit. */
const DEFAULT_TIMEOUT_MS = 10_000

/** How much of an answer that is not JSON the error shows (a proxy's HTML page, an outage). */
const ERROR_TEXT_CHARS = 200

export interface IsendproRestOptions {
  /** Where the API lives, `…/cgi-bin` included (default the real service). */
  baseUrl?: string
  keyid: string
  /** Give up after this many milliseconds (default 10 s). */
  timeoutMs?: number
  /** The fetch to use; left out, `globalThis.fetch` at each call. */
  fetch?: typeof fetch
}

/** The optional fields of a send, as the specification names them. */
export interface IsendproSendOptions {
  /** 4–11 letters, digits or spaces, not digits only; adds the STOP mention. */
  emetteur?: string
  /** Most parts; `999` = as many as needed (up to 6). Without it, one SMS. */
  smslong?: number | '999'
  /** Drop the STOP mention (the account must be allowed to). */
  nostop?: boolean
  ucs2?: boolean
  /** Send later: a Date (written in `gmtZone`, default Europe/Paris) or "YYYY-MM-DD hh:mm". */
  dateEnvoi?: Date | string
  gmtZone?: string
  tracker?: string
}

/** One number's outcome, or a general error (`tel` absent). */
export interface IsendproRestEntry {
  code: number | undefined
  tel?: string
  message: string
  /** Parts billed, for a sent SMS. */
  smslong?: number
  /** The annex's text for the code, when it is one of its codes. */
  meaning?: string
}

export type IsendproRestResult =
  | { ok: true; status: number; entries: IsendproRestEntry[] }
  /** A general error (no `tel`), or an answer that is not iSendPro's JSON. */
  | { ok: false; status: number; entries: IsendproRestEntry[]; error?: string }

/**
 * @example
 * const api = new IsendproRestClient({ baseUrl: 'http://127.0.0.1:8780/isendpro/cgi-bin', keyid: 'a296464ce012b8ab710a' })
 * const result = await api.sms('0601020304', 'Bonjour', { emetteur: 'MaSociete' })
 * if (result.ok) console.log(result.entries[0].code) // 0
 */
export class IsendproRestClient {
  readonly #options: Required<Omit<IsendproRestOptions, 'fetch'>> & { fetch?: typeof fetch }

  constructor(options: IsendproRestOptions) {
    this.#options = { baseUrl: ISENDPRO_REST_URL, timeoutMs: DEFAULT_TIMEOUT_MS, ...options }
  }

  /** One SMS to one number (`/sms`). */
  sms(num: string, sms: string, options: IsendproSendOptions = {}): Promise<IsendproRestResult> {
    return this.#send('/sms', { num, sms, ...fieldsOf(options) })
  }

  /**
   * Several numbers (`/smsmulti`): one text for all, or one per number (`sms` a list as long as
   * `nums`); `trackers` one per number.
   */
  smsMulti(
    nums: string[],
    sms: string | string[],
    options: Omit<IsendproSendOptions, 'tracker'> & { trackers?: string[] } = {},
  ): Promise<IsendproRestResult> {
    const { trackers, ...rest } = options
    return this.#send('/smsmulti', {
      num: nums,
      sms: typeof sms === 'string' ? [sms] : sms,
      ...(trackers ? { tracker: trackers } : {}),
      ...fieldsOf(rest),
    })
  }

  /** How many characters and SMS a text makes (`/comptage`), without sending. */
  async comptage(
    num: string,
    sms: string,
    options: Omit<IsendproSendOptions, 'dateEnvoi' | 'gmtZone' | 'tracker'> = {},
  ): Promise<{ ok: true; characters: number; sms: number } | (IsendproRestResult & { ok: false })> {
    const { status, json, error } = await this.#call('/comptage', {
      method: 'POST',
      body: JSON.stringify({
        keyid: this.#options.keyid,
        comptage: '1',
        num,
        sms,
        smslong: '999',
        ...fieldsOf(options),
      }),
      type: 'application/json',
    })
    const etat = (json as { etat?: { etat?: unknown } } | undefined)?.etat?.etat
    const first = (Array.isArray(etat) ? etat[0] : etat) as Record<string, unknown> | undefined
    if (first && 'nb_sms' in first)
      return { ok: true, characters: Number(first.nb_caractere), sms: Number(first.nb_sms) }
    return { ok: false, status, entries: entriesOf(json), ...(error ? { error } : {}) }
  }

  /** The account's credit (`/credit`, `credit=2`: with its equivalent in SMS). */
  async credit(): Promise<
    { ok: true; credit: number; quantite?: number } | (IsendproRestResult & { ok: false })
  > {
    const { status, json, error } = await this.#call('/credit', {
      method: 'POST',
      body: new URLSearchParams({ keyid: this.#options.keyid, credit: '2' }).toString(),
      type: 'application/x-www-form-urlencoded',
    })
    const etat = (json as { etat?: { credit?: unknown; quantite?: unknown } } | undefined)?.etat
    if (etat?.credit !== undefined)
      return {
        ok: true,
        credit: Number.parseFloat(String(etat.credit)),
        ...(etat.quantite !== undefined ? { quantite: Number(etat.quantite) } : {}),
      }
    return { ok: false, status, entries: entriesOf(json), ...(error ? { error } : {}) }
  }

  /** Adds a number to the account's liste noire (`/setlistenoire`), or takes it off. */
  async listeNoire(num: string, add: boolean): Promise<{ ok: boolean; status: number }> {
    const query = new URLSearchParams({
      keyid: this.#options.keyid,
      [add ? 'setlisteNoire' : 'delListeNoire']: '1',
      num,
    })
    const { status, json } = await this.#call(
      `/${add ? 'setlistenoire' : 'dellistenoire'}?${query}`,
      { method: 'POST' },
    )
    const etat = (json as { etat?: { etat?: unknown } } | undefined)?.etat?.etat
    const first = (Array.isArray(etat) ? etat[0] : etat) as { listeNoire?: string } | undefined
    return { ok: first?.listeNoire === 'OK', status }
  }

  /** The operator of each number (`/hlr`); `''` when it has none. */
  async hlr(nums: string[]): Promise<{ tel: string; operateur: string }[] | undefined> {
    const { json } = await this.#call('/hlr', {
      method: 'POST',
      body: JSON.stringify({ keyid: this.#options.keyid, getHLR: '1', num: nums }),
      type: 'application/json',
    })
    const etat = (json as { etat?: { etat?: unknown } } | undefined)?.etat?.etat
    const list = Array.isArray(etat) ? etat : etat ? [etat] : undefined
    return list?.every((i) => i && typeof i === 'object' && 'operateur' in i)
      ? (list as { tel: string; operateur: string }[])
      : undefined
  }

  async #send(path: string, fields: Record<string, unknown>): Promise<IsendproRestResult> {
    const { status, json, error } = await this.#call(path, {
      method: 'POST',
      body: JSON.stringify({ keyid: this.#options.keyid, ...fields }),
      type: 'application/json',
    })
    const entries = entriesOf(json)
    const general = entries.length === 0 || entries.some((e) => e.tel === undefined)
    if (error || general || status < 200 || status > 299)
      return {
        ok: false,
        status,
        entries,
        ...(error ? { error } : general && !entries.length ? { error: 'no etat.etat' } : {}),
      }
    return { ok: true, status, entries }
  }

  async #call(
    path: string,
    request: { method: string; body?: string; type?: string },
  ): Promise<{ status: number; json?: unknown; error?: string }> {
    const { baseUrl, timeoutMs } = this.#options
    const doFetch = this.#options.fetch ?? globalThis.fetch
    const response = await doFetch(`${baseUrl.replace(/\/$/, '')}${path}`, {
      method: request.method,
      headers: {
        accept: 'application/json',
        ...(request.type ? { 'content-type': request.type } : {}),
      },
      ...(request.body !== undefined ? { body: request.body } : {}),
      signal: AbortSignal.timeout(timeoutMs),
    })
    const text = await response.text()
    try {
      return { status: response.status, json: JSON.parse(text) as unknown }
    } catch {
      return { status: response.status, error: `not JSON: ${text.slice(0, ERROR_TEXT_CHARS)}` }
    }
  }
}

/** The specification's field names for the options. */
function fieldsOf(options: IsendproSendOptions): Record<string, string> {
  const fields: Record<string, string> = {}
  if (options.emetteur !== undefined) fields.emetteur = options.emetteur
  if (options.smslong !== undefined) fields.smslong = String(options.smslong)
  if (options.nostop) fields.nostop = '1'
  if (options.ucs2) fields.ucs2 = '1'
  if (options.tracker !== undefined) fields.tracker = options.tracker
  const zone = options.gmtZone ?? 'Europe/Paris'
  if (options.dateEnvoi !== undefined) {
    fields.date_envoi =
      typeof options.dateEnvoi === 'string'
        ? options.dateEnvoi
        : formatDate(options.dateEnvoi, zone)
    fields.gmt_zone = zone
  }
  return fields
}

/**
 * "YYYY-MM-DD hh:mm" in a zone.
 *
 * @example
 * formatDate(new Date('2026-01-05T08:00:00Z'), 'Europe/Paris') // '2026-01-05 09:00'
 */
export function formatDate(instant: Date, zone: string): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', {
      timeZone: zone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    })
      .formatToParts(instant)
      .map((p) => [p.type, p.value]),
  )
  return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}`
}

/** `etat.etat` read as the provider's own PHP sample reads it: an object or an array. */
function entriesOf(json: unknown): IsendproRestEntry[] {
  const etat = (json as { etat?: { etat?: unknown } } | undefined)?.etat?.etat
  const list = Array.isArray(etat) ? etat : etat && typeof etat === 'object' ? [etat] : []
  return list.map((raw) => {
    const item = raw as Record<string, unknown>
    const parsed = Number.parseInt(String(item.code), 10)
    const code = Number.isNaN(parsed) ? undefined : parsed
    const meaning = code !== undefined ? codeEntry(ISENDPRO_CODES, code)?.text : undefined
    return {
      code,
      ...(typeof item.tel === 'string' ? { tel: item.tel } : {}),
      message: String(item.message ?? ''),
      ...(item.smslong !== undefined ? { smslong: Number(item.smslong) } : {}),
      ...(meaning ? { meaning } : {}),
    }
  })
}
