/**
 * allmysms's Mail2SMS address on smsim's SMTP gateway: the gateway hands each mail sent to
 * `mail2sms@allmysms.com` over as an {@link InboundMail}; this adapter picks the fields the
 * decision reads and what the journal keeps. Nothing else is written per transport.
 *
 * @see shared/specs/002_0241076537611203.txt — §2.1 "DESTINATAIRE (TO)": "Le destinataire doit
 * toujours être mail2sms@allmysms.com"
 */
import { cutText, journalList, JOURNAL_TEXT_CHARS } from '../core/bounds.ts'
import type { InboundMail, MailEndpoint, MailResult } from '../core/mail.ts'
import { noReplyReason } from '../core/reply-mail.ts'
import type { StateView } from '../core/store.ts'
import { decideMail2Sms, type Mail2SmsRequest } from './decide.ts'
import { parseSubject } from './subject.ts'
import { MAIL2SMS_ADDRESS } from './wire.ts'

/**
 * Whether a mail must never be answered, by the rule every mail provider follows
 * (core/reply-mail.ts): it says a program sent it (`Auto-Submitted`, `Precedence`, `List-Id`),
 * or it is a bounce (null envelope sender, MAILER-DAEMON) — Mail2SMS answers the sender.
 *
 * @example
 * isAutomaticMail({ …mail, headers: { 'auto-submitted': 'auto-replied' } }) // true
 */
export function isAutomaticMail(mail: InboundMail): boolean {
  return noReplyReason(mail, 'sender') !== undefined
}

/**
 * The fields of the decision: the From address ("l'adresse de l'expéditeur"), falling back on
 * the envelope sender when the mail has no From.
 */
export function mail2SmsRequest(mail: InboundMail): Mail2SmsRequest {
  return {
    sender: mail.from || mail.envelope.from,
    subject: mail.subject,
    text: mail.text,
    ...(mail.html !== undefined ? { html: mail.html } : {}),
    hasPlainText: mail.hasPlainText,
    ...(mail.messageId ? { messageId: mail.messageId } : {}),
    ...(isAutomaticMail(mail) ? { noReply: true } : {}),
  }
}

/**
 * The apiKey a Mail2SMS subject carries (`login@apiKey|…`), right or wrong, for the journal to
 * mask: the subject is journalled, and the key is what lets anyone send on the account.
 *
 * @example
 * allmysmsSubjectSecrets('arthur45@de135f8d2a091e4|0612121515') // ['de135f8d2a091e4']
 * allmysmsSubjectSecrets('Bonjour')                             // []
 */
export function allmysmsSubjectSecrets(subject: string): string[] {
  const reading = parseSubject(subject)
  if (reading.ok) return [reading.subject.apiKey]
  // A malformed subject (109) may still hold a key before its first `|`.
  const credentials = subject.split('|')[0] ?? ''
  const at = credentials.lastIndexOf('@')
  const key = at < 0 ? '' : credentials.slice(at + 1).trim()
  return key ? [key] : []
}

/**
 * @example
 * ALLMYSMS_MAIL2SMS.accepts('Mail2SMS@AllMySMS.com') // true
 * ALLMYSMS_MAIL2SMS.accepts('sms@allmysms.com')      // false: the gateway answers 550
 */
export const ALLMYSMS_MAIL2SMS: MailEndpoint = {
  name: 'mail2sms',
  addresses: [MAIL2SMS_ADDRESS],
  accepts: (address) => address.trim().toLowerCase() === MAIL2SMS_ADDRESS,
  secretsIn: (_recipient, subject) => allmysmsSubjectSecrets(subject),
  handle(
    mail: InboundMail,
    _recipient: string,
    view: StateView,
    now: Date,
    refuse?: number,
  ): MailResult {
    const request = mail2SmsRequest(mail)
    const decision = decideMail2Sms(request, view, now, refuse)
    const { reply } = decision
    return {
      effects: decision.effects,
      journal: {
        request: {
          text: cutText(reply.text, JOURNAL_TEXT_CHARS),
          body: reply.body,
          ...(reply.invalidNumbers.length
            ? { invalidNumbers: journalList(reply.invalidNumbers) }
            : {}),
          statusText: reply.statusText,
          replied: reply.replied,
          ...(request.noReply ? { noReply: noReplyReason(mail, 'sender') } : {}),
        },
        ...(decision.account ? { account: decision.account } : {}),
        code: reply.code,
      },
    }
  },
}
