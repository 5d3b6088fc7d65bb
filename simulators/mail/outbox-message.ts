/**
 * An outbox mail as a message on the wire, written in one place (STYLE.md §8) for the two that
 * need it: the relay, which delivers it to a mail catcher (relay.ts), and the control API's
 * `GET /_smsim/mails/{id}.eml`, which hands over the same source to save or open. nodemailer's
 * MailComposer writes it; nodemailer is loaded on the first `.eml` asked for (ADR 016).
 */
import type { Mail } from '../core/model.ts'

/**
 * The fields nodemailer composes the mail from: its own, with smsim's two headers, and a
 * Message-ID of its own, the same in the relayed mail and in the `.eml`.
 *
 * @example
 * outboxMessage(mail).headers['X-Smsim-Mail-Id'] // 'mail-000001'
 */
export function outboxMessage(mail: Mail) {
  return {
    from: mail.from,
    to: mail.to,
    subject: mail.subject,
    text: mail.text,
    date: new Date(mail.date),
    // The id alone restarts at every reset: the instant makes it unique to this mail.
    messageId: `<${mail.id}.${Date.parse(mail.date)}@smsim.invalid>`,
    headers: {
      ...mail.headers,
      'X-Smsim-Provider': mail.provider,
      'X-Smsim-Mail-Id': mail.id,
    },
  }
}

/**
 * The mail's source (RFC 5322), as the relay would deliver it.
 *
 * @example
 * const eml = await rawMessage(views.mail(mail)) // 'Content-Type: text/plain; …\r\nFrom: …'
 */
export async function rawMessage(mail: Mail): Promise<Buffer> {
  const { default: MailComposer } = await import('nodemailer/lib/mail-composer')
  return new MailComposer(outboxMessage(mail)).compile().build()
}
