/**
 * Faults a team injects to test its error handling, per provider: latency before answering,
 * HTTP 500 instead of the provider's answer, a dropped connection (the socket closed with no
 * answer), and the provider's own error codes for failures on its side (`refuse`: ASPSMS 24
 * "Service temporarely not available", iSendPro 29 "overflow"…). `http500`, `drop` and
 * `refuse.times` count the next requests they hit, or `"always"`. Requests that call no
 * operation (fetching a WSDL: `HttpEndpoint.isOperation`) are never hit.
 *
 * This module decides which fault a request or a mail meets and counts it down; the engine
 * waits the latency and writes the journal, so that HTTP and SMTP meet faults by one rule.
 */
import type { ProviderId } from '../core/model.ts'

export type Count = number | 'always'

export interface Faults {
  latencyMs: number
  http500: Count
  drop: Count
  /** Answer with this provider code instead of deciding (only the codes the provider lists). */
  refuse?: { code: number; times: Count }
}

export const NO_FAULTS: Faults = { latencyMs: 0, http500: 0, drop: 0 }

/** Longest latency one can inject: enough to trip any client timeout, not to hang a test run. */
export const MAX_LATENCY_MS = 120_000

const isCount = (value: unknown): value is Count =>
  value === 'always' || (Number.isInteger(value) && (value as number) >= 0)

/**
 * Checks a faults body from the control API against the provider's fault codes; returns the
 * problems found.
 */
export function validateFaults(
  body: Record<string, unknown>,
  faultCodes: readonly number[] = [],
): string[] {
  const problems: string[] = []
  const { latencyMs, http500, drop, refuse } = body
  if (
    latencyMs !== undefined &&
    (typeof latencyMs !== 'number' || latencyMs < 0 || latencyMs > MAX_LATENCY_MS)
  ) {
    problems.push(`latencyMs must be a number of milliseconds from 0 to ${MAX_LATENCY_MS}`)
  }
  for (const [name, value] of Object.entries({ http500, drop })) {
    if (value !== undefined && !isCount(value))
      problems.push(`${name} must be a count of requests (0 or more) or "always"`)
  }
  if (refuse !== undefined && refuse !== null) {
    const r = refuse as { code?: unknown; times?: unknown }
    if (!faultCodes.includes(r.code as number)) {
      problems.push(
        faultCodes.length
          ? `refuse.code must be one of ${faultCodes.join(', ')}`
          : 'this provider documents no code for a failure on its side: use http500 or drop',
      )
    }
    if (r.times !== undefined && !isCount(r.times))
      problems.push('refuse.times must be a count of requests or "always"')
  }
  return problems
}

/** Takes one use of a counted fault; returns whether it applies to this request. */
function consume(faults: Faults, key: 'http500' | 'drop' | 'refuse'): boolean {
  if (key === 'refuse') {
    if (!faults.refuse) return false
    const { times } = faults.refuse
    if (times === 'always') return true
    if (times > 0) {
      faults.refuse = { ...faults.refuse, times: times - 1 }
      return true
    }
    return false
  }
  const value = faults[key]
  if (value === 'always') return true
  if (value > 0) {
    faults[key] = value - 1
    return true
  }
  return false
}

/** The faults injected for each provider (`PUT /_smsim/faults/{provider}`), counted down as they hit. */
export class FaultBoard {
  #byProvider = new Map<ProviderId, Faults>()

  /** The provider's faults as they stand: taking one of them counts it down here. */
  of(provider: ProviderId): Faults | undefined {
    return this.#byProvider.get(provider)
  }

  /** A copy of the provider's faults, none injected shown as zeros. */
  show(provider: ProviderId): Faults {
    return { ...(this.#byProvider.get(provider) ?? NO_FAULTS) }
  }

  /** Merges `faults` into the provider's; `undefined` clears them. */
  set(provider: ProviderId, faults: Partial<Faults> | undefined): void {
    if (!faults) this.#byProvider.delete(provider)
    else
      this.#byProvider.set(provider, { ...NO_FAULTS, ...this.#byProvider.get(provider), ...faults })
  }

  clear(): void {
    this.#byProvider.clear()
  }

  /** Every provider's faults as they stand, as plain data (a durable store keeps them). */
  toJSON(): Partial<Record<ProviderId, Faults>> {
    return Object.fromEntries(this.#byProvider)
  }

  /** Replaces the faults by those {@link toJSON} gave. */
  restore(faults: Partial<Record<ProviderId, Faults>>): void {
    this.#byProvider = new Map(Object.entries(faults) as [ProviderId, Faults][])
  }
}

/**
 * Takes the failure a request or a mail meets instead of its provider's decision, if any: a
 * dropped connection first, then an HTTP 500 (answered 451 on SMTP).
 */
export function takeFailure(faults: Faults | undefined): 'drop' | 'http500' | undefined {
  if (!faults) return undefined
  if (consume(faults, 'drop')) return 'drop'
  return consume(faults, 'http500') ? 'http500' : undefined
}

/** Takes the provider code a decision is to refuse with, if one is injected. */
export function takeRefusal(faults: Faults | undefined): number | undefined {
  return faults && consume(faults, 'refuse') ? faults.refuse?.code : undefined
}

/**
 * The faults one mail meets, taken once for the whole mail since SMTP answers a mail with one
 * reply: the longest latency of its providers, and a dropped connection (`drop`) or a
 * temporary failure (`http500`, answered 451) when one of them counts one — the mail is then
 * handed to none of them: the client will send it again.
 */
export interface MailFault {
  latencyMs: number
  failure?: 'drop' | 'tempfail'
  /** Each provider a failure hit, with the address the mail was sent to there. */
  hits: { provider: ProviderId; recipient: string; failure: 'drop' | 'tempfail' }[]
}

/**
 * Takes the faults of the providers a mail is for (`providers`: each with the first of its
 * addresses, as the router gives them).
 */
export function takeMailFault(
  providers: ReadonlyMap<ProviderId, string>,
  board: FaultBoard,
): MailFault {
  const hit = [...providers].flatMap(([provider, recipient]) => {
    const faults = board.of(provider)
    return faults ? [{ provider, recipient, faults }] : []
  })
  const latencyMs = Math.max(0, ...hit.map((h) => h.faults.latencyMs))
  let failure: MailFault['failure']
  const hits: MailFault['hits'] = []
  for (const { provider, recipient, faults } of hit) {
    const taken = takeFailure(faults)
    if (!taken) continue
    const kind = taken === 'drop' ? 'drop' : 'tempfail'
    if (failure !== 'drop') failure = kind
    hits.push({ provider, recipient, failure: kind })
  }
  return { latencyMs, ...(failure ? { failure } : {}), hits }
}
