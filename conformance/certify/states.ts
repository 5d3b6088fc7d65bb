/**
 * The one precondition of the certification suite: the school's own ASPSMS account. Against
 * smsim it is made with the school's UserKey and Password (so the suite exercises exactly the
 * credentials the school registered); against the real ASPSMS it is the school's account as it
 * is, and nothing is created.
 *
 * Given to the runner beside the common states (`states: [...STATES, ...CERTIFY_STATES]`): the
 * suite under scenarios/certification/ needs them to load.
 */
import { parseMobile } from '../../simulators/core/phone.ts'
import { PreconditionError, type ScenarioContext, type StateDef } from '../context.ts'
import { createAccount } from '../states.ts'
import type { Vars } from '../template.ts'

/**
 * Credits the school's simulated account starts with: the smallest lot on the Syndicat's price
 * list ("1 000 SMS").
 */
export const DEFAULT_CREDITS = 1000
/**
 * Below this balance a school is not certified: one alert to a group of ten parents costs ten
 * credits, so 100 is about ten alerts — enough to start a season, not to run one.
 */
export const DEFAULT_MIN_CREDITS = 100

/**
 * The certification's variables a plain conformance run does not have, with what they are
 * when the suite runs without a school (`smsim conformance` over every suite).
 */
const SUITE_DEFAULTS: Vars = {
  originator: 'ESF',
  school: 'ESF smsim',
  schoolCode: '00000',
  credits: DEFAULT_CREDITS,
  minCredits: 1,
}

/**
 * Fills in what a run without a school lacks, and writes the test phone in E.164: ASPSMS is an
 * international gateway, and a number without its country code is never delivered.
 */
function completeVars(vars: Vars): void {
  for (const [name, value] of Object.entries(SUITE_DEFAULTS))
    if (!(name in vars)) vars[name] = value
  const phone = String(vars.phone ?? '')
  if (!phone.startsWith('+')) {
    const mobile = parseMobile(phone)
    if (mobile) vars.phone = mobile.e164
  }
}

interface AccountSnapshot {
  credits: number
  options: Record<string, unknown>
}

/**
 * The school's account for this scenario only. Absent from the simulator, it is made with the
 * school's UserKey and Password and `credits` (else `${credits}`) credits, and deleted
 * afterwards. Already there (a shared smsim where the Syndicat keeps its schools' accounts), it
 * is the school's account as the simulator knows it — its Password, its balance — like the real
 * one live; only an explicit balance is set, and what the scenario spent is put back after it.
 */
async function schoolAccount(ctx: ScenarioContext, credits: number | undefined): Promise<void> {
  completeVars(ctx.vars)
  const control = ctx.target.control
  if (!control) {
    // A live endpoint: the school's real account, with whatever balance it really has.
    const credentials = ctx.target.credentials
    if (credentials) {
      ctx.vars.account = credentials.id
      ctx.vars.secret = credentials.secret
    }
    return
  }
  const { provider } = ctx.scenario
  const id = String(ctx.vars.account)
  const path = `/accounts/${provider}/${encodeURIComponent(id)}`
  const existing = await control.get<AccountSnapshot>(path).catch(() => undefined)
  if (existing) {
    ctx.defer(async () => {
      await control.patch(path, { credits: existing.credits, options: existing.options })
    })
    if (credits !== undefined) await control.patch(path, { credits })
    return
  }
  const balance = credits ?? Number(ctx.vars.credits)
  if (!Number.isFinite(balance) || balance < 0)
    throw new PreconditionError(`credits must be a number ≥ 0, not ${String(ctx.vars.credits)}`)
  await createAccount(ctx, balance)
}

/** The certification's states. */
export const CERTIFY_STATES: readonly StateDef[] = [
  {
    pattern: "the school's account",
    description:
      "the school's ASPSMS account, with its UserKey and Password (smsim: made with `${credits}` credits; a live endpoint: the school's real account)",
    setup: (_params, ctx) => schoolAccount(ctx, undefined),
  },
  {
    pattern: "the school's account has {credits} credits",
    description:
      "the school's ASPSMS account holding exactly this many credits (smsim only: a live balance cannot be set)",
    async setup(params, ctx) {
      if (!ctx.target.control)
        throw new PreconditionError(`${ctx.target.label} is live: its balance cannot be set`)
      const credits = Number(params.credits)
      if (!Number.isFinite(credits))
        throw new PreconditionError(`credits is not a number: ${String(params.credits)}`)
      await schoolAccount(ctx, credits)
    },
  },
]
