/**
 * Faults a team injects to test its error handling, per provider: latency before answering,
 * HTTP 500 instead of the provider's answer, a dropped connection (the socket closed with no
 * answer). `http500` and `drop` count the next requests they hit, or `"always"`.
 */
export interface Faults {
  latencyMs: number
  http500: number | 'always'
  drop: number | 'always'
}

export const NO_FAULTS: Faults = { latencyMs: 0, http500: 0, drop: 0 }

/** Longest latency one can inject: enough to trip any client timeout, not to hang a test run. */
export const MAX_LATENCY_MS = 120_000

/** Checks a faults body from the control API; returns the problems found. */
export function validateFaults(body: Record<string, unknown>): string[] {
  const problems: string[] = []
  const { latencyMs, http500, drop } = body
  if (
    latencyMs !== undefined &&
    (typeof latencyMs !== 'number' || latencyMs < 0 || latencyMs > MAX_LATENCY_MS)
  ) {
    problems.push(`latencyMs must be a number of milliseconds from 0 to ${MAX_LATENCY_MS}`)
  }
  for (const [name, value] of Object.entries({ http500, drop })) {
    if (
      value !== undefined &&
      value !== 'always' &&
      !(Number.isInteger(value) && (value as number) >= 0)
    ) {
      problems.push(`${name} must be a count of requests (0 or more) or "always"`)
    }
  }
  return problems
}

/** Takes one use of a counted fault; returns whether it applies to this request. */
export function consume(faults: Faults, key: 'http500' | 'drop'): boolean {
  const value = faults[key]
  if (value === 'always') return true
  if (value > 0) {
    faults[key] = value - 1
    return true
  }
  return false
}
