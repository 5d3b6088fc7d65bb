/**
 * Faults a team injects to test its error handling, per provider: latency before answering,
 * HTTP 500 instead of the provider's answer, a dropped connection (the socket closed with no
 * answer), and the provider's own error codes for failures on its side (`refuse`: ASPSMS 24
 * "Service temporarely not available", iSendPro 29 "overflow"…). `http500`, `drop` and
 * `refuse.times` count the next requests they hit, or `"always"`. Requests that call no
 * operation (fetching a WSDL: `HttpEndpoint.isOperation`) are never hit.
 */
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
export function consume(faults: Faults, key: 'http500' | 'drop' | 'refuse'): boolean {
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

/** What the journal says of the faults that shaped an answer (latency, a refusal code). */
export function faultNote(
  faults: Faults | undefined,
  refuse: number | undefined,
): string | undefined {
  const notes = [
    ...(faults && faults.latencyMs > 0 ? [`latency ${faults.latencyMs} ms (fault)`] : []),
    ...(refuse !== undefined ? [`refused with code ${refuse} (fault)`] : []),
  ]
  return notes.length ? notes.join('; ') : undefined
}
