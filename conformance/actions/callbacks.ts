/**
 * The `callbacks` verb: the calls a provider made to the scenario's `${callbackUrl}` (ASPSMS's
 * delivery notifications), waiting for them when a count is given.
 */
import { BadSuiteError, type ActionSet } from '../context.ts'

export const CALLBACK_ACTIONS: ActionSet = {
  provider: '*',
  transport: '*',
  actions: {
    callbacks: {
      description:
        'the calls made to `${callbackUrl}` so far, oldest first, as `[{ method, path, answered }]`; `callbacks: { count: 2 }` waits until there are at least 2 (TIMEOUT if they never come). Under `${callbackUrl}/fail/` the receiver answers 500',
      async run(raw, ctx) {
        if (!ctx.callbacks) throw new BadSuiteError('no callback receiver in this run')
        const count = Number((raw as { count?: unknown } | null)?.count ?? 0)
        if (!Number.isInteger(count) || count < 0)
          throw new BadSuiteError(`callbacks: count must be a whole number ≥ 0, not ${count}`)
        return ctx.callbacks.waitFor(count, AbortSignal.timeout(ctx.timeoutMs))
      },
    },
  },
}
