/**
 * The one place where iSendPro's reply mails are written (STYLE.md §8): the Ack, which says
 * whether the mail was processed, to `emailAck`; the Not, which gives each send's code, to
 * `emailNot`. Both bodies are exactly the document's forms, line for line — the Not's
 * `<etatNot>` followed by sibling `<etat>` elements included, although that makes it a
 * sequence of elements rather than one XML document.
 *
 * Both declare `encoding="ISO-8859-1"`, so the body only ever holds characters ISO-8859-1 can
 * write: any other character (an emoji in an echoed emailId, a `€` in a number field) is
 * written as a numeric character reference (`&#8364;`), which an XML reader turns back into
 * the same character — nothing is lost, nothing is replaced by `?`. Characters XML 1.0 forbids
 * (C0 controls other than tab and line breaks, a lone surrogate, U+FFFE, U+FFFF) become `?`.
 *
 * @see shared/specs/003_757a0a2884dd0a0c.txt — III.5 "Réponses par e-mail"
 */
import { codeText } from '../core/codes.ts'
import type { NewMail } from '../core/model.ts'
import { replyMail } from '../core/reply-mail.ts'
import { escapeXml } from '../core/xml.ts'
import {
  ISENDPRO_ACK_CODES,
  ISENDPRO_CODES,
  type IsendproAckCode,
  type IsendproCode,
} from './codes.ts'
import { ISENDPRO_REPLY_FROM, NO_EMAIL_ID } from './wire.ts'

/** The first line of both forms. */
export const XML_DECLARATION = '<?xml version="1.0" encoding="ISO-8859-1"?>'

/** What every reply mail needs besides its body. */
export interface ReplyContext {
  /** The emailId of the mail answered, or `undefined` when it had none. */
  emailId?: string
  /** The account, when the keyid was recognised. */
  account?: string
  /** The Message-ID of the mail answered, to thread the reply under it. */
  inReplyTo?: string
}

/** One `<etat>` of a Not mail. */
export interface NotEntry {
  code: IsendproCode
  /** The number as written in the mail; empty for a code that answers the whole mail. */
  tel: string
}

/**
 * Escapes a value for an element's content and keeps it within ISO-8859-1.
 *
 * @example
 * xmlValue('Tom & Jerry <3 €') // 'Tom &amp; Jerry &lt;3 &#8364;'
 */
export function xmlValue(value: string): string {
  return escapeXml(value, { literalUpTo: 0xff, invalid: '?' })
}

/**
 * The Ack body.
 *
 * @example
 * renderAckBody(0, '1548')
 * // '<?xml version="1.0" encoding="ISO-8859-1"?>\n<etatAck>\n<emailId>1548</emailId>\n<code>0</code>\n<message>Votre email a bien ete traite</message>\n</etatAck>\n'
 */
export function renderAckBody(code: IsendproAckCode, emailId: string | undefined): string {
  return [
    XML_DECLARATION,
    '<etatAck>',
    `<emailId>${xmlValue(emailId ?? NO_EMAIL_ID)}</emailId>`,
    `<code>${code}</code>`,
    `<message>${xmlValue(codeText(ISENDPRO_ACK_CODES, code))}</message>`,
    '</etatAck>',
    '',
  ].join('\n')
}

/**
 * The Not body: the single form (`<etat>`, `<code>`…) for one entry, the multiple form
 * (`<etat1>`, `<code1>`…) for more.
 *
 * @example
 * renderNotBody([{ code: 0, tel: '0601020304' }], '1548')
 * // '<?xml version="1.0" encoding="ISO-8859-1"?>\n<etatNot>\n<emailId>1548</emailId>\n</etatNot>\n<etat>\n<code>0</code>\n<tel>0601020304</tel>\n<message>Votre message a bien été envoyé</message>\n</etat>\n'
 */
export function renderNotBody(entries: readonly NotEntry[], emailId: string | undefined): string {
  const lines = [
    XML_DECLARATION,
    '<etatNot>',
    `<emailId>${xmlValue(emailId ?? NO_EMAIL_ID)}</emailId>`,
    '</etatNot>',
  ]
  const single = entries.length === 1
  entries.forEach((entry, i) => {
    const n = single ? '' : String(i + 1)
    lines.push(
      `<etat${n}>`,
      `<code${n}>${entry.code}</code${n}>`,
      `<tel${n}>${xmlValue(entry.tel)}</tel${n}>`,
      `<message${n}>${xmlValue(codeText(ISENDPRO_CODES, entry.code))}</message${n}>`,
      `</etat${n}>`,
    )
  })
  lines.push('')
  return lines.join('\n')
}

/**
 * The Ack mail, to `emailAck`.
 *
 * @example
 * renderAck({ code: 1, to: 'ack@masociete.com', emailId: '1548' })
 * // { provider: 'isendpro', from: 'sendsms@isendpro-api.com', to: 'ack@masociete.com',
 * //   subject: 'iSendPro Ack 1548', text: '<?xml …?>\n<etatAck>\n…', … }
 */
export function renderAck(input: ReplyContext & { code: IsendproAckCode; to: string }): NewMail {
  return isendproReply('Ack', input, renderAckBody(input.code, input.emailId))
}

/**
 * The Not mail, to `emailNot`.
 *
 * @example
 * renderNot({ entries: [{ code: 24, tel: '' }], to: 'not@masociete.com', emailId: '9' }).subject // 'iSendPro Not 9'
 */
export function renderNot(
  input: ReplyContext & { entries: readonly NotEntry[]; to: string },
): NewMail {
  return isendproReply('Not', input, renderNotBody(input.entries, input.emailId))
}

/** Longest emailId echoed in a subject; the body always has it whole. */
const MAX_SUBJECT_ID = 64

function isendproReply(
  kind: 'Ack' | 'Not',
  input: ReplyContext & { to: string },
  text: string,
): NewMail {
  // The document gives no subject: ours names the kind and the emailId, on one line.
  const id = (input.emailId ?? NO_EMAIL_ID).replace(/\p{Cc}/gu, ' ').slice(0, MAX_SUBJECT_ID)
  return replyMail({
    provider: 'isendpro',
    from: ISENDPRO_REPLY_FROM,
    to: input.to,
    subject: `iSendPro ${kind} ${id}`,
    text,
    ...(input.account ? { account: input.account } : {}),
    ...(input.inReplyTo ? { inReplyTo: input.inReplyTo } : {}),
  })
}
