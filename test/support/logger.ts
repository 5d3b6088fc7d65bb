/**
 * The recording logger of every transport suite (STYLE.md §22): smsim is given it instead of the
 * console, and each test ends by checking it recorded nothing, so that a request answered by a
 * catch-all (HTTP 500, SMTP 451) fails the test that caused it instead of scrolling past.
 *
 * @example
 * const logger = recordingLogger()
 * const smsim = await startTestSmsim({ logger })
 * afterEach(() => expectNothingLogged(logger))
 */
import { expect } from 'vitest'

export interface RecordingLogger extends Pick<Console, 'error'> {
  /** The arguments of each call, oldest first. */
  readonly calls: unknown[][]
}

/** A logger that records what it is given, instead of printing it. */
export function recordingLogger(): RecordingLogger {
  const calls: unknown[][] = []
  return { calls, error: (...args: unknown[]) => void calls.push(args) }
}

/** Fails unless nothing was logged since the last check, and empties the record for the next test. */
export function expectNothingLogged(logger: RecordingLogger): void {
  expect(logger.calls.splice(0), 'errors logged by the simulator').toEqual([])
}
