/**
 * The account's blacklist: the numbers that answered STOP to 36180, as allmysms keeps them per
 * account whatever the interface sends (`getBlacklist`, research §B.1.1 [DAVAXI-ACCOUNT]). smsim
 * records a number here when an HTTP send meets it on the STOP list (its number state
 * `blacklisted`); from then on neither Mail2SMS nor the HTTP API sends to it on this account,
 * even once its state is restored (ours).
 */
import type { Account } from '../core/model.ts'

/** One entry, as `getBlacklist` answers it. */
export interface BlacklistEntry {
  /** E.164 without `+` (`33612121515`). */
  phoneNumber: string
  comment: string
  /** `YYYY-MM-DD hh:mm:ss`, Paris time. */
  receptionDate: string
}

/** The account's blacklist, kept in its options (`blacklist`). */
export function blacklistOf(account: Account): BlacklistEntry[] {
  const list = account.options.blacklist
  return Array.isArray(list) ? (list as BlacklistEntry[]) : []
}

/** Whether the account's blacklist holds this E.164 number. */
export function isOnAccountBlacklist(account: Account, e164: string): boolean {
  const bare = e164.replace(/^\+/, '')
  return blacklistOf(account).some((entry) => entry.phoneNumber === bare)
}
