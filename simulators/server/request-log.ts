/**
 * The log a person reads (issue 14): one line per journal entry, written as the engine keeps it
 * — a provider request, a received mail, a refusal at the SMTP level, a delivery notification,
 * a mail the relay could not deliver. It follows the journal (`Engine.onJournal`) rather than
 * the transports, so that it shows exactly what `GET /_smsim/journal` records: the same
 * fields, bounded and with every secret already masked by the store (core/journal-record.ts,
 * core/secrets.ts) — one rule for the journal, the control API's reads and the log.
 *
 * Each line: the time on the simulator's clock (ISO 8601), the provider, the transport (`+tls`
 * after it for a request that came over HTTPS; `"secure":true` in JSON), the
 * account, the provider's code (or the HTTP/SMTP status when there is none) and its meaning,
 * the time smsim took in milliseconds; at `debug`, what the provider read of the request.
 * `pretty` aligns the columns for a person, coloured only when asked (a terminal without
 * `NO_COLOR`: the command decides); `json` writes one JSON object per line, for CI.
 */
import { createColors } from 'picocolors'
import { cutText } from '../core/bounds.ts'
import type { JournalEntry } from '../core/model.ts'
import type { Engine, JournalListener } from '../engine/engine.ts'

/** How much is logged: nothing, one line per entry, or that line with the request read. */
export const LOG_LEVELS = ['silent', 'info', 'debug'] as const
export type LogLevel = (typeof LOG_LEVELS)[number]

/** How a line is written: aligned for a person, or one JSON object (for CI and log shippers). */
export const LOG_FORMATS = ['pretty', 'json'] as const
export type LogFormat = (typeof LOG_FORMATS)[number]

export interface RequestLogOptions {
  /** Default `info`; `silent` writes nothing. */
  level?: LogLevel
  /** Default `pretty`. */
  format?: LogFormat
  /** Colour a `pretty` line (default false): on a terminal, and never with `NO_COLOR`. */
  color?: boolean
  /** Writes one line, given without its line end. */
  write: (line: string) => void
}

/**
 * Widths of the pretty columns: the longest provider id and transport (`allmysms`, `callback`),
 * an account as long as most logins and e-mail addresses (a longer one runs over), a code as
 * long as iSendPro's `ack 2`, a duration up to `99999.9 ms`.
 */
const PROVIDER_WIDTH = 8
const TRANSPORT_WIDTH = 8
const ACCOUNT_WIDTH = 22
const CODE_WIDTH = 5
const DURATION_WIDTH = 10

/**
 * Longest request summary a `debug` line shows, in characters: about two lines of a terminal.
 * The journal keeps the whole request (`GET /_smsim/journal`); the log line is for reading.
 */
export const DEBUG_SUMMARY_CHARS = 400

/** What stands for a field an entry does not have. */
const NONE = '-'

/**
 * Characters a client's text must not bring into a terminal or a log viewer: C0 and C1
 * controls (an ESC or a CSI would move the cursor or recolour the screen, a line end would
 * forge a line) and Unicode's bidirectional overrides and line separators (which reorder or
 * break what is read). Written as `\u001b` instead, as JSON writes them.
 */
// eslint-disable-next-line no-control-regex -- finding control characters is its purpose
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g

/** A client's text as a log line may show it: see {@link UNSAFE}. */
function safe(text: string): string {
  return text.replace(UNSAFE, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`)
}

type Colors = ReturnType<typeof createColors>

/**
 * One journal entry as a log line, without its line end; `undefined` at level `silent`.
 *
 * @example
 * logLine(entry, { durationMs: 1.6 }, { format: 'pretty' })
 * // '2026-01-05T08:00:00.000Z smstob   http     ecole@example.fr       80       1.6 ms  Le message a été envoyé'
 * logLine(entry, { durationMs: 1.6 }, { format: 'json' })
 * // '{"at":"2026-01-05T08:00:00.000Z","seq":1,"provider":"smstob","transport":"http","account":"ecole@example.fr","code":80,"meaning":"Le message a été envoyé","status":200,"durationMs":1.6}'
 */
export function logLine(
  entry: JournalEntry,
  timing: { durationMs?: number },
  options: Omit<RequestLogOptions, 'write'> = {},
): string | undefined {
  const level = options.level ?? 'info'
  if (level === 'silent') return undefined
  const durationMs =
    timing.durationMs === undefined ? undefined : Math.round(timing.durationMs * 10) / 10
  if (options.format === 'json') return jsonLine(entry, durationMs, level === 'debug')
  return prettyLine(entry, durationMs, level === 'debug', createColors(options.color ?? false))
}

/**
 * Writes a line for every journal entry `engine` keeps from now on; returns the function that
 * stops. At level `silent` it does not even listen.
 *
 * @example
 * const stop = followJournal(sim, { level: 'debug', write: (line) => process.stdout.write(`${line}\n`) })
 */
export function followJournal(engine: Engine, options: RequestLogOptions): () => void {
  if ((options.level ?? 'info') === 'silent') return () => undefined
  const listener: JournalListener = (entry, timing) => {
    const line = logLine(entry, timing, options)
    if (line !== undefined) options.write(line)
  }
  return engine.onJournal(listener)
}

/** The JSON line: the entry's own field names, `request` at `debug` only. */
function jsonLine(entry: JournalEntry, durationMs: number | undefined, debug: boolean): string {
  // JSON escapes C0 controls itself; C1 controls and bidirectional overrides it leaves raw.
  const json = JSON.stringify({
    at: entry.at,
    seq: entry.seq,
    provider: entry.provider,
    transport: entry.transport,
    secure: entry.secure,
    account: entry.account,
    code: entry.code,
    meaning: entry.meaning,
    status: entry.status,
    note: entry.note,
    messages: entry.messages,
    durationMs,
    ...(debug ? { request: entry.request } : {}),
  })
  return safe(json)
}

/** The pretty line: aligned columns, then what the code means and any note. */
function prettyLine(
  entry: JournalEntry,
  durationMs: number | undefined,
  debug: boolean,
  c: Colors,
): string {
  const code = entry.code ?? entry.status
  const said = [entry.meaning, entry.note].filter((s): s is string => !!s).map(oneLine)
  const columns = [
    c.dim(entry.at),
    c.cyan((entry.provider ?? NONE).padEnd(PROVIDER_WIDTH)),
    safe(entry.secure ? `${entry.transport}+tls` : entry.transport).padEnd(TRANSPORT_WIDTH),
    safe(entry.account ?? NONE).padEnd(ACCOUNT_WIDTH),
    c.bold(safe(code === undefined ? NONE : String(code)).padEnd(CODE_WIDTH)),
    c.dim((durationMs === undefined ? NONE : `${durationMs} ms`).padStart(DURATION_WIDTH)),
    paint(c, entry, safe(said.join(' — ')) || NONE),
  ]
  const line = columns.join(' ')
  return debug ? `${line}  ${c.dim(`request: ${requestSummary(entry.request)}`)}` : line
}

/** A refusal or a failure reads red, an injected fault yellow; a provider's code as it is. */
function paint(c: Colors, entry: JournalEntry, text: string): string {
  if (entry.note?.includes('(fault)')) return c.yellow(text)
  const failed =
    entry.status !== undefined && entry.status >= (entry.transport === 'smtp' ? 400 : 500)
  return failed || entry.note?.startsWith('refused') ? c.red(text) : text
}

/** Texts can span lines (a mail's note); a log line reads them as one. */
function oneLine(text: string): string {
  return text.replace(/\s*[\r\n]+\s*/g, ' ')
}

/**
 * What the provider read, as `name=value` pairs: nested fields by their own name (`pass=****`,
 * not `params.pass=****`), a value with spaces, quotes or line ends quoted as JSON, the whole
 * cut at {@link DEBUG_SUMMARY_CHARS}. The values are the journal's, secrets masked.
 *
 * @example
 * requestSummary({ method: 'GET', params: { email: 'a@b.fr', pass: '****', message: 'Bonjour à tous' } })
 * // 'method=GET email=a@b.fr pass=**** message="Bonjour à tous"'
 */
export function requestSummary(request: Record<string, unknown>): string {
  const pairs: string[] = []
  const walk = (value: unknown, name: string) => {
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
      for (const [key, inner] of Object.entries(value)) walk(inner, key)
      return
    }
    const text = Array.isArray(value) ? value.map(String).join(',') : String(value)
    pairs.push(`${name}=${text === '' || /[\s"'=\\]/.test(text) ? JSON.stringify(text) : text}`)
  }
  walk(request, '')
  return safe(cutText(pairs.join(' '), DEBUG_SUMMARY_CHARS))
}
