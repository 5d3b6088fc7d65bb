/**
 * What the store keeps of a journal entry: the one place every entry goes through before it is
 * stored (`Store.addJournal`), whichever code wrote it — a provider, the engine's faults, the
 * SMTP gateway, the relay, the callbacks. It applies the two safety nets of issue 10: the bounds
 * of bounds.ts (nothing deep, wide or long is kept) and the masking of secrets.ts (nothing in
 * clear is ever kept: fields named as secrets, the values the provider pointed out as
 * credentials wherever they occur in the entry, secret parameters of raw query strings, and
 * the account itself where the provider's account ids are credentials — iSendPro's keyid).
 */
import { boundValue, cutText, MAX_STRING_CHARS, OBJECT_BYTES, STRING_BYTES } from './bounds.ts'
import type { JournalEntry } from './model.ts'
import {
  isIdentityName,
  isSecretName,
  MASK,
  maskQuery,
  maskSecret,
  maskUrl,
  secretMasker,
  type TextMasker,
} from './secrets.ts'

/** A journal entry as written, before the store numbers, bounds and masks it. */
export type NewJournalEntry = Omit<JournalEntry, 'seq'> & {
  /**
   * Values the provider read as credentials (a password taken from an address or a subject,
   * a keyid, right or wrong): masked wherever they occur in the entry. Never stored.
   */
  secrets?: readonly string[]
  /**
   * The account id a request named when no account was recognised (a wrong iSendPro keyid).
   * Never stored in clear: where the provider's ids are credentials, the store keeps a hash of
   * it, so that `journal({ account })` finds the request by the id it used.
   */
  claimedAccount?: string
}

/**
 * The entry as stored, with its approximate size in bytes for the store's byte budget.
 * `accountIsSecret`: the provider's account ids are credentials, so the `account` field is
 * masked too (the store keeps a way to find the entry by the clear id: see memory-store.ts).
 *
 * @example
 * journalRecord(
 *   { at, provider: 'smstob', transport: 'smtp', request: { to: 'XV65JU.0660919010@smstob.com', pass: 'XV65JU' }, secrets: ['XV65JU'] },
 *   7,
 *   false,
 * ).entry.request // { to: '****.0660919010@smstob.com', pass: '****' }
 */
export function journalRecord(
  entry: NewJournalEntry,
  seq: number,
  accountIsSecret: boolean,
): { entry: JournalEntry; bytes: number } {
  const { secrets, account, claimedAccount } = entry
  const mask = secretMasker(
    accountIsSecret && (account || claimedAccount)
      ? [...(secrets ?? []), ...[account, claimedAccount].filter((id): id is string => !!id)]
      : (secrets ?? []),
  )
  const bounded = boundValue(entry.request, (key, text) => maskString(mask, key, text), maskKey)
  let bytes = bounded.bytes + OBJECT_BYTES + STRING_BYTES * 4
  // The entry's own keys in the order they were written (people read the JSON too).
  const record: Record<string, unknown> = { seq }
  for (const key in entry) {
    let value = (entry as Record<string, unknown>)[key]
    if (value === undefined || key === 'secrets' || key === 'claimedAccount') continue
    if (key === 'request') value = bounded.value ?? {}
    else if (key === 'account') {
      const id = String(value)
      value = accountIsSecret ? maskSecret(id) : id
      bytes += id.length
    } else if (key === 'note') {
      value = cutText(mask(String(value)), MAX_STRING_CHARS)
      bytes += (value as string).length
    } else if (key === 'messages') bytes += (value as string[]).length * (STRING_BYTES + 16)
    record[key] = value
  }
  return { entry: record as unknown as JournalEntry, bytes }
}

/** Field names that hold a URL. */
const URL_NAME = /url/i

/** A string of the entry: secrets masked, but in the fields that name who is asking. */
function maskString(mask: TextMasker, key: string, text: string): string {
  if (key === 'query') return maskQuery(mask(text))
  // `url`, `URLDeliveryNotification`…: a URL's query may carry a token of its own.
  if (text.includes('?') && URL_NAME.test(key)) return maskUrl(mask(text))
  const masked = mask(text)
  return masked === text || isIdentityName(key) ? text : masked
}

/** A value under a secret-named key is masked whole, before it is walked. */
function maskKey(key: string, value: unknown): unknown {
  return isSecretName(key) ? maskedWhole(value) : value
}

/** A secret-named field's value: a string masked as one secret, anything else as {@link MASK}. */
function maskedWhole(value: unknown): unknown {
  if (value === undefined || value === null) return value
  return typeof value === 'string' ? maskSecret(value) : MASK
}
