/**
 * A typed client of allmysms's Mail2SMS: it writes the subject
 * `login@apiKey|mobile1;mobile2|from=…|date=…` and a plain-text UTF-8 body, sends the mail to
 * `mail2sms@allmysms.com` over SMTP with nodemailer, and reads allmysms's error replies back
 * into `{ status, statusText }`.
 *
 * The SMTP server is configurable, so the same client talks to smsim (`127.0.0.1:2525`, the
 * default), to your own provider's relay, or straight to allmysms.com's MX. Success is silent:
 * allmysms answers only on error ("uniquement en cas d'erreur"), so a sent mail with no reply
 * is a sent SMS.
 *
 * @see shared/specs/002_0241076537611203.txt — §2.1 "FORMATAGE DE L'EMAIL", §2.2 "REPONSE"
 */
import type { Transporter } from 'nodemailer'
import { codeEntry } from '../../simulators/core/codes.ts'
import {
  ALLMYSMS_CODES,
  formatMail2SmsDate,
  isValidSender,
  MAIL2SMS_ADDRESS,
  type AllmysmsCode,
} from '../../simulators/allmysms/wire.ts'
import { addressOf, smtpTransport, type SmtpClientOptions } from '../smtp.ts'

export { formatMail2SmsDate, MAIL2SMS_ADDRESS }

/** What the subject carries. */
export interface AllmysmsSubjectInput {
  login: string
  apiKey: string
  /** One number or several; French ones nationally (`06…`), others internationally (`41…`, `+41…`). */
  mobiles: string | readonly string[]
  /**
   * The sender shown on the phone (`from=`): a letter first, then letters, digits or spaces,
   * 3–11 characters. Towards France it is kept only if the text ends with ` STOP au 36180`.
   */
  from?: string
  /** Send later: a Date (written as Europe/Paris `YYYY-MM-DD hh:ii:ss`) or that string. */
  date?: Date | string
}

/** The date format of `date=` ("Date au format international : YYYY-MM-DD hh:ii:ss"). */
const DATE_FORMAT = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/

/**
 * Writes a Mail2SMS subject. Throws a RangeError for what allmysms would misread or silently
 * drop: a `|` or line break anywhere, an `@` in the apiKey, a `;` inside a number, no number,
 * a sender outside the rules (allmysms would send from 36180 without a word), a malformed date.
 *
 * @example
 * buildAllmysmsSubject({ login: 'arthur45', apiKey: 'de135f8d2a091e4', mobiles: ['0612121515', '41791234567'], from: 'MAGASIN' })
 * // 'arthur45@de135f8d2a091e4|0612121515;41791234567|from=MAGASIN'
 */
export function buildAllmysmsSubject(input: AllmysmsSubjectInput): string {
  const login = input.login.trim()
  const apiKey = input.apiKey.trim()
  if (login === '' || apiKey === '') throw new RangeError('login and apiKey must not be empty')
  if (/[@\s]/.test(apiKey)) throw new RangeError('the apiKey cannot hold "@" or spaces')
  const mobiles = (typeof input.mobiles === 'string' ? [input.mobiles] : input.mobiles).map((m) =>
    m.trim(),
  )
  if (mobiles.length === 0 || mobiles.some((m) => m === ''))
    throw new RangeError('give at least one mobile number, and no empty one')
  if (mobiles.some((m) => m.includes(';')))
    throw new RangeError('a number cannot hold ";" (it separates the numbers): pass an array')
  const parts = [`${login}@${apiKey}`, mobiles.join(';')]
  if (input.from !== undefined) {
    if (!isValidSender(input.from.trim()))
      throw new RangeError(
        `sender "${input.from}" breaks allmysms's rules (a letter first, then letters, digits or spaces, 3–11 characters): the SMS would come from 36180`,
      )
    parts.push(`from=${input.from.trim()}`)
  }
  if (input.date !== undefined) {
    const date = typeof input.date === 'string' ? input.date.trim() : formatMail2SmsDate(input.date)
    if (!DATE_FORMAT.test(date)) throw new RangeError(`date "${date}" is not YYYY-MM-DD hh:ii:ss`)
    parts.push(`date=${date}`)
  }
  if (parts.some((p) => /[|\r\n]/.test(p)))
    throw new RangeError('no field of the subject may hold "|" or a line break')
  return parts.join('|')
}

export interface AllmysmsMailSenderOptions extends SmtpClientOptions {
  login: string
  apiKey: string
  /** Your address: "Vous pouvez envoyer un MAIL2SMS depuis l'adresse email que vous souhaitez". Errors come back to it. */
  mailFrom: string
}

/** One send: the recipients and options of the subject, and the SMS text (the body). */
export type AllmysmsMailInput = Omit<AllmysmsSubjectInput, 'login' | 'apiKey'> & {
  /** The SMS, plain text: 160 characters, 153 per part beyond, 8 parts at most. */
  text: string
}

/** What the SMTP server said about a sent mail. */
export interface AllmysmsMailSent {
  /** The Message-ID, which smsim's error reply quotes in `In-Reply-To`. */
  messageId: string
  accepted: string[]
  rejected: string[]
  /** The server's last reply, e.g. `250 OK`. */
  response: string
  subject: string
}

/**
 * @example
 * const sender = new AllmysmsMailSender({ login: 'arthur45', apiKey: 'de135f8d2a091e4', mailFrom: 'you@example.com' })
 * await sender.send({ mobiles: '0660919010', text: 'Bonjour' })
 * // no reply mail: sent. A reply: readAllmysmsReply(reply) → { status: 104, statusText: '…' }
 * sender.close()
 */
export class AllmysmsMailSender {
  readonly #options: AllmysmsMailSenderOptions
  readonly #transport: Transporter

  constructor(options: AllmysmsMailSenderOptions) {
    this.#options = options
    this.#transport = smtpTransport(options)
  }

  /**
   * Sends one Mail2SMS. Resolves once the SMTP server took the mail; an error comes later, by
   * mail to `mailFrom`. Rejects when the server refuses the mail, and with a RangeError when the
   * subject cannot carry the values (see {@link buildAllmysmsSubject}).
   */
  async send(input: AllmysmsMailInput): Promise<AllmysmsMailSent> {
    const { login, apiKey, mailFrom } = this.#options
    const subject = buildAllmysmsSubject({ ...input, login, apiKey })
    const info = await this.#transport.sendMail({
      from: mailFrom,
      to: MAIL2SMS_ADDRESS,
      subject,
      // "Il est fortement recommandé d'envoyer vos emails au format « brut »": text/plain only.
      text: input.text,
      textEncoding: 'quoted-printable',
    })
    return {
      messageId: info.messageId as string,
      // Transports that do not speak SMTP (stream, JSON) report none of these.
      accepted: ((info.accepted ?? []) as (string | { address: string })[]).map(addressOf),
      rejected: ((info.rejected ?? []) as (string | { address: string })[]).map(addressOf),
      response: (info.response as string | undefined) ?? '',
      subject,
    }
  }

  /** Closes the pooled connection, if any. */
  close(): void {
    this.#transport.close()
  }
}

/** An allmysms reply mail, read. */
export interface AllmysmsReply {
  status: number
  statusText: string
  /** Whether the status is one of the document's codes (then typed as one). */
  documented: boolean
  /** Code 104's figures: "A utiliser: XX Crédits, Disponibles: YY Crédits". */
  credits?: { needed: number; available: number }
}

/**
 * Reads an allmysms reply mail. It looks for `Status` / `StatusText` written as lines
 * (`Status: 102`, smsim's form), as JSON (`{"status":102,"statusText":"…"}`, the v9.0 API's
 * form) or as XML elements, and at last for one of the document's texts anywhere in the mail.
 * Tolerant on purpose: the document names the fields, not their layout.
 *
 * @returns the status and its text, or `undefined` when the mail is not an allmysms reply
 *
 * @example
 * readAllmysmsReply({ text: 'Status: 105\nStatusText: Flux XML Vide\n' })
 * // { status: 105, statusText: 'Flux XML Vide', documented: true }
 */
export function readAllmysmsReply(mail: {
  subject?: string
  text?: string | false
}): AllmysmsReply | undefined {
  const text = mail.text || ''
  const found = fromLines(text) ?? fromJson(text) ?? fromXml(text) ?? fromTable(text)
  if (!found) return undefined
  const documented = codeEntry(ALLMYSMS_CODES, found.status) !== undefined
  const figures = /A utiliser:\s*([\d.,]+)\s*Cr.dits?,\s*Disponibles:\s*([\d.,]+)/i.exec(
    found.statusText,
  )
  return {
    ...found,
    documented,
    ...(figures
      ? { credits: { needed: toNumber(figures[1]!), available: toNumber(figures[2]!) } }
      : {}),
  }
}

/** The status as one of the document's codes, when it is one. */
export function allmysmsCodeOf(reply: AllmysmsReply): AllmysmsCode | undefined {
  return codeEntry(ALLMYSMS_CODES, reply.status)?.code
}

type Found = { status: number; statusText: string }

const toNumber = (text: string) => Number(text.replace(',', '.'))

function fromLines(text: string): Found | undefined {
  const status = /^\s*status\s*[:=]\s*(\d+)\s*$/im.exec(text)?.[1]
  const statusText = /^\s*statustext\s*[:=][ \t]*(.*)$/im.exec(text)?.[1]
  return status === undefined
    ? undefined
    : { status: Number(status), statusText: statusText?.trim() ?? '' }
}

function fromJson(text: string): Found | undefined {
  const start = text.indexOf('{')
  const end = text.lastIndexOf('}')
  if (start < 0 || end < start) return undefined
  try {
    const value = JSON.parse(text.slice(start, end + 1)) as Record<string, unknown>
    const status = value.status ?? value.Status
    const statusText = value.statusText ?? value.StatusText
    if (status === undefined || !/^\d+$/.test(String(status))) return undefined
    return { status: Number(status), statusText: String(statusText ?? '') }
  } catch {
    return undefined
  }
}

function fromXml(text: string): Found | undefined {
  const status = /<status>\s*(\d+)\s*<\/status>/i.exec(text)?.[1]
  if (status === undefined) return undefined
  const statusText = /<statusText>([\s\S]*?)<\/statusText>/i.exec(text)?.[1] ?? ''
  return {
    status: Number(status),
    statusText: statusText.replace(/^<!\[CDATA\[|\]\]>$/g, '').trim(),
  }
}

function fromTable(text: string): Found | undefined {
  for (const entry of ALLMYSMS_CODES) {
    // 104's figures vary: match the text before them.
    const fixed = entry.text.split(' XX ')[0]!
    const at = text.indexOf(fixed)
    if (at >= 0) {
      const line = text.slice(at).split('\n', 1)[0]!.trim()
      return { status: entry.code, statusText: line }
    }
  }
  return undefined
}
