/**
 * Readers of iSendPro's reply mails: the Ack (`<etatAck>`: was the mail processed?) and the Not
 * (`<etatNot>` and its `<etat>` elements: each send's code), into typed results. They read the
 * text of the mail, wherever it comes from — smsim's outbox (`GET /_smsim/mails`), a mailbox,
 * a string — and decode the XML references the service writes for characters ISO-8859-1 lacks.
 *
 * @see shared/specs/003_757a0a2884dd0a0c.txt — III.5 "Réponses par e-mail"
 */
import { codeEntry } from '../../simulators/core/codes.ts'
import {
  ISENDPRO_ACK_CODES,
  ISENDPRO_CODES,
  ISENDPRO_VOICE_CODES,
  type IsendproAckCode,
  NO_EMAIL_ID,
  type IsendproCode,
} from '../../simulators/isendpro/wire.ts'

/** An Ack mail, read. */
export interface IsendproAck {
  kind: 'ack'
  /** `undefined` when the service wrote `?` (no emailId in the mail). */
  emailId?: string
  code: number
  message: string
  /** Whether the code is one of the Ack table's (then typed as one). */
  documented: boolean
  /** Code 0: the mail was processed, its sends are in the Not. */
  processed: boolean
}

/** One `<etat>` of a Not mail. */
export interface IsendproNotEntry {
  code: number
  /** The number as the mail wrote it; empty for a code that answers the whole mail. */
  tel: string
  message: string
  /** Whether the code is one of the annex's. */
  documented: boolean
  sent: boolean
}

/** A Not mail, read. */
export interface IsendproNot {
  kind: 'not'
  emailId?: string
  entries: IsendproNotEntry[]
  /** The code that answered the whole mail (one entry without a number), when one did. */
  general?: IsendproNotEntry
  /** How many SMS went. */
  sent: number
}

type MailLike = string | { text?: string | false | undefined }

const textOf = (mail: MailLike) => (typeof mail === 'string' ? mail : mail.text || '')

/**
 * Reads an Ack mail (`<etatAck>`).
 *
 * @returns the Ack, or `undefined` when the mail is not one
 *
 * @example
 * readIsendproAck({ text: '<?xml version="1.0" encoding="ISO-8859-1"?>\n<etatAck>\n<emailId>1548</emailId>\n<code>1</code>\n<message>emailId deja traite</message>\n</etatAck>\n' })
 * // { kind: 'ack', emailId: '1548', code: 1, message: 'emailId deja traite', documented: true, processed: false }
 */
export function readIsendproAck(mail: MailLike): IsendproAck | undefined {
  const block = /<etatAck>([\s\S]*?)<\/etatAck>/.exec(textOf(mail))?.[1]
  if (block === undefined) return undefined
  const code = element(block, 'code')
  if (code === undefined || !/^\d+$/.test(code)) return undefined
  const emailId = element(block, 'emailId')
  return {
    kind: 'ack',
    ...(emailId !== undefined && emailId !== NO_EMAIL_ID ? { emailId } : {}),
    code: Number(code),
    message: element(block, 'message') ?? '',
    documented: codeEntry(ISENDPRO_ACK_CODES, Number(code)) !== undefined,
    processed: Number(code) === 0,
  }
}

/**
 * Reads a Not mail: `<etatNot>` and the `<etat>` (single form) or `<etat1>`…`<etatN>`
 * (multiple form) elements after it, in order.
 *
 * @example
 * readIsendproNot(outboxMail)
 * // { kind: 'not', emailId: '1548', entries: [{ code: 0, tel: '0601020304', message: 'Votre message a bien été envoyé', documented: true, sent: true }], sent: 1 }
 */
export function readIsendproNot(mail: MailLike): IsendproNot | undefined {
  const text = textOf(mail)
  const head = /<etatNot>([\s\S]*?)<\/etatNot>/.exec(text)
  if (!head) return undefined
  const entries: IsendproNotEntry[] = []
  const etat = /<etat(\d*)>([\s\S]*?)<\/etat\1>/g
  etat.lastIndex = head.index + head[0].length
  for (let match = etat.exec(text); match; match = etat.exec(text)) {
    const n = match[1]!
    const code = element(match[2]!, `code${n}`)
    if (code === undefined || !/^\d+$/.test(code)) continue
    const value = Number(code)
    entries.push({
      code: value,
      tel: element(match[2]!, `tel${n}`) ?? '',
      message: element(match[2]!, `message${n}`) ?? '',
      documented: isAnnexCode(value),
      sent: value === 0,
    })
  }
  const emailId = element(head[1]!, 'emailId')
  const general = entries.length === 1 && entries[0]!.tel === '' ? entries[0] : undefined
  return {
    kind: 'not',
    ...(emailId !== undefined && emailId !== NO_EMAIL_ID ? { emailId } : {}),
    entries,
    ...(general ? { general } : {}),
    sent: entries.filter((e) => e.sent).length,
  }
}

/**
 * Reads either reply.
 *
 * @example
 * readIsendproReply(mail)?.kind // 'ack' | 'not', or undefined for any other mail
 */
export function readIsendproReply(mail: MailLike): IsendproAck | IsendproNot | undefined {
  return readIsendproAck(mail) ?? readIsendproNot(mail)
}

/**
 * The code as one of the annex's, when it is one.
 *
 * @example
 * isendproCodeOf(24) // 24, typed IsendproCode
 * isendproCodeOf(25) // undefined
 */
export function isendproCodeOf(code: number): IsendproCode | undefined {
  return codeEntry(ISENDPRO_CODES, code)?.code
}

/**
 * The code as one of the Ack table's, when it is one.
 *
 * @example
 * isendproAckCodeOf(1) // 1, typed IsendproAckCode
 */
export function isendproAckCodeOf(code: number): IsendproAckCode | undefined {
  return codeEntry(ISENDPRO_ACK_CODES, code)?.code
}

function isAnnexCode(code: number): boolean {
  return (
    codeEntry(ISENDPRO_CODES, code) !== undefined ||
    codeEntry(ISENDPRO_VOICE_CODES, code) !== undefined
  )
}

/** An element's text in a fragment, references decoded. */
function element(fragment: string, name: string): string | undefined {
  const value = new RegExp(`<${name}>([\\s\\S]*?)</${name}>`).exec(fragment)?.[1]
  return value === undefined ? undefined : decodeXml(value.trim())
}

function decodeXml(value: string): string {
  return value.replace(
    /&(?:(amp|lt|gt|quot|apos)|#(\d+)|#x([0-9a-f]+));/gi,
    (whole, name?: string, dec?: string, hex?: string) => {
      if (name)
        return (
          ({ amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" } as Record<string, string>)[
            name.toLowerCase()
          ] ?? whole
        )
      const code = dec !== undefined ? Number(dec) : parseInt(hex!, 16)
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole
    },
  )
}
