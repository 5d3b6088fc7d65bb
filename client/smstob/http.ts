/**
 * A typed client of SMStoB's `http.php`: it sends the request the way the document describes
 * and returns the code with its meaning. The base URL is configurable, so the same client talks
 * to smsim (`http://127.0.0.1:8780/smstob`) or to the real service (`https://www.smstob.com`).
 *
 * @see shared/specs/001_3f6d8b77c0e17a78.txt — §4 "Envoi par http"
 */
import { encodeWindows1252 } from '../../simulators/core/charset.ts'
import { codeEntry } from '../../simulators/core/codes.ts'
import {
  formatDiff,
  SMSTOB_CODES,
  SMSTOB_HTTP_PATH,
  SMSTOB_URL,
  type SmstobCode,
  type SmstobHttpField,
} from '../../simulators/smstob/wire.ts'

export { formatDiff }

export interface SmstobClientOptions {
  /** Where `http.php` lives, without the trailing `/http.php`. */
  baseUrl?: string
  email: string
  pass: string
  /** GET (the document's form, the default) or POST (a form body). */
  method?: 'GET' | 'POST'
  /** How the fields are percent-encoded: UTF-8 (default) or ISO-8859-1 as old clients do. */
  charset?: 'utf-8' | 'iso-8859-1'
  /** Give up after this many milliseconds (default 10 s). */
  timeoutMs?: number
  /**
   * The fetch to use. Left out, `globalThis.fetch` is looked up at each send, not at
   * construction.
   * @note a client built before msw's `server.listen()` must still go through msw.
   */
  fetch?: typeof fetch
}

export interface SmstobSendInput {
  /** A mobile number or the name of a contact group. */
  numero: string
  message: string
  /** Send later: a Date (written as Europe/Paris `hhmmjjmmaaaa`) or the raw 12 digits. */
  diff?: Date | string
}

export type SmstobResult =
  | { ok: true; code: 80 | 81; meaning: string; raw: string }
  | { ok: false; code: SmstobCode; meaning: string; raw: string }
  /** The page did not show one of the documented codes (an outage, a proxy page…). */
  | { ok: false; code: undefined; meaning: string; raw: string; status: number }

export const SMSTOB_DEFAULT_BASE_URL = SMSTOB_URL

/**
 * @example
 * const client = new SmstobHttpClient({ baseUrl: 'http://127.0.0.1:8780/smstob', email: 'demo@smstob.test', pass: 'demo' })
 * const result = await client.send({ numero: '0660919010', message: 'Bonjour' })
 * if (!result.ok) console.error(result.code, result.meaning)
 */
export class SmstobHttpClient {
  readonly #options: Required<Omit<SmstobClientOptions, 'fetch'>> & { fetch?: typeof fetch }

  constructor(options: SmstobClientOptions) {
    this.#options = {
      baseUrl: SMSTOB_DEFAULT_BASE_URL,
      method: 'GET',
      charset: 'utf-8',
      timeoutMs: 10_000,
      ...options,
    }
  }

  /**
   * Sends one SMS (or one per contact of a group). Resolves with the code; rejects on network
   * errors, and with a RangeError when the ISO-8859-1 mode cannot write a character of the text.
   */
  async send(input: SmstobSendInput): Promise<SmstobResult> {
    const { baseUrl, email, pass, method, charset, timeoutMs } = this.#options
    const fields: [SmstobHttpField, string][] = [
      ['email', email],
      ['pass', pass],
      ['numero', input.numero],
      ['message', input.message],
    ]
    if (input.diff !== undefined)
      fields.push(['diff', typeof input.diff === 'string' ? input.diff : formatDiff(input.diff)])
    const form = encodeForm(fields, charset)
    const url = `${baseUrl.replace(/\/+$/, '')}${SMSTOB_HTTP_PATH}`
    const doFetch = this.#options.fetch ?? globalThis.fetch
    const response = await doFetch(method === 'GET' ? `${url}?${form}` : url, {
      method,
      signal: AbortSignal.timeout(timeoutMs),
      ...(method === 'POST'
        ? {
            body: form,
            headers: { 'content-type': `application/x-www-form-urlencoded; charset=${charset}` },
          }
        : {}),
    })
    const raw = (await response.text()).trim()
    return interpretSmstobAnswer(raw, response.status)
  }
}

/** Reads the page `http.php` answered. */
export function interpretSmstobAnswer(raw: string, status = 200): SmstobResult {
  const entry = status === 200 ? codeEntry(SMSTOB_CODES, raw) : undefined
  if (!entry)
    return {
      ok: false,
      code: undefined,
      meaning: `not an SMStoB code (HTTP ${status}): ${raw.slice(0, 200)}`,
      raw,
      status,
    }
  if (entry.code === 80 || entry.code === 81)
    return { ok: true, code: entry.code, meaning: entry.text, raw }
  return { ok: false, code: entry.code, meaning: entry.text, raw }
}

/** The text's bytes, or a RangeError that tells the caller what to do instead. */
function windows1252Bytes(text: string): number[] {
  try {
    return encodeWindows1252(text)
  } catch (error) {
    const char = /"(.+)"/.exec((error as Error).message)?.[1] ?? '?'
    throw new RangeError(`"${char}" cannot be sent in ISO-8859-1; use charset "utf-8"`)
  }
}

function encodeForm(fields: [string, string][], charset: 'utf-8' | 'iso-8859-1'): string {
  if (charset === 'utf-8') return new URLSearchParams(fields).toString()
  const encode = (text: string) =>
    windows1252Bytes(text)
      .map((b) =>
        /[A-Za-z0-9*\-._]/.test(String.fromCharCode(b))
          ? String.fromCharCode(b)
          : b === 0x20
            ? '+'
            : `%${b.toString(16).toUpperCase().padStart(2, '0')}`,
      )
      .join('')
  return fields.map(([k, v]) => `${encode(k)}=${encode(v)}`).join('&')
}
