/**
 * A typed client of iSendPro's mail interface ("PUSH MSISDN mode mail 2 sms"): it writes the
 * `<envoi>` XML — one number, several, each with its own text, or the numbers and the message
 * as `mobiles.csv` and `message.csv` attachments — sends it as a plain-text mail to
 * `sendsms@isendpro-api.com` over SMTP with nodemailer, and reads the Ack and Not mails that
 * come back into typed results (replies.ts).
 *
 * The SMTP server is configurable, so the same client talks to smsim (`127.0.0.1:2525`, the
 * default), to your own relay, or to the real service. The mail must come from a domain the
 * account authorised ("Domaine des adresses emails de l'expéditeur"), and each mail needs an
 * emailId of its own: the client makes one up when you give none.
 *
 * @see shared/specs/003_757a0a2884dd0a0c.txt — III "Utilisation de l'API", III.5 "Réponses par e-mail"
 */
import { randomInt } from 'node:crypto'
import type { SendMailOptions, Transporter } from 'nodemailer'
import { escapeXml } from '../../simulators/core/xml.ts'
import { ISENDPRO_MAIL_ADDRESS, LINE_BREAK_CHAR } from '../../simulators/isendpro/wire.ts'
import { addressOf, smtpTransport, type SmtpClientOptions } from '../smtp.ts'

export { ISENDPRO_MAIL_ADDRESS }

/** Most recipients of one mail. */
const MAX_RECIPIENTS = 500

/** A recipient with a text of its own (`numX` / `smsX`). */
export interface IsendproRecipient {
  num: string
  sms: string
}

/** A line of `mobiles.csv`: a number and up to three values for `[1]`, `[2]`, `[3]`. */
export interface IsendproCsvLine {
  num: string
  values?: readonly string[]
}

/** What every `<envoi>` carries besides its recipients. */
export interface IsendproEnvoiOptions {
  keyid: string
  /** Unique per account: a second mail with the same id is not processed (Ack 1). */
  emailId: string | number
  /** Where the Ack goes (was the mail processed?). Without it, no Ack. */
  emailAck?: string
  /** Where the Not goes (each send's code). Without it, no Not. */
  emailNot?: string
  /** 4–11 letters, digits or spaces, not digits only; adds `STOP SMS au XXXXX` to the text. */
  emetteur?: string
  tracker?: string
  /** Most SMS parts per text (1 without it); `'auto'` writes 999, "calcul dynamique", up to 6. */
  smslong?: number | 'auto'
  /** Drop the STOP mention (only honoured for accounts whose STOP obligation was lifted). */
  nostop?: boolean
}

/** The recipients and texts, inline (`num`/`numX`, `sms`/`smsX`) or as CSV attachments. */
export type IsendproSendInput = Partial<IsendproEnvoiOptions> &
  (
    | {
        /** One number (`<num>`), several (`<num1>`…), or several with their own texts (`<smsX>`). */
        to: string | readonly (string | IsendproRecipient)[]
        /** The text for every recipient without one of its own (`<sms>`). */
        sms?: string
        csv?: undefined
      }
    | {
        to?: undefined
        sms?: undefined
        /** `mobiles.csv` and `message.csv`: `[1]`…`[3]` in the message take each line's values. */
        csv: { mobiles: readonly (string | IsendproCsvLine)[]; message: string }
      }
  )

/**
 * Escapes a value for XML and writes its line breaks as `Ö`, the document's line break. A
 * text holding the letter `Ö` cannot be sent: iSendPro would read it as a line break.
 */
function smsValue(text: string, name: string): string {
  if (text.normalize('NFC').includes(LINE_BREAK_CHAR))
    throw new RangeError(
      `${name}: "${LINE_BREAK_CHAR}" is the line break of iSendPro's mail interface; the letter itself cannot be sent`,
    )
  return xmlText(text.replace(/\r\n?|\n/g, LINE_BREAK_CHAR))
}

/** `& < >` escaped, every other character as given: the body is UTF-8 and holds them all. */
function xmlText(value: string): string {
  return escapeXml(value, { invalid: null })
}

/** A field that must hold no line break (the mail's wrapping would change it). */
function fieldValue(value: string, name: string): string {
  if (/[\r\n]/.test(value)) throw new RangeError(`${name} cannot hold a line break`)
  return xmlText(value.trim())
}

const EMETTEUR = /^[A-Za-z0-9 ]{4,11}$/

/**
 * Writes the `<envoi>` block, one element a line, in the document's order. Throws a
 * RangeError for what iSendPro would refuse or misread: no keyid or emailId, no recipient,
 * more than 500, an emetteur outside the rules (33), a text holding `Ö`.
 *
 * @example
 * buildIsendproEnvoi({ keyid: 'a296464ce012b8ab710a', emailId: 1548, to: '0601020304', sms: 'Salut ca va ?', emailAck: 'ack@masociete.com' })
 * // '<envoi>\n<keyid>a296464ce012b8ab710a</keyid>\n<num>0601020304</num>\n<sms>Salut ca va ?</sms>\n<emailAck>ack@masociete.com</emailAck>\n<emailId>1548</emailId>\n</envoi>\n'
 */
export function buildIsendproEnvoi(input: IsendproSendInput & IsendproEnvoiOptions): string {
  const keyid = input.keyid?.trim()
  if (!keyid) throw new RangeError('keyid must not be empty')
  const emailId = String(input.emailId).trim()
  if (emailId === '') throw new RangeError('emailId must not be empty')
  const lines = [`<keyid>${fieldValue(keyid, 'keyid')}</keyid>`]
  if (input.csv) {
    if (input.csv.mobiles.length === 0) throw new RangeError('mobiles.csv needs at least one line')
    if (input.csv.mobiles.length > MAX_RECIPIENTS)
      throw new RangeError(`at most ${MAX_RECIPIENTS} recipients per mail (code 23)`)
  } else {
    const to = typeof input.to === 'string' ? [input.to] : [...input.to]
    if (to.length === 0) throw new RangeError('give at least one recipient')
    if (to.length > MAX_RECIPIENTS)
      throw new RangeError(`at most ${MAX_RECIPIENTS} recipients per mail (code 23)`)
    const personal = to.some((r) => typeof r !== 'string')
    if (!personal && input.sms === undefined)
      throw new RangeError('give sms, or a text per recipient')
    if (typeof input.to === 'string') lines.push(`<num>${fieldValue(input.to, 'num')}</num>`)
    else
      to.forEach((r, i) => {
        const num = typeof r === 'string' ? r : r.num
        lines.push(`<num${i + 1}>${fieldValue(num, `num${i + 1}`)}</num${i + 1}>`)
      })
    if (input.sms !== undefined) lines.push(`<sms>${smsValue(input.sms, 'sms')}</sms>`)
    to.forEach((r, i) => {
      if (typeof r !== 'string')
        lines.push(`<sms${i + 1}>${smsValue(r.sms, `sms${i + 1}`)}</sms${i + 1}>`)
    })
  }
  if (input.emetteur !== undefined) {
    const emetteur = input.emetteur.trim()
    if (!EMETTEUR.test(emetteur) || !/[A-Za-z]/.test(emetteur))
      throw new RangeError(
        `emetteur "${input.emetteur}" must be 4–11 letters, digits or spaces, not digits only (code 33)`,
      )
    lines.push(`<emetteur>${xmlText(emetteur)}</emetteur>`)
  }
  if (input.tracker !== undefined)
    lines.push(`<tracker>${fieldValue(input.tracker, 'tracker')}</tracker>`)
  if (input.smslong !== undefined) {
    const smslong = input.smslong === 'auto' ? 999 : input.smslong
    if (!Number.isInteger(smslong) || smslong < 1)
      throw new RangeError('smslong must be a whole number of parts ≥ 1, or "auto" (code 34)')
    lines.push(`<smslong>${smslong}</smslong>`)
  }
  if (input.emailNot !== undefined)
    lines.push(`<emailNot>${fieldValue(input.emailNot, 'emailNot')}</emailNot>`)
  if (input.emailAck !== undefined)
    lines.push(`<emailAck>${fieldValue(input.emailAck, 'emailAck')}</emailAck>`)
  lines.push(`<emailId>${fieldValue(emailId, 'emailId')}</emailId>`)
  if (input.nostop) lines.push('<nostop>1</nostop>')
  return ['<envoi>', ...lines, '</envoi>', ''].join('\n')
}

/**
 * Writes `mobiles.csv`: `num;;[1];;[2];;[3]`, one line each, CRLF.
 *
 * @example
 * buildMobilesCsv([{ num: '0601020304', values: ['Michel', 'Martin', '10/10/2015'] }, '0601020305'])
 * // '0601020304;;Michel;;Martin;;10/10/2015\r\n0601020305\r\n'
 */
export function buildMobilesCsv(lines: readonly (string | IsendproCsvLine)[]): string {
  return lines
    .map((line) => {
      const { num, values = [] } = typeof line === 'string' ? { num: line } : line
      if (values.length > 3) throw new RangeError('mobiles.csv holds at most three values a line')
      const cells = [num, ...values]
      if (cells.some((c) => /[\r\n]/.test(c) || c.includes(';;')))
        throw new RangeError('a mobiles.csv value cannot hold a line break or ";;"')
      return `${cells.join(';;')}\r\n`
    })
    .join('')
}

/**
 * Writes `message.csv`: the message on its first line, line breaks as `Ö`.
 *
 * @example
 * buildMessageCsv('Bonjour [1] [2],\nvotre carte sera disponible le [3]') // 'Bonjour [1] [2],Övotre carte…\r\n'
 */
export function buildMessageCsv(message: string): string {
  if (message.normalize('NFC').includes(LINE_BREAK_CHAR))
    throw new RangeError(
      `message.csv: "${LINE_BREAK_CHAR}" is the line break of iSendPro's mail interface`,
    )
  return `${message.replace(/\r\n?|\n/g, LINE_BREAK_CHAR)}\r\n`
}

/**
 * The whole mail as nodemailer's message options: plain text only ("format text brut sans
 * aucune mise en forme"), the CSV files attached when given.
 *
 * @example
 * await transport.sendMail(buildIsendproMail({ keyid: 'a296464ce012b8ab710a', emailId: 1, to: '0601020304', sms: 'Bonjour', from: 'app@masociete.com' }))
 */
export function buildIsendproMail(
  input: IsendproSendInput & IsendproEnvoiOptions & { from: string },
): SendMailOptions {
  const envoi = buildIsendproEnvoi(input)
  return {
    from: input.from,
    to: ISENDPRO_MAIL_ADDRESS,
    subject: `envoi ${String(input.emailId).trim()}`,
    text: envoi,
    textEncoding: 'quoted-printable',
    ...(input.csv
      ? {
          attachments: [
            {
              filename: 'mobiles.csv',
              content: buildMobilesCsv(input.csv.mobiles),
              contentType: 'text/csv; charset=utf-8',
            },
            {
              filename: 'message.csv',
              content: buildMessageCsv(input.csv.message),
              contentType: 'text/csv; charset=utf-8',
            },
          ],
        }
      : {}),
  }
}

/** The account and per-send defaults, and how to reach the SMTP server ({@link SmtpClientOptions}). */
export interface IsendproMailSenderOptions extends SmtpClientOptions {
  keyid: string
  /** Your address, in a domain the account authorised. */
  mailFrom: string
  /** Defaults for every send. */
  emailAck?: string
  emailNot?: string
  emetteur?: string
}

/** What the SMTP server said about a sent mail. */
export interface IsendproMailSent {
  messageId: string
  accepted: string[]
  rejected: string[]
  response: string
  /** The emailId the mail carried: the Ack and the Not quote it. */
  emailId: string
  /** The `<envoi>` as sent. */
  envoi: string
}

let generated = 0

/**
 * A fresh numeric emailId ("identifiant unique de l'email — numérique"): 10 random digits then
 * a counter, so ids differ within a process and, with overwhelming odds, between processes
 * started at the same moment (a time-based id would collide there).
 *
 * @example
 * newEmailId() // '483920175600001'
 */
export function newEmailId(): string {
  generated = (generated + 1) % 100_000
  return `${randomInt(1_000_000_000, 10_000_000_000)}${String(generated).padStart(5, '0')}`
}

/**
 * @example
 * const sender = new IsendproMailSender({ keyid: 'a296464ce012b8ab710a', mailFrom: 'app@masociete.com', emailAck: 'ack@masociete.com', emailNot: 'not@masociete.com' })
 * const sent = await sender.send({ to: ['0601020304', '0601020305'], sms: 'Bonjour' })
 * // later: readIsendproNot(mailToNot) → { emailId: sent.emailId, entries: [{ code: 0, tel: '0601020304', … }, …] }
 */
export class IsendproMailSender {
  readonly #options: IsendproMailSenderOptions
  readonly #transport: Transporter

  constructor(options: IsendproMailSenderOptions) {
    this.#options = options
    this.#transport = smtpTransport(options)
  }

  /**
   * Sends one mail. Resolves once the SMTP server took it; the Ack and the Not come later, by
   * mail. Rejects when the server refuses the mail, and with a RangeError for an `<envoi>`
   * iSendPro would refuse (see {@link buildIsendproEnvoi}).
   */
  async send(input: IsendproSendInput): Promise<IsendproMailSent> {
    const { keyid, mailFrom, emailAck, emailNot, emetteur } = this.#options
    const emailId = input.emailId !== undefined ? String(input.emailId) : newEmailId()
    const message = buildIsendproMail({
      ...(emailAck !== undefined ? { emailAck } : {}),
      ...(emailNot !== undefined ? { emailNot } : {}),
      ...(emetteur !== undefined ? { emetteur } : {}),
      ...input,
      keyid: input.keyid ?? keyid,
      emailId,
      from: mailFrom,
    } as IsendproSendInput & IsendproEnvoiOptions & { from: string })
    const info = await this.#transport.sendMail(message)
    return {
      messageId: info.messageId as string,
      accepted: ((info.accepted ?? []) as (string | { address: string })[]).map(addressOf),
      rejected: ((info.rejected ?? []) as (string | { address: string })[]).map(addressOf),
      response: (info.response as string | undefined) ?? '',
      emailId,
      envoi: message.text as string,
    }
  }

  close(): void {
    this.#transport.close()
  }
}
