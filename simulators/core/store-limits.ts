/**
 * How much the store keeps (simulators/core/memory-store.ts, and on disk sqlite-store.ts): the
 * most records of each kind, their byte budgets, and the estimated size of a record that the
 * budgets are counted in. README "What smsim keeps" documents them.
 */
import { OBJECT_BYTES, SLOT_BYTES, STRING_BYTES } from './bounds.ts'
import type { Mail, Sms } from './model.ts'

/**
 * Most records kept of each kind (SMS, mails, journal entries, ledger entries), and most keys of
 * the duplicate index and of the marks. A simulator left running under a load test must not grow
 * without bound; past the limit the oldest records are dropped (SMS still pending delivery are
 * kept), and a duplicate older than 200,000 sends is no longer refused.
 */
export const MAX_RECORDS = 200_000

const MiB = 1024 * 1024

/**
 * Byte budgets, beside the count: past its budget a list drops its oldest records as it does
 * past {@link MAX_RECORDS}. Sizes are estimates (see {@link KeptList}). Each budget is above
 * what 200,000 ordinary records take, so that under ordinary traffic the count is what binds,
 * and binds before memory does when records are large (texts of many parts, long addresses):
 * at most about 600 MiB of records in all, with the heap and the process around it.
 *
 * SMS: ~400 B each for a short text (bench/README.md, issue 17), 16 ASPSMS parts at most.
 */
export const MAX_SMS_BYTES = 256 * MiB
/** Outbox mails: replies are a few hundred bytes; an iSendPro Ack echoes the mail's emailId. */
export const MAX_OUTBOX_BYTES = 64 * MiB
/** Journal entries: each is bounded to ~64 KiB (bounds.ts), ordinary ones to under 1 KiB. */
export const MAX_JOURNAL_BYTES = 128 * MiB
/** Ledger entries: about 110 B each. */
export const MAX_LEDGER_BYTES = 64 * MiB
/**
 * The 24 h duplicate index: each key holds the account, the number and the whole text (up to
 * 16 parts), so that a duplicate is recognised exactly.
 */
export const MAX_DUPLICATE_INDEX_BYTES = 64 * MiB
/** Marks (iSendPro's emailIds processed): an emailId is the client's, as long as it likes. */
export const MAX_MARK_BYTES = 16 * MiB

/**
 * Estimated heap bytes of a record beside its variable strings: the object, its ISO dates, its
 * history (a delivered SMS has one or two entries), its id. Measured with `node --expose-gc`
 * on records of short texts (`npx tsx --expose-gc bench/memory-per-sms.ts --breakdown`, issue
 * 17: an SMS 360 B with its strings, a ledger entry 112 B; test/stress/memory.ts reads the
 * store's estimates back). The duplicate-check key has a budget of its own.
 */
export const SMS_RECORD_BYTES = 320
export const MAIL_RECORD_BYTES = 320
export const LEDGER_RECORD_BYTES = 96

/** The store's retention bounds; tests lower them to see them work without filling gigabytes. */
export interface StoreLimits {
  /** Most records of each list, and most keys of each index. */
  maxRecords: number
  smsBytes: number
  outboxBytes: number
  journalBytes: number
  ledgerBytes: number
  duplicateIndexBytes: number
  markBytes: number
}

/** The bounds documented above, as {@link StoreLimits}. */
export const STORE_LIMITS: Readonly<StoreLimits> = Object.freeze({
  maxRecords: MAX_RECORDS,
  smsBytes: MAX_SMS_BYTES,
  outboxBytes: MAX_OUTBOX_BYTES,
  journalBytes: MAX_JOURNAL_BYTES,
  ledgerBytes: MAX_LEDGER_BYTES,
  duplicateIndexBytes: MAX_DUPLICATE_INDEX_BYTES,
  markBytes: MAX_MARK_BYTES,
})

/** The estimated bytes of an SMS: see {@link SMS_RECORD_BYTES}; `meta`'s strings counted. */
export function smsBytes(sms: Sms): number {
  let bytes =
    SMS_RECORD_BYTES +
    sms.text.length +
    sms.to.length +
    sms.account.length +
    (sms.from?.length ?? 0)
  const meta = sms.meta
  for (const key in meta) {
    const value = meta[key]
    bytes += SLOT_BYTES + key.length + (typeof value === 'string' ? STRING_BYTES + value.length : 0)
  }
  return bytes
}

/** The estimated bytes of a mail: see {@link MAIL_RECORD_BYTES}; its headers counted. */
export function mailBytes(mail: Mail): number {
  let bytes =
    MAIL_RECORD_BYTES +
    mail.from.length +
    mail.to.length +
    mail.subject.length +
    mail.text.length +
    (mail.account?.length ?? 0)
  if (mail.headers) {
    bytes += OBJECT_BYTES
    for (const key in mail.headers) bytes += SLOT_BYTES + key.length + mail.headers[key]!.length
  }
  for (const secret of mail.secrets ?? []) bytes += STRING_BYTES + secret.length
  return bytes
}
