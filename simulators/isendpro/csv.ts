/**
 * The two attachments that replace `num` and `sms`: `mobiles.csv`, one recipient a line with up
 * to three values for the message (`[num];;[1];;[2];;[3]`), and `message.csv`, whose first
 * line is the message, with `[1]`…`[3]` replaced per recipient.
 *
 * @see shared/specs/003_757a0a2884dd0a0c.txt — III.3 "Utilisation d'un fichier en pièce jointe"
 */
import { charsetOf, decodeText } from '../core/charset.ts'
import type { InboundAttachment } from '../core/mail.ts'

/** The attachment names the document gives ("doit être nommé"), compared without case. */
export const MOBILES_CSV = 'mobiles.csv'
/** The attachment that holds the message, on its first line. */
export const MESSAGE_CSV = 'message.csv'

/** One line of `mobiles.csv`. */
export interface CsvRecipient {
  /** The number as written. */
  num: string
  /** `[1]`, `[2]`, `[3]`: empty when the line has fewer. */
  fields: [string, string, string]
}

/**
 * The attachment of that name, if the mail has one (the first, when there are several).
 *
 * @example
 * findAttachment(mail.attachments, 'mobiles.csv')?.filename // 'Mobiles.CSV'
 */
export function findAttachment(
  attachments: readonly InboundAttachment[],
  name: string,
): InboundAttachment | undefined {
  return attachments.find((a) => a.filename.trim().toLowerCase() === name)
}

/**
 * An attachment's text: UTF-8, or windows-1252 when the bytes are not UTF-8 (what Excel in
 * France writes), a byte-order mark dropped, line ends made `\n`.
 *
 * @example
 * attachmentText({ filename: 'mobiles.csv', contentType: 'text/csv', content: Uint8Array.of(0x48, 0xe9, 0x0d, 0x0a) }) // 'Hé\n'
 */
export function attachmentText(attachment: InboundAttachment): string {
  return decodeText(attachment.content, charsetOf(attachment.contentType))
    .replace(/^\uFEFF/, '')
    .replace(/\r\n?/g, '\n')
}

/**
 * Reads the lines of `mobiles.csv`, at most `limit` of them (the caller only needs to know
 * whether there are more than 500). Empty lines are skipped. The document's separator is `;;`
 * ("séparées par «;»" in its prose, `;;` in its structure and examples): a line with `;;`
 * splits on it, a line with single `;` only splits on `;` (ours: both readings work).
 * Values are trimmed.
 *
 * @example
 * readMobilesCsv('0601020304;;Michel;;Martin;;10/10/2015\n0601020305\n', 501)
 * // [{ num: '0601020304', fields: ['Michel', 'Martin', '10/10/2015'] },
 * //  { num: '0601020305', fields: ['', '', ''] }]
 */
export function readMobilesCsv(text: string, limit: number): CsvRecipient[] {
  const rows: CsvRecipient[] = []
  for (const line of text.split('\n')) {
    if (rows.length >= limit) break
    if (line.trim() === '') continue
    const values = line.split(line.includes(';;') ? ';;' : ';').map((v) => v.trim())
    rows.push({ num: values[0] ?? '', fields: [values[1] ?? '', values[2] ?? '', values[3] ?? ''] })
  }
  return rows
}

/**
 * The message of `message.csv`: its first line ("Le message sera sur la 1re ligne du
 * fichier"). A line wrapped whole in double quotes, as a spreadsheet writes a cell holding a
 * `;`, is unquoted (ours).
 *
 * @example
 * readMessageCsv('Bonjour [1] [2], votre carte sera disponible le [3]\n') // 'Bonjour [1] [2], …'
 */
export function readMessageCsv(text: string): string {
  const first = (text.split('\n', 1)[0] ?? '').trim()
  return /^".*"$/.test(first) ? first.slice(1, -1).replace(/""/g, '"') : first
}

/** `[1]`, `[2]`, `[3]`: where a recipient's values go in the message. */
export const FIELD = /\[([123])\]/g

/**
 * Puts a recipient's values in place of `[1]`, `[2]`, `[3]`.
 *
 * @example
 * mergeFields('Bonjour [1] [2], le [3]', ['Sarah', 'Dupont', '02/08/2015'])
 * // 'Bonjour Sarah Dupont, le 02/08/2015'
 */
export function mergeFields(template: string, fields: readonly string[]): string {
  return template.replace(FIELD, (_match, n: string) => fields[Number(n) - 1] ?? '')
}
