/**
 * iSendPro's mail address on smsim's SMTP gateway: the gateway hands each mail sent to
 * `sendsms@isendpro-api.com` over as an {@link InboundMail}; this adapter picks the fields the
 * decision reads, keeps what the journal needs, and is the provider's catch-all: a decision
 * that throws still answers — Ack 0 and a Not with 999, "Une erreur est survenue" — and the
 * failure is journalled.
 *
 * @see shared/specs/003_757a0a2884dd0a0c.txt — III "L'e-mail doit être envoyé à
 * sendsms@isendpro-api.com"
 */
import { cutText, journalList, JOURNAL_FIELD_CHARS, JOURNAL_TEXT_CHARS } from '../core/bounds.ts'
import type { Effect } from '../core/effects.ts'
import type { InboundMail, MailEndpoint, MailResult } from '../core/mail.ts'
import { noReplyReason } from '../core/reply-mail.ts'
import type { StateView } from '../core/store.ts'
import { decideIsendproMail } from './decide.ts'
import type { IsendproMailRequest, IsendproOutcome, IsendproRequest } from './model.ts'
import { readIsendproMail } from './read.ts'
import { renderAck, renderNot } from './reply.ts'
import { ISENDPRO_MAIL_ADDRESS } from './wire.ts'

/**
 * The fields of the decision. "format text brut sans aucune mise en forme": a mail is plain
 * text when it has a text/plain part and no HTML part — a multipart/alternative mail, as most
 * mail programs write by default, is "mis en forme" (ours: the strict reading, so that an
 * integration tested here does not fail silently against the real service). Attachments do
 * not change that: `mobiles.csv` and `message.csv` come as attachments.
 *
 * A mail that says a program sent it (`Auto-Submitted`, `Precedence`, `List-Id`: the rule of
 * core/reply-mail.ts for replies to addresses the mail names) is `automatic`: never answered,
 * and not processed either, so that an out-of-office reply quoting a request does not send it
 * again (ours). A null sender changes nothing: the replies do not go to the sender.
 *
 * @example
 * isendproMailRequest(mailWithTextAndHtml).plainText // false: not processed
 * isendproMailRequest({ …mail, from: '' }).sender     // the envelope sender, lower case
 */
export function isendproMailRequest(mail: InboundMail): IsendproMailRequest {
  return {
    sender: mail.from || mail.envelope.from.toLowerCase(),
    text: mail.text,
    plainText: mail.hasPlainText && mail.html === undefined,
    attachments: mail.attachments,
    ...(mail.messageId ? { messageId: mail.messageId } : {}),
    ...(noReplyReason(mail, 'named') ? { automatic: true } : {}),
  }
}

/**
 * @example
 * ISENDPRO_MAIL.accepts('SendSMS@iSendPro-API.com') // true
 * ISENDPRO_MAIL.accepts('sendsms@isendpro.com')     // false: the gateway answers 550
 */
export const ISENDPRO_MAIL: MailEndpoint = {
  name: 'mail2sms',
  addresses: [ISENDPRO_MAIL_ADDRESS],
  accepts: (address) => address.trim().toLowerCase() === ISENDPRO_MAIL_ADDRESS,
  handle(
    mail: InboundMail,
    _recipient: string,
    view: StateView,
    now: Date,
    refuse?: number,
  ): MailResult {
    const fields = isendproMailRequest(mail)
    // The request, once read: what the catch-all can still answer to if the decision throws.
    let request: IsendproRequest | undefined
    try {
      const reading = readIsendproMail(fields)
      if (reading.ok) request = reading.request
      const decision = decideIsendproMail(reading, view, now, refuse)
      return {
        effects: decision.effects,
        journal: {
          request: journalRequest(decision.reply),
          ...(decision.account ? { account: decision.account } : {}),
          ...(decision.code !== undefined ? { code: decision.code } : {}),
          // The keyid, right or wrong, is the credential: masked wherever the entry shows it,
          // and a wrong one still finds the entry by `?account=` (memory-store.ts).
          ...(decision.reply.keyid ? { secrets: [decision.reply.keyid] } : {}),
          ...(decision.reply.keyid && !decision.account
            ? { claimedAccount: decision.reply.keyid }
            : {}),
        },
      }
    } catch (error) {
      return unexpectedFailure(request, error)
    }
  },
}

/**
 * The answer to a decision that threw: Ack 0 and a Not with 999 to the addresses the mail
 * gave, if its request could be read; nothing sent, nothing remembered. The error's name and
 * message go to the journal (`request.internalError`), never to the client.
 *
 * @note The error itself goes back as `internalError`, which the simulator logs on its side.
 *
 * @example
 * unexpectedFailure(request, new TypeError('x')).journal
 * // { request: { emailId: '1548', ack: 0, internalError: 'TypeError: x' }, code: 999 }
 */
export function unexpectedFailure(
  request: IsendproRequest | undefined,
  error: unknown,
): MailResult {
  const internalError = error instanceof Error ? `${error.name}: ${error.message}` : String(error)
  const emailId = request?.emailId
  const context = {
    ...(emailId ? { emailId } : {}),
    ...(request?.messageId ? { inReplyTo: request.messageId } : {}),
  }
  // Looser than the decision's check: anything with an `@` is worth a try to say it failed.
  const ackTo = request?.emailAck?.trim()
  const notTo = request?.emailNot?.trim()
  const mails = [
    ...(ackTo && ackTo.includes('@') ? [renderAck({ ...context, code: 0, to: ackTo })] : []),
    ...(notTo && notTo.includes('@')
      ? [renderNot({ ...context, entries: [{ code: 999, tel: '' }], to: notTo })]
      : []),
  ]
  return {
    effects: mails.map((mail): Effect => ({ kind: 'mail', mail })),
    journal: {
      request: {
        ...(emailId ? { emailId: cutText(emailId, JOURNAL_FIELD_CHARS) } : {}),
        ack: 0,
        internalError: cutText(internalError, JOURNAL_TEXT_CHARS),
      },
      code: 999,
      ...(request?.keyid ? { secrets: [request.keyid], claimedAccount: request.keyid } : {}),
    },
    internalError: error,
  }
}

/**
 * What the journal keeps of a decision: enough to see why, not the whole mail; the client's
 * strings cut (core/bounds.ts), the keyid masked by the store.
 */
function journalRequest(outcome: IsendproOutcome): Record<string, unknown> {
  const sent = outcome.recipients.filter((r) => r.code === 0).length
  const field = (value: string) => cutText(value, JOURNAL_FIELD_CHARS)
  return {
    ...(outcome.notProcessed ? { notProcessed: outcome.notProcessed } : {}),
    ...(outcome.detail ? { detail: cutText(outcome.detail, JOURNAL_TEXT_CHARS) } : {}),
    ...(outcome.emailId ? { emailId: field(outcome.emailId) } : {}),
    ...(outcome.keyid !== undefined ? { keyid: field(outcome.keyid) } : {}),
    ...(outcome.ack !== undefined ? { ack: outcome.ack } : {}),
    ...(outcome.requestCode !== undefined ? { requestCode: outcome.requestCode } : {}),
    ...(outcome.recipients.length
      ? {
          recipients: outcome.recipients.length,
          sent,
          codes: outcome.recipients.map((r) => r.code),
        }
      : {}),
    ...(outcome.ackTo ? { ackTo: field(outcome.ackTo) } : {}),
    ...(outcome.notTo ? { notTo: field(outcome.notTo) } : {}),
    ...(outcome.ignored.length ? { ignored: journalList(outcome.ignored) } : {}),
    ...(outcome.notes.length ? { notes: outcome.notes } : {}),
  }
}
