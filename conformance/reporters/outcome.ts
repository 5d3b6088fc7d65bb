/**
 * What a result means for the run, shared by every reporter so that the console, JUnit and HTML
 * reports agree with the exit status (`runSucceeded` in model.ts).
 */
import { DateTime } from 'luxon'
import type { ScenarioResult, Status } from '../model.ts'

/**
 * - `passed`: PASS, as expected;
 * - `failed`: counts against the run (a FAIL or TIMEOUT nobody expected, or a PASS where the
 *   expectations file lists a deviation: the file is out of date);
 * - `known`: a deviation the expectations file lists for this target;
 * - `skipped`: NOTRUN or PRECONDITION_FAILED, which say nothing about conformance.
 */
export type Outcome = 'passed' | 'failed' | 'known' | 'skipped'

/**
 * @example
 * outcomeOf({ status: 'FAIL', expected: 'FAIL', … }) // 'known'
 */
export function outcomeOf(result: Pick<ScenarioResult, 'status' | 'expected'>): Outcome {
  if (result.status === 'NOTRUN' || result.status === 'PRECONDITION_FAILED') return 'skipped'
  if (result.status === result.expected) return result.status === 'PASS' ? 'passed' : 'known'
  return 'failed'
}

/**
 * The one-line reason a person reads next to a result that is not a plain PASS.
 *
 * @example
 * explain({ status: 'PASS', expected: 'FAIL', … })
 * // 'passed, but the expectations file lists it as FAIL: remove it from the file'
 */
export function explain(result: ScenarioResult): string {
  if (result.status === 'PASS' && result.expected !== 'PASS')
    return `passed, but the expectations file lists it as ${result.expected}: remove it from the file`
  const message = result.message ?? ''
  return outcomeOf(result) === 'known'
    ? `known deviation (expected ${result.expected}): ${message}`
    : message
}

/**
 * The suite a result belongs to: scenario ids are `<suite>/<name>[@<transport>]`.
 *
 * @example
 * suiteOf({ test: 'smstob-http/code-80-sent', … }) // 'smstob-http'
 */
export function suiteOf(result: Pick<ScenarioResult, 'test'>): string {
  const slash = result.test.indexOf('/')
  return slash < 0 ? result.test : result.test.slice(0, slash)
}

/**
 * The verdict's reason for a run that checked nothing (model.ts `nothingChecked`), in the
 * console and the HTML report alike; the results above it say why each one did not run.
 */
export const NOTHING_CHECKED =
  'every scenario was NOTRUN or PRECONDITION_FAILED: nothing was checked'

/** Statuses in the order summaries list them: the ones to look at first. */
export const STATUS_ORDER: readonly Status[] = [
  'FAIL',
  'TIMEOUT',
  'PRECONDITION_FAILED',
  'NOTRUN',
  'PASS',
]

/**
 * An epoch-milliseconds instant as ISO 8601 in UTC to the second, for report headers (no clock
 * is read here: the instant is the report's).
 *
 * @example
 * isoTime(0) // '1970-01-01T00:00:00Z'
 */
export function isoTime(ms: number): string {
  return DateTime.fromMillis(ms, { zone: 'utc' }).toFormat("yyyy-MM-dd'T'HH:mm:ss'Z'")
}
