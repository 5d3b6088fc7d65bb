/**
 * How a mail provider answers a mail: the reply's headers, and when it must not answer at all.
 * allmysms, iSendPro and SMStoB all answer by mail, and a mail-to-SMS address that answers every
 * mail is one half of a mail loop: its reply reaches a robot (an out-of-office responder, a
 * mailing list, a mailer-daemon), the robot writes back, the gateway answers that... Every
 * provider follows the one rule below, so that none of them can start or feed one.
 *
 * **The rule** (ours: none of the three documents says anything about automatic mail — each
 * promises its answers unconditionally; RFC 3834 says when a program that answers mail must not):
 * a provider sends no reply mail
 * 1. in answer to a mail that says a program sent it, whoever the reply would go to:
 *    - `Auto-Submitted` with any value but `no` (RFC 3834 §2, §5: `auto-replied` for
 *      out-of-office and other answers, `auto-generated` for a cron job's report);
 *    - `Precedence: bulk`, `junk` or `list` (RFC 3834 §2 leaves it to the responder; older
 *      out-of-office programs mark their answers so instead of with `Auto-Submitted`, and
 *      allmysms's and iSendPro's replies come from the gateway's own address, so such an answer
 *      would come back to it);
 *    - a `List-Id` header (RFC 2919): a mailing list's copy, whose author wrote to the list;
 * 2. to the sender of a bounce: a mail with the null reverse-path (`MAIL FROM:<>`, RFC 5321
 *    §4.5.5, how delivery reports are sent), or From `MAILER-DAEMON@…` or `postmaster@…` (the
 *    reports that do not use it). RFC 3834 §2: a responder must not answer a null address, nor
 *    one known to be a robot's. allmysms and SMStoB answer the sender, so this applies to them;
 *    iSendPro answers the addresses its `<envoi>` names (`emailAck`, `emailNot`), not the sender,
 *    so a null sender changes nothing there (scenario `code-30-no-sender-domain`).
 *
 * Not answering is all the rule decides: each provider still decides the request as its README
 * says (allmysms and SMStoB send the SMS and journal the code; iSendPro does not process a mail
 * that says a program sent it, because an out-of-office answer quotes the `<envoi>` whole).
 *
 * @see https://www.rfc-editor.org/rfc/rfc3834 — §2 "When (not) to send automatic responses",
 * §5 "The Auto-Submitted header field"
 * @see docs/decisions/015-automatic-mails.md
 */
import type { InboundMail } from './mail.ts'
import type { NewMail, ProviderId } from './model.ts'

/** Why a reply is not sent: the sign the mail carried, first found in this order. */
export type NoReplyReason =
  'auto-submitted' | 'precedence' | 'mailing-list' | 'null-sender' | 'mailer-daemon'

/**
 * Who a provider's replies go to: the mail's `sender` (allmysms, SMStoB), or addresses the mail
 * `names` in its content (iSendPro's `emailAck` and `emailNot`).
 */
export type ReplyRecipient = 'sender' | 'named'

/** The `Precedence` values that mean "no automatic answer, please". */
const NO_ANSWER_PRECEDENCE = new Set(['bulk', 'junk', 'list'])
/** The local parts bounces and delivery reports come from. */
const REPORTER = /^(mailer-daemon|postmaster)@/i

/**
 * Why `mail` must not be answered by a reply to `recipient`, or `undefined` when it may be.
 * Header values are read without case and without parameters (`auto-replied; owner=x`).
 *
 * @example
 * noReplyReason(outOfOffice, 'sender')               // 'auto-submitted'
 * noReplyReason({ …mail, envelope: { from: '' } }, 'sender') // 'null-sender'
 * noReplyReason({ …mail, envelope: { from: '' } }, 'named')  // undefined
 * noReplyReason(personsMail, 'sender')               // undefined
 */
export function noReplyReason(
  mail: InboundMail,
  recipient: ReplyRecipient,
): NoReplyReason | undefined {
  const auto = headerToken(mail, 'auto-submitted')
  if (auto !== '' && auto !== 'no') return 'auto-submitted'
  if (NO_ANSWER_PRECEDENCE.has(headerToken(mail, 'precedence'))) return 'precedence'
  if (mail.headers['list-id'] !== undefined) return 'mailing-list'
  if (recipient === 'named') return undefined
  if (mail.envelope.from.trim() === '') return 'null-sender'
  if (REPORTER.test(mail.from)) return 'mailer-daemon'
  return undefined
}

/** A header's value up to its first `;`, trimmed, in lower case; `''` when it is absent. */
function headerToken(mail: InboundMail, name: string): string {
  const value = mail.headers[name]
  return value === undefined ? '' : (value.split(';')[0] ?? '').trim().toLowerCase()
}

/** A reply mail's fields; its headers are {@link replyMail}'s to write. */
export interface ReplyFields {
  provider: ProviderId
  from: string
  to: string
  subject: string
  text: string
  /** The account concerned, when the mail's credentials were recognised. */
  account?: string
  /** The Message-ID of the mail answered, to thread the reply under it. */
  inReplyTo?: string
}

/**
 * A reply mail for the outbox: marked `Auto-Submitted: auto-replied` (RFC 3834 §5), so that the
 * recipient's own responder does not answer it, and threaded under the mail it answers with
 * `In-Reply-To` and `References` (RFC 5322 §3.6.4) when that mail had a Message-ID.
 *
 * @example
 * replyMail({ provider: 'allmysms', from: 'mail2sms@allmysms.com', to: 'jean@ecole.fr',
 *   subject: 'Mail2SMS : erreur 105', text: '…', inReplyTo: '<1@ecole.fr>' }).headers
 * // { 'Auto-Submitted': 'auto-replied', 'In-Reply-To': '<1@ecole.fr>', References: '<1@ecole.fr>' }
 */
export function replyMail(fields: ReplyFields): NewMail {
  const { inReplyTo, account, ...mail } = fields
  const headers: Record<string, string> = { 'Auto-Submitted': 'auto-replied' }
  if (inReplyTo) {
    headers['In-Reply-To'] = inReplyTo
    headers.References = inReplyTo
  }
  return { ...mail, ...(account ? { account } : {}), headers }
}
