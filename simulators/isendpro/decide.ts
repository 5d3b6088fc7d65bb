/**
 * iSendPro's mail-to-SMS decision: from a mail's plain-text body (its `<envoi>` block), its
 * attachments, its sender, the account state and the clock — whether the mail is processed
 * (the Ack), what each send gives (the Not), the SMS and the debit. Pure.
 *
 * The order, when several things are wrong (ours; the document gives none):
 * 1. not processed at all, no reply: an automatic mail, a mail that is not plain text, a body
 *    without a readable `<envoi>` (none, a DOCTYPE/ENTITY, too large, malformed);
 * 2. Ack 2 without `<emailId>` — nothing else happens;
 * 3. the whole mail, in this order: 29/999 injected by a fault; 1, 2, 3 (the keyid);
 *    then Ack 1 for an emailId this account already processed; then 30, 14 (the sender's
 *    domain), 16, 33 (emetteur), 34 (smslong), 23, 6 (the numbers), 24 (the time window);
 * 4. each recipient, in the mail's order: 7, 27 (the number), 11, 21, 22 (its state), 999 (no
 *    text for it), 34 (too long), 12 (credit), else 0.
 *
 * Every mail that gets Ack 0 from a known account has its emailId remembered, whatever its
 * Not says — "Si 2 e-mails sont reçus avec le même emailId, alors le 2nd ne sera pas traité":
 * a mail refused at 21:00 (24) and sent again at 9:00 with the same emailId gets Ack 1. An
 * injected fault remembers nothing (the service failed: the same mail may be sent again).
 *
 * @see shared/specs/003_757a0a2884dd0a0c.txt — III "Utilisation de l'API", III.5, IV
 */
import { checkCommercialWindow, COMMERCIAL_WINDOWS } from '../core/calendar.ts'
import type { Decision, Effect } from '../core/effects.ts'
import type { InboundAttachment } from '../core/mail.ts'
import type { Account } from '../core/model.ts'
import type { StateView } from '../core/store.ts'
import type { IsendproAckCode, RecipientCode, RequestCode } from './codes.ts'
import { readEnvoi, type Envoi, type UnreadableReason } from './envoi.ts'
import { readIsendproOptions } from './options.ts'
import { renderAck, renderNot, type NotEntry, type ReplyContext } from './reply.ts'
import { readEmetteur } from './sender.ts'
import { MAX_RECIPIENTS, recipientsOf, sendEach } from './send.ts'

/** The fields of a mail that the decision reads. */
export interface IsendproMailRequest {
  /** The sender's address (From, else the envelope sender), lower case; `''` when neither. */
  sender: string
  /** The text/plain body, line ends `\n`. */
  text: string
  /** "format text brut sans aucune mise en forme": a text/plain part and no HTML part. */
  plainText: boolean
  attachments: readonly InboundAttachment[]
  messageId?: string
  /** An automatic mail (`Auto-Submitted`): never processed, never answered. */
  automatic?: boolean
}

/** Why a mail was not processed at all (no Ack, no Not, nothing sent). */
export type NotProcessed = 'automatic' | 'not-plain-text' | UnreadableReason

/** What one recipient got. */
export interface RecipientOutcome {
  /** The number as written. */
  tel: string
  code: RecipientCode
  /** E.164, when the number was read. */
  to?: string
  /** SMS parts sent (and credits debited), for code 0. */
  parts?: number
}

export interface IsendproOutcome {
  /** Set when the mail was not processed at all. */
  notProcessed?: NotProcessed
  /** The parser's or the gateway's reason, for the journal. */
  detail?: string
  emailId?: string
  keyid?: string
  /** The Ack code (whether or not an Ack mail could be sent). */
  ack?: IsendproAckCode
  /** The code that answered the whole mail, when one did. */
  requestCode?: RequestCode
  /** One entry per recipient, in the mail's order (none when a request code answered). */
  recipients: RecipientOutcome[]
  /** Where the Ack and the Not were mailed, when they were. */
  ackTo?: string
  notTo?: string
  /** Elements of the `<envoi>` the document does not list. */
  ignored: string[]
  /** What the decision chose not to use, for the journal (`num` beside `mobiles.csv`…). */
  notes: string[]
}

/** A reply address: something@something, no spaces or brackets. */
const ADDRESS = /^[^\s@<>,;]+@[^\s@<>,;]+$/

/**
 * Decides one mail.
 *
 * @param refuse a code injected by a fault (29 or 999): answered instead of deciding
 *
 * @example
 * decideIsendproMail({ sender: 'app@masociete.com', plainText: true, attachments: [],
 *   text: '<envoi><keyid>k</keyid><num>0601020304</num><sms>Salut</sms><emailId>1</emailId><emailAck>ack@masociete.com</emailAck></envoi>' },
 *   store, now)
 * // { reply: { ack: 0, recipients: [{ tel: '0601020304', code: 0, parts: 1, … }], … },
 * //   effects: [mark, debit 1, sms, Ack mail] }
 */
export function decideIsendproMail(
  request: IsendproMailRequest,
  view: StateView,
  now: Date,
  refuse?: number,
): Decision<IsendproOutcome> {
  const outcome: IsendproOutcome = { recipients: [], ignored: [], notes: [] }
  const notProcessed = (reason: NotProcessed, detail?: string): Decision<IsendproOutcome> => ({
    reply: { ...outcome, notProcessed: reason, ...(detail ? { detail } : {}) },
    effects: [],
  })
  if (request.automatic) return notProcessed('automatic')
  if (!request.plainText) return notProcessed('not-plain-text')
  const reading = readEnvoi(request.text)
  if (!reading.ok) return notProcessed(reading.reason, reading.detail)
  const envoi = reading.envoi
  outcome.ignored = envoi.ignored

  const replies = new Replies(request, envoi, outcome)
  if (!outcome.emailId) return replies.done(2)
  const keyid = envoi.keyid
  const account = keyid ? view.account('isendpro', keyid) : undefined
  if (keyid) outcome.keyid = keyid
  if (account) replies.account = account.id
  if (refuse === 29 || refuse === 999) return replies.done(0, refuse)
  if (keyid === undefined) return replies.done(0, 1)
  if (keyid === '') return replies.done(0, 2)
  if (!account) return replies.done(0, 3)
  const markKey = `emailId:${outcome.emailId}`
  if (view.hasMark('isendpro', account.id, markKey)) return replies.done(1)
  replies.effects.push({ kind: 'mark', provider: 'isendpro', account: account.id, key: markKey })

  const recipients = recipientsOf(request, envoi, outcome)
  const code = checkRequest(request, envoi, account, recipients.length, now, outcome)
  if (code !== undefined) return replies.done(0, code)
  sendEach(request, envoi, account, recipients, view, outcome, replies.effects)
  return replies.done(0)
}

/** The checks that answer the whole mail, after the keyid; `undefined` when all pass. */
function checkRequest(
  request: IsendproMailRequest,
  envoi: Envoi,
  account: Account,
  recipients: number,
  now: Date,
  outcome: IsendproOutcome,
): RequestCode | undefined {
  const options = readIsendproOptions(account.options)
  const domain = domainOf(request.sender)
  if (!domain) return 30
  if (!options.senderDomains.includes(domain)) return 14
  const sender = readEmetteur(envoi.emetteur)
  if (!sender.ok) return sender.code
  if (envoi.smslong !== undefined && !/^[1-9]\d*$/.test(envoi.smslong)) return 34
  if (recipients > MAX_RECIPIENTS || envoi.beyondMaxIndex) return 23
  if (recipients === 0) return 6
  if (!options.commercialExempt) {
    const window = checkCommercialWindow(COMMERCIAL_WINDOWS[options.commercialWindow], now)
    if (!window.open) {
      outcome.notes.push(
        `outside the commercial window (${options.commercialWindow}): ${window.reason}, ${window.local}`,
      )
      return 24
    }
  }
  return undefined
}

/**
 * The domain of an address, lower case; `undefined` when there is none to read.
 *
 * @example
 * domainOf('App@MaSociete.com') // 'masociete.com'
 * domainOf('') // undefined
 */
export function domainOf(address: string): string | undefined {
  const at = address.lastIndexOf('@')
  const domain =
    at < 0
      ? ''
      : address
          .slice(at + 1)
          .trim()
          .toLowerCase()
          .replace(/\.$/, '')
  return /^[a-z0-9.-]+$/.test(domain) && !domain.startsWith('.') ? domain : undefined
}

/** Collects the Ack and the Not of a mail and writes the decision. */
class Replies {
  readonly effects: Effect[] = []
  account?: string
  readonly #request: IsendproMailRequest
  readonly #outcome: IsendproOutcome
  readonly #ackTo?: string
  readonly #notTo?: string

  constructor(request: IsendproMailRequest, envoi: Envoi, outcome: IsendproOutcome) {
    this.#request = request
    this.#outcome = outcome
    const emailId = envoi.emailId?.trim()
    if (emailId) outcome.emailId = emailId
    this.#ackTo = replyAddress(envoi.emailAck)
    this.#notTo = replyAddress(envoi.emailNot)
    if (envoi.emailAck && !this.#ackTo) outcome.notes.push('emailAck is not an address: no Ack')
    if (envoi.emailNot && !this.#notTo) outcome.notes.push('emailNot is not an address: no Not')
  }

  /**
   * Ends the decision with this Ack code, and — for Ack 0 — the Not: `requestCode` for the
   * whole mail, else one entry per recipient decided.
   */
  done(ack: IsendproAckCode, requestCode?: RequestCode): Decision<IsendproOutcome> {
    const outcome = this.#outcome
    outcome.ack = ack
    if (requestCode !== undefined) outcome.requestCode = requestCode
    const context: ReplyContext = {
      ...(outcome.emailId ? { emailId: outcome.emailId } : {}),
      ...(this.account ? { account: this.account } : {}),
      ...(this.#request.messageId ? { inReplyTo: this.#request.messageId } : {}),
    }
    const mails: Effect[] = []
    if (this.#ackTo) {
      outcome.ackTo = this.#ackTo
      mails.push({ kind: 'mail', mail: renderAck({ ...context, code: ack, to: this.#ackTo }) })
    }
    if (ack === 0 && this.#notTo) {
      const entries: NotEntry[] =
        requestCode !== undefined
          ? [{ code: requestCode, tel: '' }]
          : outcome.recipients.map((r) => ({ code: r.code, tel: r.tel }))
      outcome.notTo = this.#notTo
      mails.push({ kind: 'mail', mail: renderNot({ ...context, entries, to: this.#notTo }) })
    }
    const code = journalCode(outcome)
    return {
      reply: outcome,
      effects: [...this.effects, ...mails],
      ...(this.account ? { account: this.account } : {}),
      ...(code !== undefined ? { code } : {}),
    }
  }
}

/**
 * The code the journal records for a mail: the Ack code when the mail was not processed
 * (`ack 1`, `ack 2`: the Ack table's numbers are not the annex's), the code that answered the
 * whole mail, else 0 when at least one SMS went, else the first recipient's code.
 *
 * @example
 * journalCode({ ack: 0, recipients: [{ tel: '06…', code: 11 }, { tel: '06…', code: 0 }], … }) // 0
 */
export function journalCode(outcome: IsendproOutcome): string | number | undefined {
  if (outcome.notProcessed || outcome.ack === undefined) return undefined
  if (outcome.ack !== 0) return `ack ${outcome.ack}`
  if (outcome.requestCode !== undefined) return outcome.requestCode
  return outcome.recipients.some((r) => r.code === 0) ? 0 : outcome.recipients[0]?.code
}

/** A usable reply address, or `undefined`. */
function replyAddress(value: string | undefined): string | undefined {
  const address = value?.trim()
  return address && ADDRESS.test(address) ? address : undefined
}
