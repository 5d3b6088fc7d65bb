/**
 * The named preconditions a suite can state, met through smsim's control API (Pact's state
 * handlers). Each sets something up and registers its undo, so that scenarios leave the
 * simulator as they found it and suites can share one simulator.
 */
import type { ProviderId } from '../simulators/core/model.ts'
import { controlOf, PreconditionError, type ScenarioContext, type StateDef } from './context.ts'

/**
 * The identity of a scenario's account and phones: unique per run and per scenario, so that
 * scenarios running side by side never see each other's messages, mails or 24-hour rule.
 */
export function scenarioVars(provider: ProviderId, runId: string, n: number) {
  const tag = `${runId}${n.toString(36)}`
  // An ordinary French mobile range outside smsim's magic numbers (+336000000NN).
  const offset = (parseInt(runId.slice(0, 3), 36) % 1000) * 1000
  const phone = (k: number) =>
    `07${String(70_000_000 + ((offset + n * 2 + k) % 1_000_000) * 7).slice(-8)}`
  const base = {
    n,
    runId,
    phone: phone(0),
    phone2: phone(1),
    mailFrom: `sc${tag}@ecole-${tag}.example`,
    mailDomain: `ecole-${tag}.example`,
  }
  switch (provider) {
    case 'smstob':
      // SMStoB knows an account by its e-mail, which is also the registered mail sender.
      return {
        ...base,
        account: `sc${tag}@smstob.test`,
        secret: `pw${tag}`,
        mailFrom: `sc${tag}@smstob.test`,
      }
    case 'aspsms':
      // An international gateway: a number without its country code is not delivered (206).
      return {
        ...base,
        phone: `+33${base.phone.slice(1)}`,
        phone2: `+33${base.phone2.slice(1)}`,
        account: `SC${tag.toUpperCase()}`,
        secret: `pw${tag}`,
      }
    case 'allmysms':
      return { ...base, account: `sc${tag}`, secret: `k${tag}`.padEnd(15, '0') }
    case 'isendpro':
      // A dash ends the tag before the padding: padded with digits alone, scenario 1's tag and
      // scenario 36's ("…1" and "…10") became the same keyid once a run had 37 scenarios.
      return { ...base, account: `${tag}-`.padEnd(20, '0').slice(0, 20), secret: '' }
  }
}

/** Options every scenario account starts with, before the suite's own. */
function defaultOptions(ctx: ScenarioContext): Record<string, unknown> {
  if (ctx.scenario.provider === 'isendpro')
    // Its mails come from the scenario's own domain; and the commercial window is shut only by
    // the scenarios about it (so a shared clock on a Sunday night cannot fail the others).
    return { senderDomains: [String(ctx.vars.mailDomain)], commercialExempt: true }
  return {}
}

/**
 * Creates the scenario's account (`${account}`, with `${secret}` unless another is given) on
 * the target and registers its deletion. For states of other runners (certify, integration).
 *
 * @example
 * await createAccount(ctx, 100, {}, `not-${String(ctx.vars.secret)}`) // the app's secret is wrong
 */
export async function createAccount(
  ctx: ScenarioContext,
  credits: number,
  options: Record<string, unknown> = {},
  secret = String(ctx.vars.secret),
): Promise<void> {
  const control = controlOf(ctx)
  const { provider } = ctx.scenario
  const id = String(ctx.vars.account)
  await control.post('/accounts', {
    provider,
    id,
    secret,
    credits,
    options: { ...defaultOptions(ctx), ...options },
  })
  ctx.defer(() => control.delete(`/accounts/${provider}/${encodeURIComponent(id)}`))
}

const number = (value: unknown, what: string): number => {
  const n = Number(value)
  if (!Number.isFinite(n)) throw new PreconditionError(`${what} is not a number: ${String(value)}`)
  return n
}

/** The scenarios whose clock is already put back at their end. */
const clockKept = new WeakSet<ScenarioContext>()

/**
 * Puts the target's clock back, at the end of the scenario, where it was before the scenario
 * first moved it (`clock at`, `advance`): a shared smsim is left as it was found. A clock that
 * runs is put back where it would be had nobody moved it (plus the scenario's wall time).
 *
 * @example
 * await restoreClockAfter(ctx)
 * await controlOf(ctx).post('/clock/advance', { ms: 86_400_000 })
 */
export async function restoreClockAfter(ctx: ScenarioContext): Promise<void> {
  if (clockKept.has(ctx)) return
  clockKept.add(ctx)
  const control = controlOf(ctx)
  const before = await control.get<{ now: string; frozen: boolean }>('/clock')
  const started = performance.now()
  ctx.defer(async () => {
    const elapsed = before.frozen ? 0 : performance.now() - started
    const now = new Date(Date.parse(before.now) + elapsed).toISOString()
    await control.put('/clock', { now, frozen: before.frozen })
  })
}

/** The states every suite may use. */
export const STATES: readonly StateDef[] = [
  {
    pattern: 'an account',
    description:
      'the scenario has an account (smsim: created with 1000 credits; a foreign target: the credentials given with --account/--secret)',
    async setup(params, ctx) {
      if (ctx.target.control) return createAccount(ctx, 1000, objectParam(params.options))
      const credentials = ctx.target.credentials
      if (!credentials)
        throw new PreconditionError(
          `${ctx.target.label} is not smsim: give its credentials (--account, --secret)`,
        )
      ctx.vars.account = credentials.id
      ctx.vars.secret = credentials.secret
    },
  },
  {
    pattern: 'account has {credits} credits',
    description: 'the scenario has an account holding exactly this many credits (smsim only)',
    setup: (params, ctx) =>
      createAccount(ctx, number(params.credits, 'credits'), objectParam(params.options)),
  },
  {
    pattern: 'clock at {time}',
    description:
      "the target's clock is frozen at this ISO 8601 time (restored afterwards; the scenario runs alone)",
    exclusive: true,
    async setup(params, ctx) {
      await restoreClockAfter(ctx)
      await controlOf(ctx).put('/clock', { now: String(params.time), frozen: true })
    },
  },
  {
    pattern: 'number {number} is {status}',
    description:
      'a phone number is unassigned, blacklisted, mvno, absent, memory-full or rejected (restored afterwards)',
    async setup(params, ctx) {
      const control = controlOf(ctx)
      const path = `/numbers/${encodeURIComponent(String(params.number))}`
      await control.put(path, { status: String(params.status) })
      ctx.defer(() => control.delete(path))
    },
  },
  {
    pattern: 'fault {fault}',
    description:
      'the provider answers with a fault (`{ refuse: { code } }`, `{ http500: 1 }`, `{ latencyMs }`…); the scenario runs alone',
    exclusive: true,
    async setup(params, ctx) {
      const control = controlOf(ctx)
      const path = `/faults/${ctx.scenario.provider}`
      // Put back as found: a fault someone set on a shared smsim stays theirs.
      const before = await control.get<{ refuse?: unknown }>(path)
      await control.put(path, { refuse: null, ...(params.fault as object) })
      ctx.defer(async () => void (await control.put(path, { refuse: null, ...before })))
    },
  },
]

function objectParam(value: unknown): Record<string, unknown> | undefined {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined
}
