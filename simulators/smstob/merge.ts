/**
 * Mail merge ("Publipostage", §6): `[v1]`..`[v3]` replaced by each contact's values.
 *
 * A group send merges one message for each of up to 10,000 contacts, and each text is then cut
 * to 10 parts: {@link groupMerge} builds each contact's text only as far as the cut reads.
 *
 * @see shared/specs/001_3f6d8b77c0e17a78.txt — §6 "Publipostage"
 */
import { BoundedMerge } from '../core/merge.ts'
import type { Contact } from './options.ts'

/** `[v1]`..`[v3]`, in any case. */
const VARIABLE = /\[v([123])\]/gi

type Values = Partial<Contact>

/** No value at all: a contact outside a group, whose text is sent as written. */
const hasNoValues = (vars: Values) =>
  vars.v1 === undefined && vars.v2 === undefined && vars.v3 === undefined

/**
 * Replaces `[v1]`..`[v3]` by the contact's values (§6). Outside a group there are no values
 * and the text is sent as written.
 *
 * @example
 * mergeVariables('Bonjour [v1] !', { v1: 'Julie' }) // 'Bonjour Julie !'
 */
export function mergeVariables(text: string, vars: Values): string {
  if (hasNoValues(vars)) return text
  return text.replace(VARIABLE, (_m, n: string) => vars[`v${n}` as 'v1' | 'v2' | 'v3'] ?? '')
}

/**
 * A group's merge: the message merged for each contact only as far as `reach` (see
 * {@link BoundedMerge}); a contact without values gets the message as written.
 *
 * @example
 * const merge = groupMerge('Bonjour [v1], ' + 'x'.repeat(200_000), 1_600)
 * merge({ v1: 'Julie' }) // 'Bonjour Julie, xxx…' (1,600 units)
 */
export function groupMerge(message: string, reach: number): (vars: Values) => string {
  // Built at the first contact with values: a send to one number has none (issue 17).
  let merge: BoundedMerge | undefined
  return (vars) =>
    hasNoValues(vars)
      ? message
      : (merge ??= new BoundedMerge(message, VARIABLE, reach)).textFor([vars.v1, vars.v2, vars.v3])
}
