/**
 * The fuzz harness: smsim started in the test on free ports, with a few accounts poor enough
 * that refusals for credit are common; a property per parser whose runs are batches of
 * requests sent through the real transport; and after each batch the checks issue 10 asks
 * for, from the outside, through the control API:
 *
 * - the server answered `GET /_smsim/health` within the budget, and its event loop never
 *   stalled longer than that during the batch (a request that freezes the loop for 30 s is
 *   answered in 30 s, and so is every health check sent meanwhile);
 * - no HTTP 500 but the documented ones (a SOAP Fault, ASMX's plain-text exceptions), no
 *   stack trace in an answer, nothing logged by smsim's catch-alls;
 * - `/journal`, `/messages`, `/mails`, `/accounts` answer 200 with JSON;
 * - no account below zero, and each ledger ends on the account's balance;
 * - each request the provider saw has its journal entry, with the code the client was given,
 *   and SMS only when that code accepted the send; every SMS on the phones comes from one of
 *   those entries; no credit taken from an account whose requests were all refused.
 *
 * Each run starts from `POST /_smsim/reset`, so that fast-check can replay and shrink a batch
 * to the few requests that break a check. A batch whose only problem is time is sent again,
 * up to three times in all, before it fails: a shared machine pauses a process now and then,
 * a freezing request freezes it every time.
 *
 * @example
 * describe('JSON API', () => {
 *   const smsim = useFuzzSmsim()
 *   fuzzIt('survives hostile JSON', smsim, jsonParser)
 * })
 */
import { appendFileSync, mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import fc from 'fast-check'
import { afterAll, beforeAll, it } from 'vitest'
import { startTestSmsim, type TestSmsim } from '../../../simulators/testing.ts'
import { recordingLogger, type RecordingLogger } from '../../support/logger.ts'
import {
  checkBatch,
  isTimingProblem,
  type CaseOutcome,
  type FuzzParser,
  type FuzzStats,
} from './checks.ts'
import { FUZZ_ACCOUNTS, FUZZ_NOW } from './accounts.ts'
import { FUZZ } from './settings.ts'

export {
  answerProblems,
  shortAnswer,
  type BatchState,
  type CaseOutcome,
  type ExpectedEntry,
  type FuzzParser,
  type FuzzStats,
} from './checks.ts'

export { FUZZ_ACCOUNTS, FUZZ_NOW } from './accounts.ts'

export interface FuzzSmsim {
  smsim: TestSmsim
  logger: RecordingLogger
}

/** Starts smsim with the fuzz accounts for the enclosing `describe`. */
export function useFuzzSmsim(): () => FuzzSmsim {
  let running: FuzzSmsim | undefined
  beforeAll(async () => {
    const logger = recordingLogger()
    const smsim = await startTestSmsim({
      logger,
      accounts: FUZZ_ACCOUNTS,
      clock: { now: FUZZ_NOW, frozen: true },
    })
    running = { smsim, logger }
  })
  afterAll(() => running?.smsim.close())
  return () => {
    if (!running) throw new Error('smsim is not started')
    return running
  }
}

/** How often the stall meter's timer ticks: finer than any budget it checks. */
const STALL_TICK_MS = 5

/**
 * The longest the event loop went without running a timer, measured by a timer that notes
 * every gap between its ticks. smsim runs in this process: a request that blocks it blocks
 * this timer, and every health check, as long.
 *
 * @note Not node:perf_hooks' `monitorEventLoopDelay`: measured here, it recorded a 12-second
 * block but missed a 98-second one (two samples, max 103 ms).
 */
class StallMeter {
  #timer: NodeJS.Timeout | undefined
  #last = 0
  max = 0

  start(): void {
    this.max = 0
    this.#last = performance.now()
    this.#timer = setInterval(() => this.#tick(), STALL_TICK_MS)
    this.#timer.unref()
  }

  /** Stops the meter; the gap since the last tick counts too. */
  stop(): number {
    this.#tick()
    clearInterval(this.#timer)
    return this.max
  }

  #tick(): void {
    const now = performance.now()
    this.max = Math.max(this.max, now - this.#last - STALL_TICK_MS)
    this.#last = now
  }
}

/**
 * Attempts of a batch whose only problem is time (health late, loop stalled) before it fails:
 * the machine running CI may pause the process now and then; a freezing request freezes every
 * attempt.
 */
const TIMING_ATTEMPTS = 3

/**
 * How long fast-check may shrink a failure. Each step replays a batch on a reset smsim, and a
 * failure of time is replayed up to three times: two minutes give a small counterexample
 * without holding a long run up for an hour.
 */
const MAX_SHRINK_MS = 120_000

/** How often the long run says how far each property got. */
const PROGRESS_EVERY_MS = 60_000

/** Largest batch: the checks cost about as much as ten requests, so batches are long. */
export const MAX_BATCH = 24

/** The time vitest gives a property: none in the long run, two minutes in `npm test`. */
const PROPERTY_TIMEOUT_MS = FUZZ.long ? 24 * 3600_000 : 120_000

type Register = (title: string, fn: () => Promise<void>, timeout: number) => void

function register<Case>(
  define: Register,
  title: string,
  target: () => FuzzSmsim,
  parser: FuzzParser<Case>,
): void {
  define(title, () => runProperty(title, target(), parser), PROPERTY_TIMEOUT_MS)
}

/**
 * Registers the property of `parser` as a test: batches of cases through the real transport,
 * checked after each batch. The seed and, on failure, the shrunk counterexample and its replay
 * path are in the error fast-check throws.
 */
export function fuzzIt<Case>(title: string, target: () => FuzzSmsim, parser: FuzzParser<Case>) {
  register(it, title, target, parser)
}

async function runProperty<Case>(
  title: string,
  target: FuzzSmsim,
  parser: FuzzParser<Case>,
): Promise<void> {
  const cases = parser.cases ?? FUZZ.casesPerParser
  const stats: FuzzStats = {
    parser: parser.name,
    title,
    cases: 0,
    batches: 0,
    seed: FUZZ.seed,
    durationMs: 0,
    failures: 0,
    maxHealthMs: 0,
    maxLoopStallMs: 0,
    maxCaseMs: 0,
    timingRetries: 0,
    codes: {},
  }
  const started = performance.now()
  let lastProgress = started
  // After the first failure fast-check replays smaller batches to shrink it: not new cases.
  let shrinking = false
  let failedAt = 0
  const stall = new StallMeter()
  const maxBatch = parser.maxBatch ?? MAX_BATCH
  const batches = fc.array(parser.arbitrary, { minLength: 1, maxLength: maxBatch, size: 'max' })
  /** Sends the batch on a freshly reset smsim and checks it. */
  const attempt = async (batch: Case[]) => {
    await target.smsim.control.post('/reset')
    target.logger.calls.length = 0
    stall.start()
    let outcomes: CaseOutcome[]
    try {
      outcomes = await parser.send(target.smsim, batch)
    } catch (error) {
      // A hang (no answer within the client's timeout) or a broken connection.
      if (!shrinking) failedAt = performance.now()
      shrinking = true
      throw error
    } finally {
      stall.stop()
    }
    const stallMs = stall.max
    return { outcomes, stallMs, ...(await checkBatch(target, parser, outcomes, stallMs)) }
  }
  const property = fc.asyncProperty(batches, async (batch) => {
    // Shrinking has had its time: the smallest failure found so far is the one reported.
    if (shrinking && performance.now() - failedAt > MAX_SHRINK_MS) return
    let result = await attempt(batch)
    // Only time was over budget: the same batch again, on a reset smsim. A pause of the machine
    // does not come back on cue; a request that freezes smsim freezes it every time.
    // (Not for a property whose cases take seconds each: it reports its first failure.)
    for (let retry = 1; retry < (parser.noShrink ? 1 : TIMING_ATTEMPTS); retry++) {
      if (!result.problems.length || !result.problems.every(isTimingProblem)) break
      stats.timingRetries++
      result = await attempt(batch)
    }
    const { outcomes, stallMs, healthMs, codes, problems } = result
    if (!shrinking) {
      stats.cases += batch.length
      stats.batches++
      stats.maxLoopStallMs = Math.max(stats.maxLoopStallMs, stallMs)
      stats.maxHealthMs = Math.max(stats.maxHealthMs, healthMs)
      for (const code of [
        ...codes,
        ...outcomes.filter((o) => !o.entries.length).map(() => 'not journalled'),
      ])
        stats.codes[code] = (stats.codes[code] ?? 0) + 1
      for (const o of outcomes) {
        if (o.ms <= stats.maxCaseMs) continue
        stats.maxCaseMs = o.ms
        stats.slowestCase = o.label.slice(0, 400)
      }
    }
    if (FUZZ.long && performance.now() - lastProgress > PROGRESS_EVERY_MS) {
      lastProgress = performance.now()
      console.log(
        `${parser.name}: ${stats.cases.toLocaleString('en')} cases, health ≤ ${stats.maxHealthMs.toFixed(0)} ms, stall ≤ ${stats.maxLoopStallMs.toFixed(0)} ms`,
      )
    }
    if (FUZZ.trace)
      appendFileSync(
        FUZZ.trace,
        outcomes
          .map((o) => `${parser.name}\t${o.ms.toFixed(0)}\t${JSON.stringify(o.label)}\n`)
          .join(''),
      )
    if (problems.length) {
      if (!shrinking) failedAt = performance.now()
      shrinking = true
      throw new Error(describeFailure(problems, outcomes))
    }
  })
  // Each run is a batch of maxBatch / 2 cases on average (measured: 10.9 for 24).
  const numRuns = Math.max(1, Math.ceil(cases / (maxBatch * 0.45)))
  const details = await fc.check(property, {
    seed: FUZZ.seed,
    numRuns,
    includeErrorInReport: true,
    ...(parser.noShrink ? { endOnFailure: true } : {}),
  })
  stats.durationMs = performance.now() - started
  if (details.failed) {
    stats.failures = 1
    stats.counterexample = fc.stringify(details.counterexample).slice(0, 2_000)
    stats.error = String(details.errorInstance).slice(0, 2_000)
  }
  writeStats(stats)
  if (details.failed) throw new Error(fc.defaultReportMessage(details))
}

function writeStats(stats: FuzzStats): void {
  if (!FUZZ.statsDir) return
  mkdirSync(FUZZ.statsDir, { recursive: true })
  const file = `${stats.title.replace(/[^\w]+/g, '-').slice(0, 120)}.json`
  writeFileSync(join(FUZZ.statsDir, file), JSON.stringify(stats, null, 2))
}

function describeFailure(problems: string[], outcomes: readonly CaseOutcome[]): string {
  return [
    ...problems.slice(0, 12),
    ...(problems.length > 12 ? [`… and ${problems.length - 12} more`] : []),
    'cases:',
    ...outcomes.map((o, i) => `  ${i}: ${o.label.slice(0, 300)}`),
  ].join('\n')
}
