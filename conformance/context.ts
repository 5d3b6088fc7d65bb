/**
 * What a running scenario has at hand, and the two extension points the suites are written
 * against: actions (what a step does) and states (what a precondition sets up).
 */
import type { ProviderId } from '../simulators/core/model.ts'
import type { ReceivedCallback } from './callbacks.ts'
import type { Scenario, Transport } from './model.ts'
import type { Target } from './target.ts'
import type { Vars } from './template.ts'

export interface ScenarioContext {
  scenario: Scenario
  target: Target
  /** `${…}` values: account, secret, phone, phone2, mailFrom, n, runId, and what steps saved. */
  vars: Vars
  /** Each client call gives up after this long (the runner reports TIMEOUT). */
  timeoutMs: number
  /** Registers an undo (delete the account, restore the clock…), run after the scenario. */
  defer(undo: () => Promise<void>): void
  /**
   * The scenario's own callback URL (`${callbackUrl}`) and the calls it received; present when
   * the run's scenarios use the `callbacks` verb (see callbacks.ts).
   */
  callbacks?: {
    url: string
    waitFor(count: number, signal: AbortSignal): Promise<ReceivedCallback[]>
  }
}

/** One verb a step can use, e.g. `send` or `checkCredits`. */
export interface ActionDef {
  /** What it does, for `smsim conformance --list-actions` and the docs. */
  description: string
  /** Reads or changes the target's state through the control API. */
  needsControl?: boolean
  /** Changes what every scenario shares (the clock, faults): runs alone. */
  exclusive?: boolean
  run(args: unknown, ctx: ScenarioContext): Promise<unknown>
}

/** The verbs of one provider over one transport (`'*'`: available to every scenario). */
export interface ActionSet {
  provider: ProviderId | '*'
  transport: Transport | '*'
  actions: Record<string, ActionDef>
}

/** A precondition, named with its parameters: `account has {credits} credits`. */
export interface StateDef {
  /** The name with `{param}` placeholders; a suite writes it with values in their place. */
  pattern: string
  description: string
  /** Changes what every scenario shares (the clock, faults): the scenario runs alone. */
  exclusive?: boolean
  /**
   * Sets the state up. Throws {@link PreconditionError} when this target cannot meet it (a
   * foreign endpoint cannot be given credits): the scenario is then PRECONDITION_FAILED.
   */
  setup(params: Record<string, unknown>, ctx: ScenarioContext): Promise<void>
}

/** The target cannot be put in the state a scenario needs: PRECONDITION_FAILED, not FAIL. */
export class PreconditionError extends Error {
  readonly code = 'SMSIM_PRECONDITION'
  constructor(message: string) {
    super(message)
    this.name = 'PreconditionError'
  }
}

/** A suite file that cannot be run as written (unknown action, unknown state, bad shape). */
export class BadSuiteError extends Error {
  readonly code = 'SMSIM_BAD_SUITE'
  constructor(message: string) {
    super(message)
    this.name = 'BadSuiteError'
  }
}

/** The control API, or a PreconditionError saying the target has none. */
export function controlOf(ctx: ScenarioContext) {
  if (!ctx.target.control)
    throw new PreconditionError(`${ctx.target.label} has no smsim control API`)
  return ctx.target.control
}

/**
 * The base URL a client of `provider` uses on this target: smsim serves each provider under
 * its prefix, a foreign target is the provider's endpoint itself.
 */
export function providerBase(ctx: ScenarioContext, prefix: string): string {
  return ctx.target.kind === 'foreign' ? ctx.target.url : `${ctx.target.url}${prefix}`
}
