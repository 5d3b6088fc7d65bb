/**
 * InquireDeliveryNotifications: the delivery records of the SMS sent with the given
 * transaction reference numbers, "0.25 credits per transaction reference number".
 *
 * Statuses (XMLSPEC Appendix a): -1 not yet submitted (a deferred SMS), 1 buffered, 0 delivered,
 * 2 not delivered. Reason codes (Appendix b) from the number's state: unassigned 101 "Unknown
 * subscriber", blacklisted 103 "Call barred", refused 108 "Delivery fail", full SIM 116
 * "Error in MS", phone off 107 "Absent subscriber" while buffered and 108 once the lifetime ran
 * out, no country code 206 "Invalid destination address" (the mapping is ours).
 *
 * @see shared/research/aspsms.md — §1.3, §2.4, §3.3, §5.2, §5.3
 */
import type { Effect } from '../core/effects.ts'
import type { Account, Sms } from '../core/model.ts'
import type { StateView } from '../core/store.ts'
import type { AspsmsDeliveryStatus } from './codes.ts'
import type { AspsmsReply, DeliveryRecord } from './reply.ts'

/** "InquireDeliveryNotifications costs 0.25 credits per transaction reference number." */
export const INQUIRY_PRICE = 0.25

const REASONS: Record<string, number> = {
  unassigned: 101,
  blacklisted: 103,
  rejected: 108,
  'memory-full': 116,
  absent: 108,
  'invalid-destination': 206,
}

/** The delivery record of an SMS. */
export function deliveryRecord(sms: Sms): DeliveryRecord {
  const status: AspsmsDeliveryStatus =
    sms.status === 'scheduled'
      ? -1
      : sms.status === 'buffered'
        ? 1
        : sms.status === 'delivered'
          ? 0
          : 2
  const base = {
    trn: String(sms.meta.trn ?? ''),
    status,
    recipient: String(sms.meta.recipient ?? sms.to),
  }
  if (status === -1) return base
  const submittedAt = sms.scheduledAt ?? sms.submittedAt
  if (status === 1)
    return { ...base, submittedAt, notifiedAt: sms.history.at(-1)?.at ?? submittedAt, reason: 107 }
  if (status === 0) return { ...base, submittedAt, notifiedAt: sms.deliveredAt!, reason: 0 }
  return {
    ...base,
    submittedAt,
    notifiedAt: sms.failedAt!,
    reason: REASONS[sms.reason ?? ''] ?? 108,
  }
}

export function decideInquire(
  trns: readonly string[],
  account: Account,
  view: StateView,
): { reply: AspsmsReply; effects: Effect[] } {
  if (trns.length === 0) return { reply: { kind: 'status', status: 23 }, effects: [] }
  const cost = INQUIRY_PRICE * trns.length
  if (cost > account.credits) return { reply: { kind: 'status', status: 5 }, effects: [] }
  const latest = new Map<string, Sms>()
  for (const sms of view.messages({ provider: 'aspsms', account: account.id })) {
    if (typeof sms.meta.trn === 'string') latest.set(sms.meta.trn, sms)
  }
  const records = trns.flatMap((trn) => {
    const sms = latest.get(trn)
    return sms ? [deliveryRecord(sms)] : []
  })
  return {
    reply: { kind: 'notifications', records },
    effects: [
      {
        kind: 'debit',
        provider: 'aspsms',
        account: account.id,
        amount: cost,
        reason: 'InquireDeliveryNotifications',
      },
    ],
  }
}
