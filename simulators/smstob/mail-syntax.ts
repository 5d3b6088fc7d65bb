/**
 * Reading SMStoB's three mail syntaxes: which syntax an address is, and the send fields
 * (`pass`, `numero`, `diff`, `message`) that the address, the subject and the body carry. Pure
 * string work; the decision itself is {@link decideSend}'s, as for `http.php`.
 *
 * | syntax | address                       | subject                                      |
 * | ------ | ----------------------------- | -------------------------------------------- |
 * | 1      | `password.numero@smstob.com`  | optional `hhmmjjmmaaaa`                      |
 * | 2      | `sms.password@smstob.com`     | number or group name                         |
 * | 3      | `sms@smstob.com`              | `password:numero`, optionally then the date  |
 *
 * @see shared/specs/001_3f6d8b77c0e17a78.txt — §2 "Nous proposons 3 syntaxes au choix"
 */
import type { InboundMail } from '../core/mail.ts'
import { textAboveSignature } from '../core/text.ts'
import { SMS_KEYWORD, SMSTOB_MAIL_DOMAIN, type SmstobMailSyntax } from './wire.ts'

/** What an address says: its syntax and, for syntaxes 1 and 2, the fields it carries. */
export type SmstobAddress =
  { syntax: 1; pass: string; numero: string } | { syntax: 2; pass: string } | { syntax: 3 }

/** The send fields a mail carries, as {@link decideSend} takes them. */
export interface SmstobMailFields {
  syntax: SmstobMailSyntax
  pass?: string
  numero?: string
  diff?: string
  /** `undefined` when the mail has no plain-text part (see {@link bodyToMessage}). */
  message?: string
  /** Why the body was not read, when it was not. */
  bodyProblem?: 'not-plain-text'
}

/**
 * Which syntax an address is, or `undefined` for an address SMStoB does not serve (another
 * domain, or a local part with neither the keyword nor a dot).
 *
 * Case: the domain and the keyword `sms` are compared without case; the password and the
 * number keep the case they were written in, because `http.php` compares passwords exactly and
 * the same decision checks them here. The local part is split at its first dot: SMStoB's
 * passwords are generated (`XV65JU`) and hold no dot, while a number may (`06.60.91.90.10`).
 *
 * @example
 * parseSmstobAddress('XV65JU.0660919010@SMStoB.com') // { syntax: 1, pass: 'XV65JU', numero: '0660919010' }
 * parseSmstobAddress('sms.XV65JU@smstob.com')        // { syntax: 2, pass: 'XV65JU' }
 * parseSmstobAddress('SMS@smstob.com')               // { syntax: 3 }
 * parseSmstobAddress('contact@smstob.com')           // undefined
 */
export function parseSmstobAddress(address: string): SmstobAddress | undefined {
  const at = address.lastIndexOf('@')
  if (at < 0 || address.slice(at + 1).toLowerCase() !== SMSTOB_MAIL_DOMAIN) return undefined
  const local = unquote(address.slice(0, at))
  if (local.toLowerCase() === SMS_KEYWORD) return { syntax: 3 }
  const dot = local.indexOf('.')
  if (dot < 0) return undefined
  const head = local.slice(0, dot)
  const tail = local.slice(dot + 1)
  if (head.toLowerCase() === SMS_KEYWORD) return { syntax: 2, pass: tail }
  return { syntax: 1, pass: head, numero: tail }
}

/** `"XV65JU.0660919010"@smstob.com` is the same mailbox as the unquoted form (RFC 5321 §4.1.2). */
function unquote(local: string): string {
  return /^".*"$/.test(local) ? local.slice(1, -1).replace(/\\(.)/g, '$1') : local
}

/** A deferred date in the subject: the document's `hhmmjjmmaaaa`, 12 digits. */
const DATE_TOKEN = /^\d{12}$/

/**
 * Reads syntax 3's subject, `password:numero` optionally followed by the date.
 *
 * The password ends at the first `:`. The date, when there is one, follows the number after a
 * second `:` (anything there is taken as the date, so a malformed one answers 85) or after
 * spaces when it is 12 digits, the document's form (`XV65JU:0660919010 123015092004`). A
 * number written with spaces (`06 60 91 90 10`) or a group name with spaces stays whole.
 * Spaces around each part are ignored. A subject without `:` has no password (code 88).
 *
 * @example
 * parseSyntax3Subject('XV65JU:0660919010')              // { pass: 'XV65JU', numero: '0660919010' }
 * parseSyntax3Subject('XV65JU:0660919010 123015092004') // { …, diff: '123015092004' }
 * parseSyntax3Subject('XV65JU:0660919010:1230')         // { …, diff: '1230' } → 85
 * parseSyntax3Subject('0660919010')                     // { numero: '0660919010' } → 88
 */
export function parseSyntax3Subject(
  subject: string,
): Pick<SmstobMailFields, 'pass' | 'numero' | 'diff'> {
  const text = subject.trim()
  const colon = text.indexOf(':')
  if (colon < 0) return text ? { numero: text } : {}
  const pass = text.slice(0, colon).trim()
  let rest = text.slice(colon + 1).trim()
  let diff: string | undefined
  const second = rest.indexOf(':')
  if (second >= 0) {
    diff = rest.slice(second + 1).trim()
    rest = rest.slice(0, second).trim()
  } else {
    const space = rest.search(/\s\S+$/)
    const last = space >= 0 ? rest.slice(space + 1) : ''
    if (DATE_TOKEN.test(last)) {
      diff = last
      rest = rest.slice(0, space).trim()
    }
  }
  return { pass, numero: rest, ...(diff !== undefined ? { diff } : {}) }
}

/**
 * The SMS text of a mail body (our choices, see README): only a text/plain part is read —
 * "Les messages doivent toujours être rédigés au format « TEXTE BRUT »" — so an HTML-only mail
 * has no message; the signature is cut, after a `-- ` line or a `--` one as clients that trim
 * trailing spaces write it (it is the sender's, added by the mail client, not the SMS, and it
 * would cost a second SMS part); spaces at line ends and blank lines around the text are
 * dropped; line breaks inside the text stay (`\n`, one character). Length is left to the
 * decision, as at `http.php`.
 *
 * @example
 * bodyToMessage({ hasPlainText: true, text: 'Bonjour\r\n\r\n-- \r\nJean\r\n' }) // 'Bonjour'
 * bodyToMessage({ hasPlainText: false, text: '' })                         // undefined
 */
export function bodyToMessage(
  mail: Pick<InboundMail, 'text' | 'hasPlainText'>,
): string | undefined {
  if (!mail.hasPlainText) return undefined
  const lines = textAboveSignature(mail.text.replace(/\r\n?/g, '\n'), { bareDashes: true })
    .split('\n')
    .map(trimSpacesEnd)
  return trimLineBreaks(lines.join('\n'))
}

/*
 * The two trims below walk in from the ends. As patterns (`/[ \t]+$/`, `/\n+$/`) they are tried
 * at every space or line break of a long run inside the text and read the run to its end each
 * time: quadratic, 80,000 spaces in a line took seconds (issue 10).
 */

/** A line without the spaces and tabs that end it. */
function trimSpacesEnd(line: string): string {
  let end = line.length
  while (end > 0 && (line[end - 1] === ' ' || line[end - 1] === '\t')) end--
  return line.slice(0, end)
}

/** A text without the line breaks that start and end it. */
function trimLineBreaks(text: string): string {
  let start = 0
  let end = text.length
  while (start < end && text[start] === '\n') start++
  while (end > start && text[end - 1] === '\n') end--
  return text.slice(start, end)
}

/**
 * Every send field a mail to `recipient` carries, or `undefined` when SMStoB serves no such
 * address. The sender (`email`) is not here: it is the mail's From, taken by the caller.
 *
 * @example
 * readSmstobMail(mail, 'sms@smstob.com') // mail.subject 'XV65JU:0660919010' → { syntax: 3, pass: 'XV65JU', numero: '0660919010', message: … }
 */
export function readSmstobMail(
  mail: Pick<InboundMail, 'subject' | 'text' | 'hasPlainText'>,
  recipient: string,
): SmstobMailFields | undefined {
  const address = parseSmstobAddress(recipient)
  if (!address) return undefined
  const message = bodyToMessage(mail)
  const body: Pick<SmstobMailFields, 'message' | 'bodyProblem'> =
    message === undefined ? { bodyProblem: 'not-plain-text' } : { message }
  const subject = mail.subject.trim()
  switch (address.syntax) {
    case 1:
      // "objet (option) : heure et date d'envoi du message"
      return { ...address, ...(subject ? { diff: subject } : {}), ...body }
    case 2:
      // "objet : numéro de téléphone ou nom du groupe de destination"
      return { ...address, ...(subject ? { numero: subject } : {}), ...body }
    case 3:
      return { syntax: 3, ...parseSyntax3Subject(subject), ...body }
  }
}
