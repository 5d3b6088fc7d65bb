/**
 * The conformance model: scenarios as data (STYLE.md §24), the closed status set (§25) and the
 * one report model every reporter renders (§26).
 */
import type { ProviderId } from '../simulators/core/model.ts'

/** Per scenario. An unsupported optional feature or a target without a control API is
 * PRECONDITION_FAILED, never FAIL. */
export const STATUSES = ['PASS', 'FAIL', 'TIMEOUT', 'NOTRUN', 'PRECONDITION_FAILED'] as const
export type Status = (typeof STATUSES)[number]

/** Per run: ERROR when the run itself could not be carried out (no target, a bad suite). */
export type RunStatus = 'OK' | 'ERROR'

/** The transports a scenario can talk through: each has its own reference client. */
export type Transport = 'http' | 'mail' | 'json' | 'soap' | 'xml' | 'app'

/**
 * `optional` for behaviour the document leaves open (a MAY), `ours` for our own choices where
 * the document is silent (WPT's `tentative`), `free` for scenarios that cost nothing at the
 * real provider (they alone run against a live endpoint).
 */
export type Flag = 'optional' | 'ours' | 'free'

/**
 * One precondition, as a named state with its parameters (Pact's `given(name, params)`):
 * written `"account has 10 credits"` in a suite file, or `{ state: 'account options', params }`.
 */
export interface Given {
  state: string
  params: Record<string, unknown>
}

/**
 * One step: an action of the transport's reference client, a control operation (`advance`,
 * `messages`, `account`…) or, in integration suites, `trigger` (run the application).
 * `expect` is matched against what the step returned (see match.ts); `save` keeps values of it
 * for later steps (`{ trn: 'records.0.trn' }` → `{trn}`).
 */
export interface Step {
  action: string
  args: unknown
  expect?: unknown
  save?: Record<string, string>
  /** Why this step exists, shown when it fails. */
  note?: string
}

/** A scenario as loaded: the suite's defaults applied, one per transport. */
export interface Scenario {
  /** `<suite>/<name>` plus `@<transport>` when the suite runs over several transports. */
  id: string
  title: string
  suite: string
  provider: ProviderId
  transport: Transport
  /** `shared/specs` file and section (quote the French phrase). */
  spec: string
  flags: Flag[]
  /** The provider codes this scenario produces: the coverage test reads them. */
  codes: number[]
  given: Given[]
  steps: Step[]
  /** Where it was loaded from, for error messages. */
  file: string
}

/** One judged check inside a scenario (a step). */
export interface SubtestResult {
  name: string
  status: Status
  message?: string
}

/** STYLE.md §26: `{ test, status, expected, message, duration, subtests }`. */
export interface ScenarioResult {
  test: string
  title: string
  provider: ProviderId
  transport: Transport
  spec: string
  status: Status
  /** The status the expectations file allows for this target (PASS unless listed). */
  expected: Status
  /** What was expected and what came back, for anything but PASS. */
  message?: string
  /** Milliseconds of wall time. */
  duration: number
  subtests: SubtestResult[]
}

export interface RunInfo {
  target: string
  provider: string
  transport: string
  suite: string
  smsimVersion: string
}

/** The report model: every reporter renders this and nothing else. */
export interface RunReport {
  run_info: RunInfo
  status: RunStatus
  time_start: number
  time_end: number
  results: ScenarioResult[]
  /** Why the run is ERROR. */
  error?: string
}

/** Counts by status, for summaries. */
export function countStatuses(results: readonly ScenarioResult[]): Record<Status, number> {
  const counts = Object.fromEntries(STATUSES.map((s) => [s, 0])) as Record<Status, number>
  for (const r of results) counts[r.status]++
  return counts
}

/** A status that says nothing about conformance: the scenario was not run, or could not be. */
const isSkip = (status: Status) => status === 'NOTRUN' || status === 'PRECONDITION_FAILED'

/**
 * Whether a run that did not break checked nothing: no scenario selected, or every one NOTRUN
 * or PRECONDITION_FAILED (a live endpoint without credentials, a target without the control
 * API). Such a run is no success: nothing failed because nothing was tried.
 *
 * @example
 * nothingChecked({ status: 'OK', results: [{ status: 'NOTRUN', … }], … }) // true
 */
export function nothingChecked(report: RunReport): boolean {
  return report.status === 'OK' && report.results.every((r) => isSkip(r.status))
}

/**
 * Whether a run succeeded: it ran, it checked something ({@link nothingChecked}), and every
 * result is what was expected of it (PASS, or a deviation the expectations file lists).
 * NOTRUN and PRECONDITION_FAILED are not failures, but a run of nothing else is no success.
 */
export function runSucceeded(report: RunReport): boolean {
  return (
    report.status === 'OK' &&
    !nothingChecked(report) &&
    report.results.every((r) => r.status === r.expected || isSkip(r.status))
  )
}
