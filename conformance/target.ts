/**
 * What the scenarios run against. Three kinds, one shape:
 *
 * - `embedded`: smsim started in this process on free ports, its clock frozen on a Tuesday
 *   morning in Paris (no commercial window closes on the scenarios by chance);
 * - a running smsim at a URL: found by its control API (`GET /_smsim/health`);
 * - a foreign endpoint (another mock, or the real provider): no control API, so only the
 *   scenarios whose preconditions it can meet run — with the credentials given — and the
 *   others are PRECONDITION_FAILED, never FAIL.
 */
import {
  controlClient,
  startTestSmsim,
  type ControlClient,
  type StartOptions,
} from '../simulators/testing.ts'
import { BadConfigError } from '../simulators/core/errors.ts'

export interface Target {
  /** What the report names: `embedded`, or the URL. */
  label: string
  kind: 'embedded' | 'smsim' | 'foreign'
  /** The HTTP base: `http://127.0.0.1:8780` for smsim, the provider's URL for a foreign one. */
  url: string
  /** The SMTP server the mail clients talk to. */
  smtp: { host: string; port: number }
  /** smsim's control API; absent on a foreign target. */
  control?: ControlClient
  /** The account to use on a foreign target (its own credentials). */
  credentials?: { id: string; secret: string }
  close(): Promise<void>
}

/** The embedded target's clock: Tuesday 6 January 2026, 10:00 in Paris, frozen. */
export const EMBEDDED_CLOCK = { now: '2026-01-06T10:00:00+01:00', frozen: true } as const

/**
 * smsim in this process, on free ports, with no demo accounts.
 *
 * @example
 * const target = await embeddedTarget()
 * // … run scenarios …
 * await target.close()
 */
export async function embeddedTarget(options: StartOptions = {}): Promise<Target> {
  const smsim = await startTestSmsim({ clock: { ...EMBEDDED_CLOCK }, ...options })
  return {
    label: 'embedded',
    kind: 'embedded',
    url: smsim.url,
    smtp: smsim.smtp,
    control: smsim.control,
    close: () => smsim.close(),
  }
}

export interface UrlTargetOptions {
  /** Where its SMTP gateway listens (default: what smsim's health says, else the URL's host, port 2525). */
  smtp?: { host: string; port: number }
  /** For a foreign target: the account the scenarios use. */
  credentials?: { id: string; secret: string }
  /** How long to wait for `/_smsim/health` (default 3 s). */
  probeTimeoutMs?: number
  /** The control token of a smsim started with one (`--control-token`). */
  controlToken?: string
}

/**
 * A target at a URL: a running smsim when `/_smsim/health` answers like one, a foreign endpoint
 * otherwise.
 */
export async function urlTarget(url: string, options: UrlTargetOptions = {}): Promise<Target> {
  const base = url.replace(/\/+$/, '')
  const host = new URL(base).hostname
  const health = await probeSmsim(base, options.probeTimeoutMs ?? 3000)
  const isSmsim = health !== undefined
  // smsim says where its gateway listens; a 0.0.0.0 bind is reached at the URL's host.
  const announced = health?.smtp && {
    host: /^(0\.0\.0\.0|::)$/.test(health.smtp.host) ? host : health.smtp.host,
    port: health.smtp.port,
  }
  const smtp = options.smtp ?? announced ?? { host, port: 2525 }
  const control = isSmsim
    ? controlClient(base, options.controlToken ? { token: options.controlToken } : {})
    : undefined
  if (control) await checkAccess(base, control, options.controlToken)
  return {
    label: base,
    kind: isSmsim ? 'smsim' : 'foreign',
    url: base,
    smtp,
    ...(control ? { control } : {}),
    ...(options.credentials ? { credentials: options.credentials } : {}),
    close: async () => {},
  }
}

interface Health {
  smtp?: { host: string; port: number }
}

/**
 * One read behind the token, so that a smsim started with `--control-token` and a run without
 * it (or with another) stops at once with what to do, instead of failing every scenario.
 */
async function checkAccess(base: string, control: ControlClient, token: string | undefined) {
  try {
    await control.get('/clock')
  } catch (error) {
    if (!/→ 401 /.test((error as Error).message)) throw error
    throw new BadConfigError(
      token
        ? `${base} refused the control token given (--control-token or SMSIM_CONTROL_TOKEN): it is not the one that smsim was started with`
        : `${base} needs a control token: pass the one it was started with as --control-token or SMSIM_CONTROL_TOKEN`,
    )
  }
}

/**
 * smsim's health answer, or undefined when the URL answers but is not a smsim. A URL that does
 * not answer at all (refused, unknown host, silent) is an error: every scenario would otherwise
 * be NOTRUN or PRECONDITION_FAILED, and a mistyped URL would pass.
 */
async function probeSmsim(base: string, timeoutMs: number): Promise<Health | undefined> {
  let response: Response
  try {
    response = await fetch(`${base}/_smsim/health`, { signal: AbortSignal.timeout(timeoutMs) })
  } catch (error) {
    const cause = (error as { cause?: { code?: string; message?: string } }).cause
    const why = cause?.code ?? cause?.message ?? (error as Error).message
    throw new BadConfigError(`cannot reach ${base}: ${why}`)
  }
  if (response.status === 403) {
    // smsim refuses a Host it does not know (DNS rebinding); its message names --allow-host.
    const refusal = (await response.json().catch(() => ({}))) as { error?: unknown }
    if (typeof refusal.error === 'string' && refusal.error.includes('--allow-host'))
      throw new BadConfigError(`${base}: ${refusal.error}`)
    return undefined
  }
  try {
    if (!response.ok) return undefined
    const body = (await response.json()) as Health & { status?: unknown; providers?: unknown }
    return body.status === 'ok' && Array.isArray(body.providers) ? body : undefined
  } catch {
    return undefined
  }
}
