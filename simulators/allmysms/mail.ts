/**
 * allmysms's Mail2SMS address on smsim's SMTP gateway: the gateway hands each mail sent to
 * `mail2sms@allmysms.com` over as an {@link InboundMail}; this adapter picks the fields the
 * decision reads and what the journal keeps. Nothing else is written per transport.
 *
 * @see shared/specs/002_0241076537611203.txt — §2.1 "DESTINATAIRE (TO)": "Le destinataire doit
 * toujours être mail2sms@allmysms.com"
 */
import type { InboundMail, MailEndpoint, MailResult } from '../core/mail.ts'
import type { StateView } from '../core/store.ts'
import { decideMail2Sms, type Mail2SmsRequest } from './decide.ts'

/** The one address Mail2SMS reads. */
export const MAIL2SMS_ADDRESS = 'mail2sms@allmysms.com'

/**
 * Whether a mail was sent by a robot that must not be answered: RFC 3834's `Auto-Submitted`
 * (anything but `no`), or a bounce (null envelope sender, MAILER-DAEMON).
 */
export function isAutomaticMail(mail: InboundMail): boolean {
  const auto = mail.headers['auto-submitted']?.trim().toLowerCase()
  if (auto !== undefined && auto !== '' && auto !== 'no') return true
  if (mail.envelope.from.trim() === '') return true
  return /^(mailer-daemon|postmaster)@/i.test(mail.from)
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
 * @example
 * ALLMYSMS_MAIL2SMS.accepts('Mail2SMS@AllMySMS.com') // true
 * ALLMYSMS_MAIL2SMS.accepts('sms@allmysms.com')      // false: the gateway answers 550
 */
export const ALLMYSMS_MAIL2SMS: MailEndpoint = {
  name: 'mail2sms',
  addresses: [MAIL2SMS_ADDRESS],
  accepts: (address) => address.trim().toLowerCase() === MAIL2SMS_ADDRESS,
  handle(
    mail: InboundMail,
    _recipient: string,
    view: StateView,
    now: Date,
    refuse?: number,
  ): MailResult {
    const decision = decideMail2Sms(mail2SmsRequest(mail), view, now, refuse)
    const { reply } = decision
    return {
      effects: decision.effects,
      journal: {
        request: {
          text: reply.text,
          body: reply.body,
          ...(reply.invalidNumbers.length ? { invalidNumbers: reply.invalidNumbers } : {}),
          statusText: reply.statusText,
          replied: reply.replied,
        },
        ...(decision.account ? { account: decision.account } : {}),
        code: reply.code,
      },
    }
  },
}
