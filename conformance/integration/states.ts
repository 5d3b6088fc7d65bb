/**
 * The preconditions integration suites need beyond conformance/states.ts. The application's
 * account is the scenario account (the runner's `vars` give it the config's id and secret), so
 * `account has {credits} credits` already creates it; these add what only an integration run
 * needs: an account the application's secret does not open, and a message sent earlier.
 */
import { AspsmsJsonClient } from '../../client/aspsms/json.ts'
import { SmstobHttpClient } from '../../client/smstob/http.ts'
import { parsePhone } from '../../simulators/core/phone.ts'
import { controlOf, PreconditionError, providerBase, type StateDef } from '../context.ts'
import { createAccount } from '../states.ts'

const HOUR_MS = 3600_000

/**
 * The states integration suites may use, on top of STATES.
 *
 * @example
 * runScenarios({ target, scenarios, states: [...STATES, ...INTEGRATION_STATES], vars: { account, secret } })
 * // a suite: given: [{ state: 'a message {text} was sent to {to} {hours} h ago', text: Rappel, to: '${phone}', hours: 23 }]
 */
export const INTEGRATION_STATES: readonly StateDef[] = [
  {
    pattern: 'the application secret is wrong',
    description:
      "the application's account exists with 100 credits but another secret than the one the application is configured with (smsim only)",
    setup: (_params, ctx) => createAccount(ctx, 100, {}, `not-${String(ctx.vars.secret)}`),
  },
  {
    pattern: 'a message {text} was sent to {to} {hours} h ago',
    description:
      "the scenario account sent this text to this number that long ago, through smsim's reference client (the clock is set back for the send, then restored; the scenario runs alone)",
    exclusive: true,
    async setup(params, ctx) {
      const control = controlOf(ctx)
      const hours = Number(params.hours)
      if (!Number.isFinite(hours) || hours < 0)
        throw new PreconditionError(`hours is not a number of hours: ${String(params.hours)}`)
      const before = await control.get<{ now: string; frozen: boolean }>('/clock')
      const then = new Date(Date.parse(before.now) - hours * HOUR_MS).toISOString()
      await control.put('/clock', { now: then, frozen: true })
      try {
        const sent = await referenceSend(String(params.to), String(params.text), ctx)
        if (!sent.ok)
          throw new PreconditionError(`the reference client's send was refused: ${sent.why}`)
      } finally {
        await control.put('/clock', { now: before.now, frozen: before.frozen })
      }
    },
  },
]

/** One SMS through the provider's reference client, with the scenario's credentials. */
async function referenceSend(
  to: string,
  text: string,
  ctx: Parameters<StateDef['setup']>[1],
): Promise<{ ok: boolean; why: string }> {
  const account = String(ctx.vars.account)
  const secret = String(ctx.vars.secret)
  switch (ctx.scenario.provider) {
    case 'smstob': {
      const client = new SmstobHttpClient({
        baseUrl: providerBase(ctx, '/smstob'),
        email: account,
        pass: secret,
        timeoutMs: ctx.timeoutMs,
      })
      const result = await client.send({ numero: to, message: text })
      return { ok: result.ok, why: `${String(result.code)} ${result.meaning}` }
    }
    case 'aspsms': {
      const client = new AspsmsJsonClient({
        baseUrl: `${providerBase(ctx, '/aspsms')}/json`,
        userKey: account,
        password: secret,
        timeoutMs: ctx.timeoutMs,
      })
      // ASPSMS wants the country code: a national number would be sent and never delivered.
      const recipient = parsePhone(to)?.e164 ?? to
      const result = await client.sendText({ recipients: [recipient], text })
      return { ok: result.ok, why: `${result.status} ${result.statusText}` }
    }
    default:
      throw new PreconditionError(
        `no reference send for ${ctx.scenario.provider} in integration suites yet`,
      )
  }
}
