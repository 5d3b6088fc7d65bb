/**
 * What iSendPro's REST operations answer with (rest.ts, rest-lists.ts): JSON always, a code
 * that refuses the whole request as 400 `Erreur` without `tel`, the REST page's texts, and the
 * keyid's checks (codes 1, 2, 3) that every operation starts with.
 *
 * @see shared/research/french-providers.md — §C.1
 */
import { codeText } from '../core/codes.ts'
import type { Effect } from '../core/effects.ts'
import type { Account } from '../core/model.ts'
import type { SimResponse } from '../core/provider.ts'
import type { StateView } from '../core/store.ts'
import { ISENDPRO_CODES } from './codes.ts'
import { ISENDPRO_REST_TEXTS } from './wire.ts'

/** Every REST answer's type: flowground's connector parses nothing else. */
const JSON_TYPE = 'application/json; charset=utf-8'

/** The text of a code on the REST API: the REST page's wording where it has one, else the annex's. */
export function restText(code: number): string {
  return ISENDPRO_REST_TEXTS[code] ?? codeText(ISENDPRO_CODES, code) ?? ''
}

/** One item of a send's answer. */
export interface RestItem {
  code: number
  tel: string
  message: string
  /** "Nombre de SMS longs facturés", for a sent SMS. */
  smslong?: string
}

export function json(status: number, body: unknown): SimResponse {
  return { status, headers: { 'content-type': JSON_TYPE }, body: JSON.stringify(body) }
}

/** A code that answers the whole request: 400 and `Erreur`, no `tel`. */
export function generalError(code: number): SimResponse {
  return json(400, { etat: { etat: [{ code: String(code), message: restText(code) }] } })
}

/** What an operation decided, before the journal is written. */
export interface Outcome {
  response: SimResponse
  effects?: Effect[]
  code?: number
  account?: string
  notes?: string[]
  ignored?: string[]
  detail?: string
}

export const refused = (code: number, rest: Partial<Outcome> = {}): Outcome => ({
  response: generalError(code),
  code,
  ...rest,
})

/** The keyid's checks (1, 2, 3) and the account it names. */
export function accountOf(
  keyid: string | undefined,
  view: StateView,
): { ok: true; account: Account } | { ok: false; code: 1 | 2 | 3 } {
  if (keyid === undefined) return { ok: false, code: 1 }
  if (keyid.trim() === '') return { ok: false, code: 2 }
  const account = view.account('isendpro', keyid)
  return account ? { ok: true, account } : { ok: false, code: 3 }
}
