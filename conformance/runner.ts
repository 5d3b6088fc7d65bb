/**
 * The runner: takes scenarios, meets their preconditions on the target, runs their steps
 * through the reference clients, judges each answer, and hands every result to the reporters.
 *
 * Scenarios run side by side (each has its own account and phones); those that move what all
 * share — the clock, a fault — run alone, between the others (a readers–writer lock).
 */
import { randomBytes } from 'node:crypto'
import { SMSIM_VERSION } from '../simulators/version.ts'
import { findAction } from './actions/index.ts'
import { CallbackReceiver } from './callbacks.ts'
import { leaseOn } from './lease.ts'
import {
  PreconditionError,
  type ActionSet,
  type ScenarioContext,
  type StateDef,
} from './context.ts'
import { mismatches, show, valueAt } from './match.ts'
import type {
  RunInfo,
  RunReport,
  Scenario,
  ScenarioResult,
  Status,
  SubtestResult,
} from './model.ts'
import type { Reporter } from './reporters/reporter.ts'
import { scenarioVars, STATES } from './states.ts'
import type { Target } from './target.ts'
import { fill, type Vars } from './template.ts'

export { SMSIM_VERSION }

/** Scenarios at once: they share one thread, so more would only interleave more. */
export const DEFAULT_CONCURRENCY = 8

export interface RunOptions {
  target: Target
  scenarios: readonly Scenario[]
  /** Scenarios at once (default 8). */
  concurrency?: number
  /** Per step, in milliseconds of wall time (default 10 s): past it, TIMEOUT. */
  timeoutMs?: number
  reporters?: readonly Reporter[]
  /** Known deviations of this target: scenario id → the status it is expected to have. */
  expectations?: Readonly<Record<string, Status>>
  /** What run_info names (default: from the scenarios). */
  info?: Partial<RunInfo>
  /** Makes account names unique to this run (default: random). */
  runId?: string
  /** Verbs (default: every provider's, see actions/index.ts). */
  actions?: readonly ActionSet[]
  /** Preconditions (default: STATES). */
  states?: readonly StateDef[]
  /**
   * Values that replace the generated ones in every scenario (`account`, `secret`, `phone`…):
   * a school's UserKey and test phone, an application's configured account.
   */
  vars?: Vars
  /** Monotonic milliseconds, for durations (default `performance.now`). */
  now?: () => number
  /**
   * Epoch milliseconds for the report's `time_start`/`time_end`: the run's real time, not the
   * simulator's (default `Date.now`; tests pass a fixed one).
   */
  wallClock?: () => number
}

/**
 * Runs the scenarios and returns the report (the reporters have seen it by then).
 *
 * @example
 * const target = await embeddedTarget()
 * const report = await runScenarios({ target, scenarios: loadSuites().flatMap((s) => s.scenarios) })
 * await target.close()
 * process.exitCode = runSucceeded(report) ? 0 : 1
 */
export async function runScenarios(options: RunOptions): Promise<RunReport> {
  const now = options.now ?? (() => performance.now())
  const runId = options.runId ?? randomBytes(3).toString('hex')
  const reporters = options.reporters ?? []
  const info: RunInfo = {
    target: options.target.label,
    provider: distinct(options.scenarios.map((s) => s.provider)),
    transport: distinct(options.scenarios.map((s) => s.transport)),
    suite: distinct(options.scenarios.map((s) => s.suite)),
    smsimVersion: SMSIM_VERSION,
    ...options.info,
  }
  const wallClock = options.wallClock ?? Date.now
  const started = wallClock()
  for (const r of reporters) await r.onRunStart?.(info, options.scenarios.length)
  // A phone-side web server, only for runs whose scenarios wait for a provider's callbacks.
  const receiver = options.scenarios.some((s) => s.steps.some((st) => st.action === 'callbacks'))
    ? await CallbackReceiver.start()
    : undefined
  const lock = new SharedLock()
  const results: ScenarioResult[] = new Array(options.scenarios.length)
  let next = 0
  const worker = async () => {
    while (next < options.scenarios.length) {
      const index = next++
      const scenario = options.scenarios[index]!
      const exclusive = isExclusive(scenario, options)
      const release = await lock.acquire(exclusive)
      try {
        results[index] = await runScenario(
          scenario,
          index,
          runId,
          options,
          now,
          exclusive,
          receiver,
        )
      } finally {
        release()
      }
      for (const r of reporters) await r.onScenarioResult?.(results[index])
    }
  }
  const workers = Math.max(
    1,
    Math.min(options.concurrency ?? DEFAULT_CONCURRENCY, options.scenarios.length),
  )
  try {
    await Promise.all(Array.from({ length: workers }, worker))
  } finally {
    await receiver?.close()
  }
  const report: RunReport = {
    run_info: info,
    status: 'OK',
    time_start: started,
    time_end: wallClock(),
    results,
  }
  for (const r of reporters) await r.onRunEnd?.(report)
  return report
}

function distinct(values: string[]): string {
  return [...new Set(values)].join(',')
}

/** Whether a scenario moves what every scenario shares (so it must run alone). */
function isExclusive(scenario: Scenario, options: RunOptions): boolean {
  const states = options.states ?? STATES
  return (
    scenario.given.some((g) => states.find((s) => s.pattern === g.state)?.exclusive) ||
    scenario.steps.some(
      (step) =>
        findAction(scenario.provider, scenario.transport, step.action, options.actions)?.exclusive,
    )
  )
}

/** Runs one scenario, whatever happens: a thrown error becomes a result, never a crash. */
async function runScenario(
  scenario: Scenario,
  index: number,
  runId: string,
  options: RunOptions,
  now: () => number,
  exclusive: boolean,
  receiver: CallbackReceiver | undefined,
): Promise<ScenarioResult> {
  let t0 = now()
  const expected = options.expectations?.[scenario.id] ?? 'PASS'
  const result = (status: Status, message: string | undefined, subtests: SubtestResult[]) => ({
    test: scenario.id,
    title: scenario.title,
    provider: scenario.provider,
    transport: scenario.transport,
    spec: scenario.spec,
    status,
    expected,
    ...(message !== undefined ? { message } : {}),
    duration: Math.round((now() - t0) * 10) / 10,
    subtests,
  })
  const { target } = options
  if (target.kind === 'foreign' && !scenario.flags.includes('free'))
    return result('NOTRUN', `costs credits: not run against ${target.label}, a live endpoint`, [])
  const needsControl = scenario.steps.some(
    (s) =>
      findAction(scenario.provider, scenario.transport, s.action, options.actions)?.needsControl,
  )
  if (needsControl && !target.control)
    return result(
      'PRECONDITION_FAILED',
      `reads or moves the simulator's state: ${target.label} has no smsim control API`,
      [],
    )

  const undo: (() => Promise<void>)[] = []
  const key = `${runId}-${index}`
  const callbacks = receiver && {
    url: receiver.urlFor(key),
    waitFor: (count: number, signal: AbortSignal) => receiver.waitFor(key, count, signal),
  }
  const ctx: ScenarioContext = {
    scenario,
    target,
    vars: {
      ...scenarioVars(scenario.provider, runId, index),
      ...(callbacks ? { callbackUrl: callbacks.url } : {}),
      ...options.vars,
    },
    timeoutMs: options.timeoutMs ?? 10_000,
    defer: (fn) => void undo.push(fn),
    ...(callbacks ? { callbacks } : {}),
  }
  const subtests: SubtestResult[] = []
  try {
    try {
      // Deferred first, so released last: after the scenario's own undos.
      const steps = scenario.given.length + scenario.steps.length
      ctx.defer(await leaseOn(target, exclusive, (steps + 1) * ctx.timeoutMs + 30_000))
    } catch (error) {
      return result(
        'PRECONDITION_FAILED',
        `no lease on ${target.label}'s shared state: ${describe(error)}`,
        [],
      )
    }
    // Time spent waiting for the lease is not the scenario's.
    t0 = now()
    for (const given of scenario.given) {
      const def = (options.states ?? STATES).find((s) => s.pattern === given.state)!
      try {
        await withTimeout(def.setup(fill(given.params, ctx.vars), ctx), ctx.timeoutMs)
      } catch (error) {
        const why = error instanceof PreconditionError ? error.message : describe(error)
        return result('PRECONDITION_FAILED', `given "${given.state}": ${why}`, subtests)
      }
    }
    for (const [i, step] of scenario.steps.entries()) {
      const name = `step ${i + 1}: ${step.action}`
      const outcome = await runStep(step, ctx, options)
      subtests.push({
        name,
        status: outcome.status,
        ...(outcome.message ? { message: outcome.message } : {}),
      })
      if (outcome.status !== 'PASS') {
        const note = step.note ? ` (${step.note})` : ''
        return result(outcome.status, `${name}${note}: ${outcome.message}`, subtests)
      }
    }
    return result('PASS', undefined, subtests)
  } finally {
    for (const fn of undo.reverse()) await fn().catch(() => {})
  }
}

async function runStep(
  step: Scenario['steps'][number],
  ctx: ScenarioContext,
  options: RunOptions,
): Promise<{ status: Status; message?: string }> {
  const def = findAction(
    ctx.scenario.provider,
    ctx.scenario.transport,
    step.action,
    options.actions,
  )!
  let value: unknown
  let expected: unknown
  try {
    const args = fill(step.args, ctx.vars)
    // Filled before the call, inside the try: an unknown variable there is this scenario's
    // FAIL, not an exception that ends the whole run.
    expected = fill(step.expect, ctx.vars)
    value = await withTimeout(def.run(args, ctx), ctx.timeoutMs)
  } catch (error) {
    // The step's own limit, or a wait cut by `AbortSignal.timeout` (a client's own limit, the
    // wait for a callback).
    const timedOut = (e: unknown) => e instanceof Error && e.name === 'TimeoutError'
    if (timedOut(error) || timedOut((error as { cause?: unknown }).cause))
      return {
        status: 'TIMEOUT',
        // An action with its own limit (an application's trigger) says what it waited for.
        message:
          (error as { code?: unknown }).code === 'SMSIM_TIMEOUT'
            ? (error as Error).message
            : `no answer within ${ctx.timeoutMs} ms`,
      }
    if (error instanceof PreconditionError)
      return { status: 'PRECONDITION_FAILED', message: error.message }
    return { status: 'FAIL', message: describe(error) }
  }
  if (expected !== undefined) {
    const problems = mismatches(value, expected)
    if (problems.length)
      return {
        status: 'FAIL',
        message: `${problems.join('; ')}${problems.length > 1 || !problems[0]!.includes(show(value)) ? ` — the answer was ${show(value)}` : ''}`,
      }
  }
  for (const [name, path] of Object.entries(step.save ?? {})) ctx.vars[name] = valueAt(value, path)
  return { status: 'PASS' }
}

function describe(error: unknown): string {
  if (error instanceof Error) {
    const cause = (error as Error & { cause?: unknown }).cause
    return cause instanceof Error ? `${error.message}: ${cause.message}` : error.message
  }
  return String(error)
}

class TimeoutError extends Error {
  override name = 'TimeoutError'
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined
  return Promise.race([
    promise,
    new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new TimeoutError(`no answer within ${ms} ms`)), ms)
    }),
  ]).finally(() => clearTimeout(timer))
}

/**
 * Readers–writer lock: any number of shared holders, or one exclusive holder. Waiting
 * exclusive holders go first, so they are not starved by a stream of shared ones.
 */
export class SharedLock {
  #shared = 0
  #exclusive = false
  #queue: { exclusive: boolean; grant: () => void }[] = []

  acquire(exclusive: boolean): Promise<() => void> {
    return new Promise((resolve) => {
      this.#queue.push({ exclusive, grant: () => resolve(() => this.#release(exclusive)) })
      this.#pump()
    })
  }

  #release(exclusive: boolean): void {
    if (exclusive) this.#exclusive = false
    else this.#shared--
    this.#pump()
  }

  #pump(): void {
    while (this.#queue.length && !this.#exclusive) {
      const head = this.#queue[0]!
      if (head.exclusive) {
        if (this.#shared > 0) return
        this.#exclusive = true
      } else {
        this.#shared++
      }
      this.#queue.shift()
      head.grant()
    }
  }
}
