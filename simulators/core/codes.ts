/**
 * Looking a code up in a provider's code table (STYLE.md §10): the one lookup the providers,
 * their replies and the reference client use, whichever table it is — SMStoB's 80–91,
 * allmysms's 100–115, iSendPro's annex and Ack table, ASPSMS's status codes.
 */
import type { CodeEntry } from './provider.ts'

/** What a lookup needs of an entry: its code and text (iSendPro's voice codes have no more). */
type Coded = Pick<CodeEntry, 'code' | 'text'>

/**
 * The entry of `code` in `codes`, compared as written (`84` and `'84'` are the same code, so
 * that a code read from a page or a mail finds its entry); `undefined` when the table has none.
 *
 * @example
 * codeEntry(SMSTOB_CODES, '84')?.text // "le numéro de gsm n'est pas valide"
 * codeEntry(SMSTOB_CODES, 79)         // undefined
 */
export function codeEntry<E extends Coded>(
  codes: readonly E[],
  code: number | string | undefined,
): E | undefined {
  if (code === undefined) return undefined
  const written = String(code)
  return codes.find((entry) => String(entry.code) === written)
}

/**
 * The table's text for a code: always there for a code of the table's own type, `undefined`
 * for any other number.
 *
 * @example
 * codeText(ALLMYSMS_CODES, 105)          // 'Flux XML Vide'
 * codeText(ASPSMS_STATUS_CODES, 9999)    // undefined
 */
export function codeText<E extends Coded>(codes: readonly E[], code: E['code']): string
export function codeText(codes: readonly Coded[], code: number | string): string | undefined
export function codeText(codes: readonly Coded[], code: number | string): string | undefined {
  return codeEntry(codes, code)?.text
}
