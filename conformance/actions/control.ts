/**
 * The verbs every scenario may use, whatever its provider: they read or move the target's
 * state through smsim's control API (so a foreign target cannot run them: the scenario is then
 * PRECONDITION_FAILED).
 */
import { controlOf, type ActionSet, type ScenarioContext } from '../context.ts'
import { parseDuration } from '../duration.ts'
import { restoreClockAfter } from '../states.ts'

/** `{ to: '…', status: '…' }` → `?to=…&status=…`, scoped to the scenario's provider. */
function query(ctx: ScenarioContext, args: unknown, scoped: Record<string, string>): string {
  const filters = { ...scoped, ...((args ?? {}) as Record<string, unknown>) }
  const entries = Object.entries(filters)
    .filter(([, v]) => v !== undefined && v !== null)
    .map(([k, v]): [string, string] => [k, String(v)])
  return entries.length ? `?${new URLSearchParams(entries).toString()}` : ''
}

export const CONTROL_ACTIONS: ActionSet = {
  provider: '*',
  transport: '*',
  actions: {
    advance: {
      description:
        "moves the target's clock forward (`advance: 23h`, `90m`, `1d 2h`, or milliseconds) and releases what falls due; the clock is put back at the end of the scenario",
      needsControl: true,
      exclusive: true,
      run: async (args, ctx) => {
        const ms = parseDuration(args as string | number)
        // Put back at the end of the scenario: a shared smsim is not left hours ahead.
        await restoreClockAfter(ctx)
        return controlOf(ctx).post('/clock/advance', { ms })
      },
    },
    messages: {
      description:
        "the phones: the scenario account's SMS, oldest first, filtered (`messages: { to: '${phone}' }`)",
      needsControl: true,
      run: (args, ctx) =>
        controlOf(ctx).get(
          `/messages${query(ctx, args, { provider: ctx.scenario.provider, account: String(ctx.vars.account) })}`,
        ),
    },
    mails: {
      description: "the outbox: mails sent back to the scenario's sender (`mails: {}`)",
      needsControl: true,
      run: (args, ctx) =>
        controlOf(ctx).get(
          `/mails${query(ctx, args, { provider: ctx.scenario.provider, to: String(ctx.vars.mailFrom) })}`,
        ),
    },
    journal: {
      description: "the requests the target received for the scenario's account",
      needsControl: true,
      run: (args, ctx) =>
        controlOf(ctx).get(
          `/journal${query(ctx, args, { provider: ctx.scenario.provider, account: String(ctx.vars.account) })}`,
        ),
    },
    account: {
      description: "the scenario's account as the target holds it (`credits`, `options`)",
      needsControl: true,
      run: (_args, ctx) =>
        controlOf(ctx).get(
          `/accounts/${ctx.scenario.provider}/${encodeURIComponent(String(ctx.vars.account))}`,
        ),
    },
    setCredits: {
      description: "sets the scenario account's credits (`setCredits: 0`)",
      needsControl: true,
      run: (args, ctx) =>
        controlOf(ctx).patch(
          `/accounts/${ctx.scenario.provider}/${encodeURIComponent(String(ctx.vars.account))}`,
          { credits: Number(args) },
        ),
    },
  },
}
