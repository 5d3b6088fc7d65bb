/**
 * The network: what becomes of an SMS once a provider accepts it, from the number's state.
 * Pure: given the message, the state and the instant it reaches the network, it returns the
 * transitions to come. The store applies them as the clock passes their time.
 */
import type { NumberState } from './numbers.ts'
import type { Sms, SmsStatus } from './model.ts'

export interface Transition {
  at: number
  status: SmsStatus
  reason?: string
}

/** Lifetime of an SMS when the provider sets none: three days, the usual SMSC default. */
export const DEFAULT_VALIDITY_MS = 3 * 24 * 3600_000

/**
 * What happens to `sms` when it reaches the network at `at` (ms since the epoch).
 *
 * @example
 * routeSms(sms, { status: 'absent', backAfterMs: 600_000 }, t)
 * // [{ at: t, status: 'buffered' }, { at: t + 600_000, status: 'delivered' }]
 */
export function routeSms(
  sms: Pick<Sms, 'class' | 'validityMs'>,
  state: NumberState,
  at: number,
): Transition[] {
  switch (state.status) {
    case 'ok':
    case 'mvno':
      return [{ at, status: 'delivered' }]
    case 'unassigned':
    case 'blacklisted':
    case 'rejected':
      return [{ at, status: 'failed', reason: state.status }]
    case 'memory-full':
      // A flash SMS is displayed, not stored: a full SIM does not stop it.
      return sms.class === 'flash'
        ? [{ at, status: 'delivered' }]
        : [{ at, status: 'failed', reason: 'memory-full' }]
    case 'absent': {
      const back = state.backAfterMs
      const end =
        back !== undefined && back < sms.validityMs
          ? { at: at + back, status: 'delivered' as const }
          : { at: at + sms.validityMs, status: 'expired' as const, reason: 'absent' }
      return [{ at, status: 'buffered', reason: 'absent' }, end]
    }
  }
}

/** Whether a status is final. */
export function isFinal(status: SmsStatus): boolean {
  return status === 'delivered' || status === 'failed' || status === 'expired'
}
