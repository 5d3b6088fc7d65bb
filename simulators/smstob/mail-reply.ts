/**
 * The mails SMStoB sends back to a mail's sender: a confirmation when the SMS is accepted
 * (80, 81) and an error mail for every other code. The one place their wording is written
 * (STYLE.md §8); the reference client reads them back with `readSmstobReply`.
 *
 * The document gives no wording: it promises "confirmation d'envoi par e-mail, ou réception
 * d'un message d'erreur" (§2) and "confirmation d'envoi et réception des messages d'erreur par
 * e-mail" (§5). Ours, in French like the service: the subject names the kind of mail and the
 * code; the body's first line is the code and its text written as the document's table writes
 * them (`84 : le numéro de gsm n'est pas valide`), so a reader needs no other key.
 *
 * @see shared/specs/001_3f6d8b77c0e17a78.txt — §2, §4 (the codes), §5
 */
import { cutText, JOURNAL_FIELD_CHARS, JOURNAL_TEXT_CHARS } from '../core/bounds.ts'
import { codeText } from '../core/codes.ts'
import type { NewMail } from '../core/model.ts'
import { replyMail } from '../core/reply-mail.ts'
import { SMSTOB_CODES, type SmstobCode } from './codes.ts'
import { SMSTOB_REPLY_FROM, SMSTOB_TIME_ZONE, type SmstobMailSyntax } from './wire.ts'

/**
 * Longest subject and address a reply quotes, and longest message it quotes (ours: the
 * document gives no wording). Above any real one — a subject is a number or a group, the
 * message at most SMStoB's 10 parts — so that only a hostile mail's are cut, with a note of how
 * much was cut: a 10 MB body must not come back as a 10 MB reply.
 */
export const MAX_QUOTED_FIELD_CHARS = JOURNAL_FIELD_CHARS
export const MAX_QUOTED_TEXT_CHARS = JOURNAL_TEXT_CHARS

/** The mail that was answered, as the reply quotes it. */
export interface AnsweredMail {
  /** The sender, to whom the reply goes. */
  from: string
  /** The SMStoB address it was sent to. */
  recipient: string
  subject: string
  syntax: SmstobMailSyntax
  messageId?: string
}

/** What was sent, for a confirmation. */
export interface SentSummary {
  /** The number in national form, or the group's name. */
  to: string
  group: boolean
  /** SMS accepted (one per recipient). */
  accepted: number
  /** Group contacts skipped because they had the same text within 24 h. */
  duplicates: number
  /** Credits taken, all parts counted (a low-credit alert included). */
  debited: number
  creditsLeft: number
  /** When a deferred send goes out. */
  sendAt?: Date
  /** The text as received (with `[v1]`…`[v3]` before the merge, for a group). */
  text: string
}

export interface MailReplyInput {
  code: SmstobCode
  answered: AnsweredMail
  /** The account concerned, when the sender was recognised. */
  account?: string
  sent?: SentSummary
  /** A sentence on what was wrong with the mail itself, added to an error mail. */
  note?: string
  now: Date
}

/**
 * A date as the replies write it, in Paris wall time as SMStoB's dates are.
 *
 * @example
 * formatParisTime(new Date('2004-09-15T10:30:00Z')) // 'le 15/09/2004 à 12:30'
 */
export function formatParisTime(date: Date): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('fr-FR', {
      timeZone: SMSTOB_TIME_ZONE,
      day: '2-digit',
      month: '2-digit',
      year: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    })
      .formatToParts(date)
      .map((p) => [p.type, p.value]),
  )
  return `le ${parts.day}/${parts.month}/${parts.year} à ${parts.hour}:${parts.minute}`
}

/**
 * A reply's subject: the kind of reply, and the code in brackets for mail filters.
 *
 * @example
 * replySubject(80) // "SMStoB : confirmation d'envoi (80)"
 * replySubject(84) // "SMStoB : message d'erreur (84)"
 */
export function replySubject(code: SmstobCode): string {
  if (code === 80) return "SMStoB : confirmation d'envoi (80)"
  if (code === 81) return "SMStoB : confirmation d'envoi en différé (81)"
  return `SMStoB : message d'erreur (${code})`
}

/**
 * The reply to one mail, as an outbox mail: to the sender, from {@link SMSTOB_REPLY_FROM},
 * threaded under the mail it answers and marked as an automatic reply (RFC 3834), so that the
 * sender's own auto-responder does not answer it.
 *
 * @example
 * renderMailReply({ code: 84, answered: { from: 'ecole@example.fr', recipient: 'sms@smstob.com', subject: 'XV65JU:06', syntax: 3 }, now })
 * // { from: 'noreply@smstob.com', to: 'ecole@example.fr', subject: "SMStoB : message d'erreur (84)",
 * //   text: "84 : le numéro de gsm n'est pas valide\n\nAucun SMS n'a été envoyé…", … }
 */
export function renderMailReply(input: MailReplyInput): NewMail {
  const { code, answered, sent, note, now } = input
  const lines = [`${code} : ${codeText(SMSTOB_CODES, code)}`, '']
  if (sent) {
    lines.push(
      sent.group
        ? `Groupe : ${sent.to} (${plural(sent.accepted, 'destinataire', 'destinataires')})`
        : `Destinataire : ${sent.to}`,
    )
    if (sent.duplicates > 0)
      lines.push(
        `Non envoyé à ${plural(sent.duplicates, 'contact', 'contacts')} : le message lui a déjà été envoyé dans les 24 dernières heures.`,
      )
    lines.push(
      sent.sendAt
        ? `Envoi prévu ${formatParisTime(sent.sendAt)} (heure de Paris)`
        : 'Envoi immédiat',
      `SMS débités : ${sent.debited}`,
      `Crédit restant : ${sent.creditsLeft} SMS`,
      '',
      'Message :',
      cutText(sent.text, MAX_QUOTED_TEXT_CHARS),
    )
  } else {
    lines.push("Aucun SMS n'a été envoyé et rien n'a été débité.")
    if (note) lines.push(note)
  }
  lines.push(
    '',
    `Votre e-mail à ${cutText(answered.recipient, MAX_QUOTED_FIELD_CHARS)} (syntaxe ${answered.syntax}), objet « ${cutText(answered.subject, MAX_QUOTED_FIELD_CHARS)} », reçu ${formatParisTime(now)}.`,
  )
  return replyMail({
    provider: 'smstob',
    from: SMSTOB_REPLY_FROM,
    to: answered.from,
    subject: replySubject(code),
    text: lines.join('\n'),
    ...(input.account ? { account: input.account } : {}),
    ...(answered.messageId ? { inReplyTo: answered.messageId } : {}),
  })
}

function plural(count: number, one: string, many: string): string {
  return `${count} ${count > 1 ? many : one}`
}
