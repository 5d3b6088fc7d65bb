/**
 * allmysms's Mail2SMS decision: from the fields of a mail, the account state and the clock, the
 * code, the SMS to send and — on error only — the reply mail to the sender. Pure.
 *
 * Precedence, when several codes could apply (our choice; the document gives none):
 * 105 (empty subject) → 109 (malformed subject) → 102 (login) → 110 (empty body) →
 * 111 (too long) → 114 (no valid mobile) → 115 (date) → 104 (credit) → 100 / 101.
 * The subject is read before anything else because it holds the credentials; credit comes
 * last because it needs the parts and the recipients.
 *
 * @see shared/specs/002_0241076537611203.txt — §2 "ENVOI DE SMS"
 */
import { codeEntry, codeText } from '../core/codes.ts'
import type { Decision, Effect } from '../core/effects.ts'
import type { Account } from '../core/model.ts'
import type { ParsedNumber } from '../core/phone.ts'
import { countSegments, longestText } from '../core/segments.ts'
import type { StateView } from '../core/store.ts'
import {
  ALLMYSMS_CODES,
  insufficientCreditText,
  type AllmysmsCode,
  type AllmysmsErrorCode,
} from './codes.ts'
import { isOnAccountBlacklist } from './blacklist.ts'
import { readSmsText, type BodySource } from './body.ts'
import { renderAllmysmsReply } from './reply.ts'
import { chooseSender } from './sender.ts'
import { parseRecipient, parseSubject } from './subject.ts'
import { parseMail2SmsDate } from './wire.ts'

/** The fields of a Mail2SMS mail that the decision reads. */
export interface Mail2SmsRequest {
  /** The sender's address ("l'adresse de l'expéditeur"): where an error reply goes. */
  sender: string
  subject: string
  /** The text/plain part, line ends `\n`; empty when there is none. */
  text: string
  html?: string
  hasPlainText: boolean
  messageId?: string
  /**
   * The mail is an automatic one (core/reply-mail.ts: `Auto-Submitted`, `Precedence`, `List-Id`,
   * a bounce): it is decided, but never answered, so that two robots cannot answer each other
   * forever (RFC 3834, our choice).
   */
  noReply?: boolean
}

export interface Mail2SmsReply {
  code: AllmysmsCode
  /** The code's text, figures filled in; the body of the reply mail on error. */
  statusText: string
  /** How many SMS were accepted (one per valid recipient). */
  accepted: number
  /** The entries of the mobiles part that are not valid mobile numbers, skipped. */
  invalidNumbers: string[]
  /** The SMS text as read from the mail (see body.ts). */
  text: string
  /** Which part of the mail gave the text. */
  body: BodySource
  /** Whether an error reply was mailed. */
  replied: boolean
}

/**
 * "Longueur maximale : 8 SMS, soit 1224 caractères (153 x 8)". Counted in parts, so that the
 * cap is 1224 GSM characters and 536 (8 × 67) when a character forces UCS-2.
 */
export const MAX_PARTS = 8

/** How long the network keeps trying a phone that is off (ours: three days, as SMStoB's default). */
export const SMS_VALIDITY_MS = 72 * 3600_000

/** Credits per SMS part per recipient (ours: the unit; allmysms prices by country). */
export const CREDITS_PER_PART = 1

/**
 * Decides one Mail2SMS mail.
 *
 * @param refuse a code injected by a fault: answered instead of deciding
 *
 * @example
 * decideMail2Sms({ sender: 'jean@ecole.fr', subject: 'arthur45@de135f8d2a091e4|0612121515',
 *   text: 'Bonjour', hasPlainText: true }, store, now)
 * // { reply: { code: 100, accepted: 1, replied: false, … }, effects: [debit 1, sms], code: 100 }
 */
export function decideMail2Sms(
  request: Mail2SmsRequest,
  view: StateView,
  now: Date,
  refuse?: number,
): Decision<Mail2SmsReply> {
  const { text, source } = readSmsText(request)
  const invalidNumbers: string[] = []
  const fail = (
    code: AllmysmsErrorCode,
    account?: Account,
    statusText = codeText(ALLMYSMS_CODES, code),
  ): Decision<Mail2SmsReply> => {
    const replied = !request.noReply && request.sender !== ''
    const effects: Effect[] = replied
      ? [
          {
            kind: 'mail',
            mail: renderAllmysmsReply({
              code,
              statusText,
              to: request.sender,
              ...(account ? { account: account.id } : {}),
              ...(request.messageId ? { inReplyTo: request.messageId } : {}),
            }),
          },
        ]
      : []
    return {
      reply: { code, statusText, accepted: 0, invalidNumbers, text, body: source, replied },
      effects,
      code,
      ...(account ? { account: account.id } : {}),
    }
  }
  const injected = refuse === 100 || refuse === 101 ? undefined : codeEntry(ALLMYSMS_CODES, refuse)
  if (injected) return fail(injected.code as AllmysmsErrorCode)

  const reading = parseSubject(request.subject)
  if (!reading.ok) return fail(reading.code)
  const subject = reading.subject

  const account = view.account('allmysms', subject.login)
  if (!account || account.secret !== subject.apiKey) return fail(102)

  if (text.trim() === '') return fail(110, account)
  // Longer than 8 parts can carry whatever its characters: 111 without counting it.
  if (text.length > longestText(MAX_PARTS)) return fail(111, account)
  const counted = countSegments(text)
  if (counted.segments > MAX_PARTS) return fail(111, account)

  const recipients = new Map<string, ParsedNumber>()
  for (const entry of subject.mobiles) {
    const parsed = parseRecipient(entry)
    if (!parsed) invalidNumbers.push(entry)
    // A number on the account's blacklist (recorded by the HTTP API, blacklist.ts) is skipped
    // like an invalid one: the blacklist is the account's, whatever the interface (ours).
    else if (isOnAccountBlacklist(account, parsed.e164)) invalidNumbers.push(entry)
    // The same phone written twice (`06…;336…`) gets the SMS once (our choice).
    else if (!recipients.has(parsed.e164)) recipients.set(parsed.e164, parsed)
  }
  if (recipients.size === 0) return fail(114, account)

  let sendAt: Date | undefined
  if (subject.date !== undefined) {
    const parsed = parseMail2SmsDate(subject.date)
    if (!parsed) return fail(115, account)
    // A time already past is sent at once (our choice): the request is still well formed.
    if (parsed.getTime() > now.getTime()) sendAt = parsed
  }

  const cost = counted.segments * recipients.size * CREDITS_PER_PART
  if (cost > account.credits)
    return fail(104, account, insufficientCreditText(cost, account.credits))

  const code: AllmysmsCode = sendAt ? 101 : 100
  const effects: Effect[] = [
    { kind: 'debit', provider: 'allmysms', account: account.id, amount: cost, reason: 'Mail2SMS' },
  ]
  for (const recipient of recipients.values()) {
    const sender = chooseSender(subject.from, text, recipient)
    effects.push({
      kind: 'sms',
      sms: {
        provider: 'allmysms',
        account: account.id,
        transport: 'mail',
        from: sender.from,
        to: recipient.e164,
        text,
        encoding: counted.encoding,
        segments: counted.segments,
        class: 'normal',
        validityMs: SMS_VALIDITY_MS,
        ...(sendAt ? { scheduledAt: sendAt.toISOString() } : {}),
        meta: {
          ...(subject.from !== undefined ? { senderAsked: subject.from } : {}),
          ...(sender.replaced ? { senderReplaced: sender.replaced } : {}),
        },
      },
    })
  }
  return {
    reply: {
      code,
      statusText: codeText(ALLMYSMS_CODES, code),
      accepted: recipients.size,
      invalidNumbers,
      text,
      body: source,
      replied: false,
    },
    effects,
    code,
    account: account.id,
  }
}
