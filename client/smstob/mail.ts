/**
 * A typed client of SMStoB by mail: it writes the mail of each of the three syntaxes of §2 and
 * sends it over SMTP with nodemailer, and it reads SMStoB's reply mails back into a code.
 *
 * The SMTP server is configurable, so the same client talks to smsim (`127.0.0.1:2525`, the
 * default), to your own provider's relay — "serveur SMTP : serveur du fournisseur d'accès"
 * (§5) — or straight to smstob.com's MX. Whatever the server, the From address must be the
 * one the account is registered with.
 *
 * @see shared/specs/001_3f6d8b77c0e17a78.txt — §2 "Envoi d'un SMS par e-mail", §4 (the codes), §5
 */
import type { Transporter } from 'nodemailer'
import { codeEntry } from '../../simulators/core/codes.ts'
import {
  formatDiff,
  SMS_KEYWORD,
  SMSTOB_CODES,
  SMSTOB_MAIL_ADDRESSES,
  SMSTOB_MAIL_DOMAIN,
  type SmstobCode,
} from '../../simulators/smstob/wire.ts'
import { addressOf, smtpTransport, type SmtpClientOptions } from '../smtp.ts'

export { SMSTOB_MAIL_DOMAIN }

interface SmstobMailCommon {
  /** The address the account is registered with ("votre adresse émettrice"). */
  from: string
  pass: string
  /** A mobile number or the name of a contact group. */
  numero: string
  /** Plain text ("au format « TEXTE BRUT »"), 160 characters per SMS part. */
  message: string
}

/** A send, in one of the three syntaxes. Syntax 2 has no deferred date: its subject is the number. */
export type SmstobMailInput =
  | (SmstobMailCommon & {
      /** `password.numero@smstob.com`, the subject being the optional date. */
      syntax: 1
      /** Send later: a Date (written as Europe/Paris `hhmmjjmmaaaa`) or the raw 12 digits. */
      diff?: Date | string
    })
  | (SmstobMailCommon & {
      /** `sms.password@smstob.com`, the subject being the number or group. */
      syntax: 2
      diff?: never
    })
  | (SmstobMailCommon & {
      /** `sms@smstob.com`, the subject being `password:numero` and the optional date. */
      syntax: 3
      diff?: Date | string
    })

/** The mail a send is written as. */
export interface SmstobMailMessage {
  from: string
  to: string
  subject: string
  text: string
}

/** What an address's local part may hold unquoted (RFC 5322 `dot-atom-text`, without the dot). */
const ATEXT = /^[A-Za-z0-9!#$%&'*+\-/=?^_`{|}~]+$/

/**
 * Writes the mail of a send. Throws a RangeError when the syntax cannot carry a value: a
 * password or number with characters an address cannot hold (syntaxes 1 and 2), a dot in a
 * syntax 1 password (SMStoB splits `password.numero` at the first dot), a `:` in syntax 3's
 * password or number, a date in syntax 2.
 *
 * @example
 * buildSmstobMail({ syntax: 3, from: 'ecole@example.fr', pass: 'XV65JU', numero: '0660919010', message: 'Bonjour' })
 * // { from: 'ecole@example.fr', to: 'sms@smstob.com', subject: 'XV65JU:0660919010', text: 'Bonjour' }
 */
export function buildSmstobMail(input: SmstobMailInput): SmstobMailMessage {
  const diff =
    input.diff === undefined
      ? undefined
      : typeof input.diff === 'string'
        ? input.diff
        : formatDiff(input.diff)
  const mail = (to: string, subject: string) => ({
    from: input.from,
    to,
    subject,
    text: input.message,
  })
  switch (input.syntax) {
    case 1: {
      // Spaces are how people write numbers, and no address holds them; a group name keeps its own.
      const trimmed = input.numero.trim()
      const numero = /^\+?[\d\s.]+$/.test(trimmed) ? trimmed.replace(/\s+/g, '') : trimmed
      if (input.pass.includes('.'))
        throw new RangeError('a password with a dot cannot be sent in syntax 1; use syntax 2 or 3')
      addressPart(input.pass, 'the password', 1)
      addressPart(numero, 'the number', 1, true)
      return mail(`${input.pass}.${numero}@${SMSTOB_MAIL_DOMAIN}`, diff ?? '')
    }
    case 2:
      if (diff !== undefined)
        throw new RangeError('syntax 2 has no deferred date; use syntax 1 or 3')
      addressPart(input.pass, 'the password', 2, true)
      return mail(`${SMS_KEYWORD}.${input.pass}@${SMSTOB_MAIL_DOMAIN}`, input.numero.trim())
    case 3:
      for (const [value, what] of [
        [input.pass, 'the password'],
        [input.numero, 'the number or group'],
      ] as const) {
        if (value.includes(':'))
          throw new RangeError(`${what} cannot hold ":" in syntax 3 (it separates the fields)`)
      }
      return mail(
        SMSTOB_MAIL_ADDRESSES[3],
        `${input.pass.trim()}:${input.numero.trim()}${diff !== undefined ? ` ${diff}` : ''}`,
      )
  }
}

/** Checks a value that goes into an address's local part. */
function addressPart(value: string, what: string, syntax: 1 | 2, dots = false): void {
  const parts = dots ? value.split('.') : [value]
  if (value === '' || parts.some((p) => !ATEXT.test(p)))
    throw new RangeError(
      `${what} "${value}" cannot be written in an address (syntax ${syntax}); use syntax 3`,
    )
}

export type SmstobMailSenderOptions = SmtpClientOptions

/** What the SMTP server said about a sent mail. */
export interface SmstobMailSent {
  /** The Message-ID, that SMStoB's reply quotes in `In-Reply-To` (smsim does). */
  messageId: string
  accepted: string[]
  rejected: string[]
  /** The server's last reply, e.g. `250 OK`. */
  response: string
  mail: SmstobMailMessage
}

/**
 * @example
 * const sender = new SmstobMailSender({ host: '127.0.0.1', port: 2525 })
 * await sender.send({ syntax: 1, from: 'demo@smstob.test', pass: 'demo', numero: '0660919010', message: 'Bonjour' })
 * // later: readSmstobReply(replyMail) → { kind: 'confirmation', ok: true, code: 80, … }
 * sender.close()
 */
export class SmstobMailSender {
  readonly #transport: Transporter

  constructor(options: SmstobMailSenderOptions = {}) {
    this.#transport = smtpTransport(options)
  }

  /**
   * Sends one SMS by mail (or one per contact of a group). Resolves once the SMTP server took
   * the mail; SMStoB's answer comes later, by mail. Rejects when the server refuses it (e.g. a
   * 550 for an address SMStoB does not serve, `responseCode` set) and with a RangeError when
   * the syntax cannot carry the values (see {@link buildSmstobMail}).
   */
  async send(input: SmstobMailInput): Promise<SmstobMailSent> {
    const mail = buildSmstobMail(input)
    const info = await this.#transport.sendMail({
      ...mail,
      // "Les messages doivent toujours être rédigés au format « TEXTE BRUT »".
      text: mail.text,
      textEncoding: 'quoted-printable',
    })
    return {
      messageId: info.messageId as string,
      accepted: (info.accepted as (string | { address: string })[]).map(addressOf),
      rejected: (info.rejected as (string | { address: string })[]).map(addressOf),
      response: info.response as string,
      mail,
    }
  }

  /** Closes the pooled connection, if any. */
  close(): void {
    this.#transport.close()
  }
}

/** A reply mail from SMStoB, read. */
export type SmstobReply =
  | { kind: 'confirmation'; ok: true; code: 80 | 81; meaning: string }
  | { kind: 'error'; ok: false; code: SmstobCode; meaning: string }
  /** "un message d'erreur si l'opérateur n'a pas pu déposer le message" (§2, §4). */
  | { kind: 'non-delivery'; ok: false; code: undefined; meaning: string }
  | { kind: 'unknown'; ok: false; code: undefined; meaning: string }

/** Lower case, without accents or typographic apostrophes, spaces collapsed: for matching texts. */
const fold = (text: string) =>
  text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[’`´]/g, "'")
    .replace(/\s+/g, ' ')
    .toLowerCase()

/**
 * Reads a reply mail from SMStoB into the code it carries, with the document's text for it.
 * It looks, in order, for a first line `NN : text` (the document's own way of writing a code,
 * and smsim's), a code in brackets in the subject, a non-delivery notice, and one of the
 * document's texts anywhere in the mail. Tolerant on purpose: the real service's wording is
 * not public.
 *
 * @example
 * readSmstobReply({ subject: "SMStoB : message d'erreur (84)", text: "84 : le numéro de gsm n'est pas valide\n…" })
 * // { kind: 'error', ok: false, code: 84, meaning: "le numéro de gsm n'est pas valide" }
 */
export function readSmstobReply(mail: { subject?: string; text?: string | false }): SmstobReply {
  const subject = mail.subject ?? ''
  const text = mail.text || ''
  const firstLine = text.trim().split('\n', 1)[0] ?? ''
  const all = fold(`${subject}\n${text}`)
  const entry =
    codeEntry(SMSTOB_CODES, /^(\d{2})\s*:\s*\S/.exec(firstLine)?.[1]) ??
    codeEntry(SMSTOB_CODES, /\((\d{2})\)/.exec(subject)?.[1])
  if (!entry && /non remis|n'a (pas )?pu (etre )?depose|n'a pu deposer/.test(all))
    return { kind: 'non-delivery', ok: false, code: undefined, meaning: text.trim() || subject }
  const found = entry ?? SMSTOB_CODES.find((c) => all.includes(fold(c.text)))
  if (found) {
    if (found.code === 80 || found.code === 81)
      return { kind: 'confirmation', ok: true, code: found.code, meaning: found.text }
    return { kind: 'error', ok: false, code: found.code, meaning: found.text }
  }
  return {
    kind: 'unknown',
    ok: false,
    code: undefined,
    meaning: `not an SMStoB reply: ${subject.slice(0, 200)}`,
  }
}
