/**
 * SMStoB by mail: the three addresses of §2, each read into the fields of a send and decided by
 * {@link decideSend} — the very decision `http.php` uses, so every code 80–91, the precedence
 * and the 24 h rule are the same whichever way a send came in. The answer goes back by mail to
 * the sender ("confirmation d'envoi par e-mail, ou réception d'un message d'erreur").
 *
 * The account is the one registered with the mail's From address ("votre adresse émettrice est
 * celle avec laquelle vous êtes enregistré sur SMStoB.com"): the From address is `email`. An
 * unregistered sender therefore gets 82 "Le login et/ou mot de passe n'est pas valide", as an
 * unknown `email` does at `http.php`; 87 "la valeur email est vide" is a mail with no sender
 * address at all (`MAIL FROM:<>` and no From header), which gets no reply since there is
 * nowhere to send one.
 *
 * An automatic mail — one that says a program sent it, or a bounce (core/reply-mail.ts) — is
 * decided all the same (its SMS go, its code is journalled), but never answered: a reply to a
 * robot is how mail loops start.
 *
 * @see shared/specs/001_3f6d8b77c0e17a78.txt — §2 "Envoi d'un SMS par e-mail"
 */
import { cutText, JOURNAL_FIELD_CHARS, JOURNAL_TEXT_CHARS } from '../core/bounds.ts'
import type { Effect } from '../core/effects.ts'
import type { InboundMail, MailEndpoint, MailResult } from '../core/mail.ts'
import { toFrenchNational } from '../core/phone.ts'
import { noReplyReason, type NoReplyReason } from '../core/reply-mail.ts'
import type { StateView } from '../core/store.ts'
import { decideSend } from './decide.ts'
import { renderMailReply, type MailReplyInput, type SentSummary } from './mail-reply.ts'
import {
  parseSmstobAddress,
  parseSyntax3Subject,
  readSmstobMail,
  type SmstobMailFields,
} from './mail-syntax.ts'
import { SMSTOB_MAIL_ADDRESSES, SMSTOB_REPLY_FROM, type SmstobMailSyntax } from './wire.ts'

/** Added to the error mail of an HTML-only mail, whose message SMStoB cannot read (code 90). */
export const NOT_PLAIN_TEXT_NOTE =
  "Votre e-mail n'avait pas de partie en texte brut : les messages doivent toujours être rédigés au format « TEXTE BRUT »."

/**
 * Decides one mail sent to `recipient`, one of SMStoB's addresses: the send, then the reply.
 * SMStoB declares no fault codes (`faultCodes`), so the engine never asks it to refuse.
 *
 * @example
 * handleSmstobMail(mail, 'XV65JU.0660919010@smstob.com', store, now)
 * // { effects: [debit, sms, mail (confirmation 80)], journal: { account: 'ecole@example.fr', code: 80, … } }
 */
export function handleSmstobMail(
  mail: InboundMail,
  recipient: string,
  view: StateView,
  now: Date,
): MailResult {
  const fields = readSmstobMail(mail, recipient)
  // The gateway routes only addresses `accepts` took; anything else is a bug upstream.
  if (!fields) throw new Error(`not an SMStoB address: ${recipient}`)
  const answered = {
    from: mail.from,
    recipient,
    subject: mail.subject,
    syntax: fields.syntax,
    ...(mail.messageId ? { messageId: mail.messageId } : {}),
  }
  const noReply = noReplyReason(mail, 'sender')
  const journalRequest = { ...journalFields(fields), ...(noReply ? { noReply } : {}) }
  // The password read from the address or the subject, right or wrong: masked in the journal
  // and in the control API's view of the reply, which quotes that address and subject.
  const secrets = fields.pass ? [fields.pass] : []
  const decision = decideSend(
    {
      transport: 'mail',
      email: mail.from,
      ...(fields.pass !== undefined ? { pass: fields.pass } : {}),
      ...(fields.numero !== undefined ? { numero: fields.numero } : {}),
      ...(fields.message !== undefined ? { message: fields.message } : {}),
      ...(fields.diff !== undefined ? { diff: fields.diff } : {}),
    },
    view,
    now,
  )
  const { code } = decision.reply
  const account = decision.account ? view.account('smstob', decision.account) : undefined
  const sent =
    code === 80 || code === 81
      ? summarize(fields, decision.effects, decision.reply, account?.credits ?? 0)
      : undefined
  const note = code === 90 && fields.bodyProblem ? NOT_PLAIN_TEXT_NOTE : undefined
  return {
    effects: [
      ...decision.effects,
      ...reply(
        {
          code,
          answered,
          ...(decision.account ? { account: decision.account } : {}),
          ...(sent ? { sent } : {}),
          ...(note ? { note } : {}),
          now,
        },
        secrets,
        noReply,
      ),
    ],
    journal: {
      request: journalRequest,
      code,
      ...(decision.account ? { account: decision.account } : {}),
      secrets,
    },
  }
}

/**
 * The reply mail, unless it must not be sent: an automatic mail (`noReply`), a mail without
 * sender, or one from SMStoB's own reply address (a reply that came back must not start a
 * loop). `secrets`: the password the quoted address or subject carries (the mail keeps it; the
 * control API masks it).
 */
function reply(
  input: MailReplyInput,
  secrets: string[],
  noReply: NoReplyReason | undefined,
): Effect[] {
  const to = input.answered.from.trim()
  if (noReply || to === '' || to.toLowerCase() === SMSTOB_REPLY_FROM) return []
  const mail = renderMailReply(input)
  return [{ kind: 'mail', mail: secrets.length ? { ...mail, secrets } : mail }]
}

/** What a confirmation says about the send just decided. */
function summarize(
  fields: SmstobMailFields,
  effects: readonly Effect[],
  reply: { accepted: number; duplicates: number },
  creditsBefore: number,
): SentSummary {
  const sms = effects.flatMap((e) => (e.kind === 'sms' && !e.sms.meta?.alert ? [e.sms] : []))
  const debited = effects.reduce((sum, e) => sum + (e.kind === 'debit' ? e.amount : 0), 0)
  const group = sms[0]?.meta?.group
  const scheduledAt = sms[0]?.scheduledAt
  return {
    to: typeof group === 'string' ? group : toFrenchNational(sms[0]?.to ?? fields.numero ?? ''),
    group: typeof group === 'string',
    accepted: reply.accepted,
    duplicates: reply.duplicates,
    debited,
    creditsLeft: creditsBefore - debited,
    ...(scheduledAt ? { sendAt: new Date(scheduledAt) } : {}),
    text: fields.message ?? '',
  }
}

/**
 * The journal's view of the mail: the syntax and the fields read from it, cut as `http.php`'s
 * are (core/bounds.ts). `pass` is masked by the store.
 */
function journalFields(fields: SmstobMailFields): Record<string, unknown> {
  const { syntax, pass, numero, diff, message, bodyProblem } = fields
  const field = (value: string) => cutText(value, JOURNAL_FIELD_CHARS)
  return {
    syntax,
    ...(pass !== undefined ? { pass: field(pass) } : {}),
    ...(numero !== undefined ? { numero: field(numero) } : {}),
    ...(diff !== undefined ? { diff: field(diff) } : {}),
    ...(message !== undefined ? { message: cutText(message, JOURNAL_TEXT_CHARS) } : {}),
    ...(bodyProblem ? { bodyProblem } : {}),
  }
}

/**
 * The password an SMStoB address (syntaxes 1 and 2) or a syntax 3 subject carries, for the
 * journal entries written without a decision (a fault, an unreadable mail).
 *
 * @example
 * smstobMailSecrets('XV65JU.0660919010@smstob.com', '') // ['XV65JU']
 * smstobMailSecrets('sms@smstob.com', 'XV65JU:0660919010') // ['XV65JU']
 */
export function smstobMailSecrets(recipient: string, subject: string): string[] {
  const address = parseSmstobAddress(recipient)
  if (!address) return []
  const pass = address.syntax === 3 ? parseSyntax3Subject(subject).pass : address.pass
  return pass ? [pass] : []
}

/** One endpoint per syntax; {@link parseSmstobAddress} decides, once, which syntax an address is. */
function endpoint(syntax: SmstobMailSyntax): MailEndpoint {
  return {
    name: `mail syntaxe ${syntax}`,
    addresses: [SMSTOB_MAIL_ADDRESSES[syntax]],
    accepts: (address) => parseSmstobAddress(address)?.syntax === syntax,
    secretsIn: smstobMailSecrets,
    handle: handleSmstobMail,
  }
}

/**
 * SMStoB's mail addresses: `password.numero@`, `sms.password@` and `sms@smstob.com`.
 *
 * @example
 * const provider = { …, mail: SMSTOB_MAIL }
 */
export const SMSTOB_MAIL: readonly MailEndpoint[] = [endpoint(1), endpoint(2), endpoint(3)]

/**
 * The demo account's mail lines of `npm start`'s banner: a swaks line (syntax 2), a curl line
 * (syntax 3) and where the replies are read. Each sends another text to another number, so that
 * pasting them all after the `http.php` line does not run into code 91.
 *
 * @example
 * smstobMailUsage('http://127.0.0.1:8780', { host: '127.0.0.1', port: 2525 })
 * // ['SMStoB   by mail: SMTP 127.0.0.1:2525, …', '         swaks --server 127.0.0.1 --port 2525 …', …]
 */
export function smstobMailUsage(baseUrl: string, smtp: { host: string; port: number }): string[] {
  const { host, port } = smtp
  return [
    `SMStoB   by mail: SMTP ${host}:${port}, from demo@smstob.test (syntax 1: demo.<numero>@smstob.com, 2: sms.demo@smstob.com, 3: sms@smstob.com)`,
    `         swaks --server ${host} --port ${port} --from demo@smstob.test --to sms.demo@smstob.com --header 'Subject: 0660545465' --body 'Bonjour par mail'`,
    `         printf 'From: demo@smstob.test\\nSubject: demo:0660901010\\n\\nBonjour par curl\\n' | curl -sS smtp://${host}:${port} --mail-from demo@smstob.test --mail-rcpt sms@smstob.com -T - --crlf`,
    `         curl '${baseUrl}/_smsim/mails?to=demo@smstob.test'   (the confirmations and error mails)`,
  ]
}
