/**
 * What an ASPSMS decision answers, before any interface writes it: a status code, a balance,
 * delivery records, a text or voucher rows. The codecs render it (`StatusCode:1`,
 * `<ErrorCode>1</ErrorCode>`, `{"StatusCode":"1"}`…).
 */
import type { AspsmsDeliveryStatus } from './codes.ts'

/** One delivery record of InquireDeliveryNotifications. */
export interface DeliveryRecord {
  trn: string
  status: AspsmsDeliveryStatus
  /** Submission and notification instants (ISO, UTC); absent until known. */
  submittedAt?: string
  notifiedAt?: string
  /** Reason code (0 when delivered), absent while not submitted. */
  reason?: number
  recipient: string
}

export interface Voucher {
  code: string
  remark: string
  credits: number
  created: string
  redeemed: string
}

export type AspsmsReply =
  | { kind: 'status'; status: number; creditsUsed?: number }
  | { kind: 'credits'; credits: number }
  | { kind: 'notifications'; records: DeliveryRecord[] }
  | { kind: 'text'; text: string }
  | { kind: 'vouchers'; vouchers: Voucher[] }

/** The status a reply stands for (1 for every successful non-status reply). */
export function replyStatus(reply: AspsmsReply): number {
  return reply.kind === 'status' ? reply.status : 1
}
