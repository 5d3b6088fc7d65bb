/**
 * SMStoB's send decision, shared by `http.php` and the mail syntaxes: from the fields of a
 * request, the account state and the clock, the code to answer and the SMS to send. Pure.
 *
 * Precedence, when several codes could apply (our choice, one order for every transport):
 * 87, 88, 89, 90 (empty fields, in the document's order) → 82 (login) → 85 (diff) →
 * 84 / 86 (recipient) → 91 (duplicate) → 83 (credit) → 80 / 81.
 * A duplicate is refused before credit is counted because it would cost nothing.
 *
 * @see shared/specs/001_3f6d8b77c0e17a78.txt — §4 "Envoi par http", §6, §7
 */
import type { Decision, Effect } from '../core/effects.ts'
import type { Account, SmsClass } from '../core/model.ts'
import { parseMobile } from '../core/phone.ts'
import {
  countSegments,
  truncateToSegments,
  truncationReach,
  type SmsEncoding,
} from '../core/segments.ts'
import type { StateView } from '../core/store.ts'
import type { SmstobCode } from './codes.ts'
import { groupMerge } from './merge.ts'
import { findGroup, smstobOptions, type Contact, type SmstobOptions } from './options.ts'
import { parseDiff } from './wire.ts'

/** The fields of a send, as each transport found them (`undefined` when absent). */
export interface SmstobSendRequest {
  transport: 'http' | 'mail'
  email?: string
  pass?: string
  numero?: string
  message?: string
  /** `hhmmjjmmaaaa`, Europe/Paris wall time. */
  diff?: string
}

export interface SmstobReply {
  code: SmstobCode
  /** Ids are assigned by the store; this is how many SMS were accepted. */
  accepted: number
  /** Recipients skipped in a group send because they had the same text within 24 h. */
  duplicates: number
}

/** Code 91's window: "dans les 24 dernières heures". */
export const DUPLICATE_WINDOW_MS = 24 * 3600_000

/**
 * Longest SMS accepted, in parts (our choice: the document only says "160 caractères" per
 * SMS). A longer text is cut to this many parts, as 2004-era gateways did, and charged for them.
 */
export const MAX_PARTS = 10

const isBlank = (value: string | undefined): boolean => value === undefined || value.trim() === ''

/**
 * Decides a send.
 *
 * @example
 * decideSend({ transport: 'http', email: 'a@b.fr', pass: 'x', numero: '0660919010', message: 'Bonjour' }, store, now)
 * // { reply: { code: 80, accepted: 1, duplicates: 0 }, effects: [debit 1, sms], account: 'a@b.fr' }
 */
export function decideSend(
  request: SmstobSendRequest,
  view: StateView,
  now: Date,
): Decision<SmstobReply> {
  if (isBlank(request.email)) return refuse(87)
  if (isBlank(request.pass)) return refuse(88)
  if (isBlank(request.numero)) return refuse(89)
  if (isBlank(request.message)) return refuse(90)

  const account = view.account('smstob', request.email!.trim())
  if (!account || account.secret !== request.pass) return refuse(82)

  let sendAt: Date | undefined
  if (!isBlank(request.diff)) {
    const parsed = parseDiff(request.diff!.trim())
    if (!parsed) return refuse(85, account.id)
    // A time already past is sent at once (our choice): the request is still well formed.
    if (parsed.getTime() > now.getTime()) sendAt = parsed
  }

  const options = smstobOptions(account)
  const recipients = resolveRecipients(request.numero!, options)
  if (recipients === 'invalid') return refuse(84, account.id)
  if (recipients.length === 0) return refuse(86, account.id)

  const sends = []
  let duplicates = 0
  // A number listed twice in a group would otherwise get the same text twice in one request.
  const sending = new Set<string>()
  const merge = groupMerge(request.message!, truncationReach(MAX_PARTS))
  for (const contact of recipients) {
    const text = truncateToSegments(merge(contact.vars), MAX_PARTS)
    const last = view.lastSubmitted('smstob', account.id, contact.e164, text)
    const key = `${contact.e164}\0${text}`
    if (
      options.duplicateCheck &&
      ((last !== undefined && now.getTime() - last < DUPLICATE_WINDOW_MS) || sending.has(key))
    ) {
      duplicates++
      continue
    }
    sending.add(key)
    const counted = countSegments(text)
    sends.push({ to: contact.e164, text, encoding: counted.encoding, segments: counted.segments })
  }
  if (sends.length === 0) return refuse(91, account.id, duplicates)

  const cost = sends.reduce((sum, s) => sum + s.segments, 0)
  if (cost > account.credits) return refuse(83, account.id)

  const code: SmstobCode = sendAt ? 81 : 80
  const smsClass: SmsClass = options.format === 'flash' ? 'flash' : 'normal'
  const effects: Effect[] = [
    {
      kind: 'debit',
      provider: 'smstob',
      account: account.id,
      amount: cost,
      reason: `send (${request.transport})`,
    },
  ]
  for (const s of sends) {
    effects.push({
      kind: 'sms',
      sms: {
        provider: 'smstob',
        account: account.id,
        transport: request.transport,
        to: s.to,
        text: s.text,
        encoding: s.encoding,
        segments: s.segments,
        class: smsClass,
        validityMs: options.lifetimeHours * 3600_000,
        ...(sendAt ? { scheduledAt: sendAt.toISOString() } : {}),
        meta: { format: options.format, ...(recipients.group ? { group: recipients.group } : {}) },
      },
    })
  }
  effects.push(...lowCreditAlert(account, options, cost, request.transport))
  return { reply: { code, accepted: sends.length, duplicates }, effects, account: account.id }
}

/** A refusal: no SMS, no effect (a function of the module's, not a closure made per send). */
function refuse(code: SmstobCode, account?: string, duplicates = 0): Decision<SmstobReply> {
  const reply = { code, accepted: 0, duplicates }
  return account ? { reply, effects: [], account } : { reply, effects: [] }
}

type Recipients = { e164: string; vars: Partial<Contact> }[] & { group?: string }

/**
 * `numero` is a group when the account has a group of that name, a mobile number otherwise
 * ("remplacer le numéro par le nom du groupe"). Group contacts were checked at import.
 */
function resolveRecipients(numero: string, options: SmstobOptions): Recipients | 'invalid' {
  const group = findGroup(options, numero)
  if (group) {
    const list: Recipients = []
    for (const contact of group) {
      const mobile = parseMobile(contact.number)
      if (mobile) list.push({ e164: mobile.e164, vars: contact })
    }
    list.group = numero.trim()
    return list
  }
  const mobile = parseMobile(numero)
  return mobile ? [{ e164: mobile.e164, vars: {} }] : 'invalid'
}

/**
 * "Alerte sur seuil": when this send takes the balance from above the threshold to or below
 * it, an SMS goes to the account's alert number, "débité de votre compte" (when the credits
 * left pay for all its parts).
 */
function lowCreditAlert(
  account: Account,
  options: SmstobOptions,
  cost: number,
  transport: string,
): Effect[] {
  const alert = options.lowCreditAlert
  if (!alert) return []
  const after = account.credits - cost
  if (!(account.credits > alert.threshold && after <= alert.threshold)) return []
  const to = parseMobile(alert.number)
  if (!to) return []
  // The text gives the balance left once the alert is paid for, and a long account e-mail can
  // make the alert two parts: count again until the figure and the parts agree.
  let segments = 1
  let text = ''
  let encoding: SmsEncoding = 'gsm7'
  for (let pass = 0; pass < 3; pass++) {
    text = `SMStoB : le crédit du compte ${account.id} est descendu à ${after - segments} SMS (seuil d'alerte : ${alert.threshold}).`
    const counted = countSegments(text)
    encoding = counted.encoding
    if (counted.segments === segments) break
    segments = counted.segments
  }
  if (after < segments) return []
  return [
    {
      kind: 'debit',
      provider: 'smstob',
      account: account.id,
      amount: segments,
      reason: 'low-credit alert',
    },
    {
      kind: 'sms',
      sms: {
        provider: 'smstob',
        account: account.id,
        transport,
        from: 'SMStoB',
        to: to.e164,
        text,
        encoding,
        segments,
        class: 'normal',
        validityMs: options.lifetimeHours * 3600_000,
        meta: { alert: true },
      },
    },
  ]
}
