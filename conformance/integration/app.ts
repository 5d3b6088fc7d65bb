/**
 * Integration certification: the team's application is the client. For each scenario the
 * runner puts smsim in a state (no credit, a blacklisted number, a message sent 23 h ago…),
 * triggers the application, then judges what smsim received (the journal, the phones) and
 * what the application did (its exit status and output, or its HTTP answer).
 *
 * The `app` transport's verbs: `trigger`, and `journal`, `messages` and `mails` narrowed to what
 * happened since the scenario's first trigger — the application's account is the same in every
 * scenario, so the shared verbs would also count earlier scenarios and the preconditions' sends.
 */
import { existsSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { PROVIDERS } from '../../simulators/providers.ts'
import { ACTION_SETS } from '../actions/index.ts'
import {
  BadSuiteError,
  controlOf,
  type ActionSet,
  type ScenarioContext,
  type StateDef,
} from '../context.ts'
import { INTEGRATION_SUITES_DIR, loadSuites } from '../load.ts'
import type { RunReport, Scenario } from '../model.ts'
import type { Reporter } from '../reporters/reporter.ts'
import { runScenarios } from '../runner.ts'
import { STATES } from '../states.ts'
import type { Target } from '../target.ts'
import { DEFAULT_TRIGGER_TIMEOUT_MS, type AppConfig } from './config.ts'
import { INTEGRATION_STATES } from './states.ts'
import { runTrigger, type TriggerInput } from './trigger.ts'

export {
  AppConfigError,
  loadAppConfig,
  parseAppConfig,
  TRIGGER_VARIABLES,
  type AppConfig,
  type AppTrigger,
} from './config.ts'
export { INTEGRATION_STATES } from './states.ts'
export type { TriggerResult } from './trigger.ts'

/**
 * How much longer than a trigger a step may take: the trigger's own timeout must fire first, so
 * that the application is killed and the report says what it printed.
 */
const STEP_MARGIN_MS = 5_000

/** What smsim held when the scenario first triggered the application. */
interface Mark {
  seq: number
  sms: Set<string>
  mails: Set<string>
}

/** Per running scenario; gone with it. */
const marks = new WeakMap<ScenarioContext, Mark>()

interface JournalEntry {
  seq: number
  account?: string
  request?: unknown
}

/**
 * The `app` transport of the config's provider: `trigger` runs the application once, and
 * `journal`, `messages`, `mails` read what it caused.
 *
 * @example
 * const actions = [...ACTION_SETS, appActionSet(config)]
 * // a suite step: `- trigger: { to: '${phone}', text: Bonjour }` → `{ ok, output, exitCode, stdout, stderr }`
 */
export function appActionSet(config: AppConfig): ActionSet {
  const timeoutMs = config.timeoutMs ?? DEFAULT_TRIGGER_TIMEOUT_MS
  return {
    provider: config.provider,
    transport: 'app',
    actions: {
      trigger: {
        description:
          'runs the application once (`trigger: { to, text }`) → `{ ok, output, exitCode, stdout, stderr }` for a command, `{ ok, output, status, body }` for an HTTP trigger',
        async run(raw, ctx) {
          const args = (raw ?? {}) as Partial<TriggerInput>
          if (typeof args.to !== 'string' || typeof args.text !== 'string')
            throw new BadSuiteError('trigger needs { to: "…", text: "…" } (strings)')
          if (ctx.target.control && !marks.has(ctx)) marks.set(ctx, await markNow(ctx))
          return runTrigger(
            config.trigger,
            triggerVars(config, ctx),
            args as TriggerInput,
            timeoutMs,
          )
        },
      },
      journal: {
        description:
          "the requests smsim received with the application's credentials since the scenario's first trigger",
        needsControl: true,
        run: (_args, ctx) => appJournal(ctx),
      },
      messages: {
        description:
          "the SMS of the application's account since the scenario's first trigger, oldest first (`messages: { to: '${phone}' }` filters)",
        needsControl: true,
        async run(args, ctx) {
          const list = await controlOf(ctx).get<{ id: string }[]>(
            `/messages${query({ ...asRecord(args), provider: ctx.scenario.provider, account: String(ctx.vars.account) })}`,
          )
          const before = marks.get(ctx)?.sms
          return before ? list.filter((m) => !before.has(m.id)) : list
        },
      },
      mails: {
        description:
          "the mails the provider sent since the scenario's first trigger to the application's account (its e-mail or its account), or to an address its requests named (a mail provider's answer to the From, iSendPro's emailAck and emailNot)",
        needsControl: true,
        async run(_args, ctx) {
          const [list, journal] = await Promise.all([
            controlOf(ctx).get<{ id: string; to: string; account?: string }[]>(
              `/mails${query({ provider: ctx.scenario.provider })}`,
            ),
            appJournal(ctx),
          ])
          const id = String(ctx.vars.account).toLowerCase()
          // A refusal before the account was known (a wrong key) is mailed without an account.
          const named = new Set(journal.flatMap((e) => repliesTo(e.request)))
          const before = marks.get(ctx)?.mails
          return list.filter(
            (m) =>
              (m.account?.toLowerCase() === id ||
                m.to.toLowerCase() === id ||
                named.has(m.to.toLowerCase())) &&
              !before?.has(m.id),
          )
        },
      },
    },
  }
}

/**
 * The requests smsim received with the application's credentials since the scenario's first
 * trigger: those smsim files under the account (`?account=` finds them by the clear id even
 * where the journal shows it masked, as iSendPro's keyid), and those refused before the
 * account was known whose request still names it.
 */
async function appJournal(ctx: ScenarioContext): Promise<JournalEntry[]> {
  const provider = ctx.scenario.provider
  const account = String(ctx.vars.account)
  const [entries, own] = await Promise.all([
    controlOf(ctx).get<JournalEntry[]>(`/journal?provider=${provider}`),
    controlOf(ctx).get<JournalEntry[]>(`/journal${query({ provider, account })}`),
  ])
  const seq = marks.get(ctx)?.seq ?? 0
  const ownSeqs = new Set(own.map((e) => e.seq))
  const id = account.toLowerCase()
  // Refused before the account was known (a wrong secret, a fault): the request still
  // carries the account's id, decoded or as it came in a query string.
  const forms = [id, new URLSearchParams({ id }).toString().slice(3)]
  return entries.filter((e) => {
    if (e.seq <= seq) return false
    if (ownSeqs.has(e.seq)) return true
    if (e.account !== undefined) return e.account.toLowerCase() === id
    const request = JSON.stringify(e.request ?? '').toLowerCase()
    return forms.some((form) => request.includes(form))
  })
}

/** The addresses a mail request asked the provider to answer to, as the journal keeps them. */
function repliesTo(request: unknown): string[] {
  const r = asRecord(request)
  return [r.from, r.ackTo, r.notTo]
    .filter((a): a is string => typeof a === 'string' && a.includes('@'))
    .map((a) => a.toLowerCase())
}

async function markNow(ctx: ScenarioContext): Promise<Mark> {
  const control = controlOf(ctx)
  const provider = ctx.scenario.provider
  const [journal, sms, mails] = await Promise.all([
    control.get<{ seq: number }[]>(`/journal?provider=${provider}`),
    control.get<{ id: string }[]>(`/messages?provider=${provider}`),
    control.get<{ id: string }[]>(`/mails?provider=${provider}`),
  ])
  return {
    seq: journal.reduce((max, e) => Math.max(max, e.seq), 0),
    sms: new Set(sms.map((m) => m.id)),
    mails: new Set(mails.map((m) => m.id)),
  }
}

function asRecord(value: unknown): Record<string, unknown> {
  return value !== null && typeof value === 'object' ? (value as Record<string, unknown>) : {}
}

function query(filters: Record<string, unknown>): string {
  const entries = Object.entries(filters)
    .filter(([, v]) => v !== undefined && v !== null)
    .map(([k, v]): [string, string] => [k, String(v)])
  return entries.length ? `?${new URLSearchParams(entries).toString()}` : ''
}

/** The SMSIM_* variables for this target (see TRIGGER_VARIABLES). */
function triggerVars(config: AppConfig, ctx: ScenarioContext): Record<string, string> {
  const { target } = ctx
  const prefix = PROVIDERS.find((p) => p.id === config.provider)?.prefix ?? `/${config.provider}`
  return {
    SMSIM_URL: target.kind === 'foreign' ? target.url : `${target.url}${prefix}`,
    SMSIM_HTTP: target.url,
    SMSIM_SMTP_HOST: target.smtp.host,
    SMSIM_SMTP_PORT: String(target.smtp.port),
    SMSIM_PROVIDER: config.provider,
    SMSIM_ACCOUNT: String(ctx.vars.account),
    SMSIM_SECRET: String(ctx.vars.secret),
  }
}

/** What {@link runIntegration} takes: the config, the target, and the run's settings. */
export interface IntegrationOptions {
  config: AppConfig
  target: Target
  reporters?: readonly Reporter[]
  /** One trigger's limit, overriding the config's `timeoutMs`. */
  timeoutMs?: number
  /**
   * Where the suites are: a folder of integration suites, or a suites root whose `integration/`
   * folder holds them (default {@link INTEGRATION_SUITES_DIR}).
   */
  suitesDir?: string
  /** Runs only the scenarios it keeps (`--grep`, a test). */
  select?: (scenario: Scenario) => boolean
  runId?: string
  /** For the report's times (default `Date.now`; tests pass a fixed one). */
  wallClock?: () => number
}

/**
 * Runs the integration suites of the config's provider against a smsim target, one scenario at
 * a time (they share the application's account), and returns the report.
 *
 * @throws {BadSuiteError} when no suite covers the config's provider.
 * @example
 * const config = await loadAppConfig('examples/sample-app/smsim.app.yaml')
 * const target = await embeddedTarget()
 * const report = await runIntegration({ config, target, reporters: [defaultReporter()] })
 * await target.close()
 * process.exitCode = runSucceeded(report) ? 0 : 1
 */
export async function runIntegration(options: IntegrationOptions): Promise<RunReport> {
  const triggerMs = options.timeoutMs ?? options.config.timeoutMs ?? DEFAULT_TRIGGER_TIMEOUT_MS
  const config = { ...options.config, timeoutMs: triggerMs }
  // Every provider's `app` verbs, so that the other providers' suites load (and are left out).
  const actions = [
    ...ACTION_SETS,
    ...PROVIDERS.map((p) => appActionSet({ ...config, provider: p.id })),
  ]
  const states = [...STATES, ...INTEGRATION_STATES].map((s) =>
    withAccountOptions(s, config.account.options),
  )
  const dir = integrationDir(options.suitesDir)
  const suites = loadSuites(dir, { actions, states }).filter(
    (s) => s.provider === config.provider && s.transports.includes('app'),
  )
  if (!suites.length)
    throw new BadSuiteError(`no integration suite for ${config.provider} in ${dir}`)
  const scenarios = suites
    .flatMap((s) => s.scenarios)
    .filter((s) => s.transport === 'app')
    // Scenarios `http-…` (allmysms's HTTP API) and `rest-…` (iSendPro's REST API) certify the
    // HTTP interface; the others the default one (mail).
    .filter((s) => /\/(http|rest)-/.test(s.id) === (config.interface === 'http'))
    .filter(options.select ?? (() => true))
  return runScenarios({
    target: options.target,
    scenarios,
    concurrency: 1,
    timeoutMs: triggerMs + STEP_MARGIN_MS,
    actions,
    states,
    vars: {
      account: config.account.id,
      secret: config.account.secret,
      // SMStoB writes to the account's e-mail: that is where its error mails go.
      ...(config.provider === 'smstob' ? { mailFrom: config.account.id } : {}),
    },
    ...(config.expectations ? { expectations: config.expectations } : {}),
    ...(options.reporters ? { reporters: options.reporters } : {}),
    ...(options.runId ? { runId: options.runId } : {}),
    ...(options.wallClock ? { wallClock: options.wallClock } : {}),
  })
}

/** The states that create the scenario account: they take an `options` parameter. */
const ACCOUNT_STATES = new Set(['an account', 'account has {credits} credits'])

/**
 * A state creating the account with the config's account options under the scenario's own:
 * the account smsim creates is the one the application is configured for (iSendPro's sender
 * domains), and a scenario still says what it is about (`commercialExempt: false`).
 */
function withAccountOptions(
  state: StateDef,
  options: Record<string, unknown> | undefined,
): StateDef {
  if (!options || !ACCOUNT_STATES.has(state.pattern)) return state
  return {
    ...state,
    setup: (params, ctx) =>
      state.setup({ ...params, options: { ...options, ...asRecord(params.options) } }, ctx),
  }
}

/** The integration folder of a suites root, or the folder itself. */
function integrationDir(dir: string | undefined): string {
  if (dir === undefined) return INTEGRATION_SUITES_DIR
  const nested = join(dir, 'integration')
  return existsSync(nested) && statSync(nested).isDirectory() ? nested : dir
}
