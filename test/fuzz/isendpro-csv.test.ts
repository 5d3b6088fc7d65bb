/**
 * iSendPro by mail, the attachments (§III.3): an `<envoi>` without numbers or text, and
 * `mobiles.csv` (`[num];;[1];;[2];;[3]`) and `message.csv` (the message, `[1]`…`[3]` merged)
 * as Apple Mail and Excel attach them — UTF-8 or windows-1252, CRLF, a BOM, quoted cells,
 * base64, quoted-printable or 8-bit — then hostile: single `;`, missing or extra columns,
 * empty lines, 501 lines, very long lines, NUL bytes, names in other cases, a file missing
 * or given twice, damaged bytes.
 *
 * @see simulators/isendpro/README.md — "mobiles.csv and message.csv"
 */
import fc from 'fast-check'
import { describe } from 'vitest'
import { windows1252Bytes } from './support/encoding.ts'
import { fuzzIt, useFuzzSmsim, type FuzzParser } from './support/harness.ts'
import { envoiArb, isendproMail } from './support/isendpro.ts'
import { bodyAround, type Body, type TransferEncoding } from './support/mail.ts'
import { mailSender } from './support/mail-parser.ts'
import { readReplies } from './support/replies.ts'
import type { MailCase } from './support/smtp.ts'
import {
  fieldValue,
  gsmText,
  hugeText,
  mutateBytes,
  nonGsmText,
  phoneNumber,
} from './support/values.ts'

const cell = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom('Michel', 'Martin', '10/10/2015', 'Sarah', 'Hédé', '') },
  { weight: 1, arbitrary: fieldValue },
)

/** `mobiles.csv`: one recipient a line, the document's `;;`, or what a spreadsheet writes. */
const mobiles = fc
  .record({
    rows: fc.oneof(
      {
        weight: 8,
        arbitrary: fc.array(fc.tuple(phoneNumber, fc.array(cell, { maxLength: 4 })), {
          minLength: 0,
          maxLength: 6,
        }),
      },
      // 501 lines: one more than a mail may send to (code 23).
      {
        weight: 1,
        arbitrary: fc.constant(
          Array.from({ length: 501 }, (_, i): [string, string[]] => [
            `06010${String(i).padStart(5, '0')}`,
            [],
          ]),
        ),
      },
    ),
    separator: fc.constantFrom(';;', ';;', ';', ',', '\t'),
    eol: fc.constantFrom('\n', '\r\n', '\r'),
    quoted: fc.boolean(),
    bom: fc.boolean(),
    blankLines: fc.boolean(),
  })
  .map((m) => {
    const q = (v: string) => (m.quoted ? `"${v.replace(/"/g, '""')}"` : v)
    const lines = m.rows.map(([num, cells]) => [num, ...cells].map(q).join(m.separator))
    return `${m.bom ? '\ufeff' : ''}${lines.join(m.blankLines ? `${m.eol}${m.eol}` : m.eol)}${m.eol}`
  })

/** `message.csv`: the message on the first line, with `[1]`…`[3]` to merge. */
const message = fc
  .tuple(
    fc.oneof(
      {
        weight: 5,
        arbitrary: fc.constantFrom(
          'Bonjour [1] [2], votre nouvelle carte sera disponible le [3]',
          'Bonjour [1]',
          '[1][2][3][4][0]',
        ),
      },
      { weight: 2, arbitrary: gsmText },
      { weight: 1, arbitrary: nonGsmText },
      { weight: 1, arbitrary: hugeText },
      { weight: 1, arbitrary: fieldValue },
    ),
    fc.constantFrom('', '\n', '\r\nsecond line', '"', '\n\n'),
    fc.boolean(),
  )
  .map(([text, tail, quoted]) => (quoted ? `"${text}"${tail}` : `${text}${tail}`))

function attachment(
  filename: string,
  text: string,
  charset: string,
  type: string,
  cte: TransferEncoding,
): Body {
  const content = charset === 'windows-1252' ? windows1252Bytes(text) : Buffer.from(text, 'utf8')
  return { kind: 'attachment', filename, type, content, cte }
}

const attachments = fc
  .record({
    mobiles,
    message,
    charset: fc.constantFrom('utf-8', 'windows-1252'),
    type: fc.constantFrom(
      'text/csv',
      'application/vnd.ms-excel',
      'application/octet-stream',
      'text/plain; charset=utf-8',
    ),
    cte: fc.constantFrom<TransferEncoding>('base64', 'base64', 'quoted-printable', '8bit'),
    names: fc.constantFrom(
      ['mobiles.csv', 'message.csv'],
      ['mobiles.csv', 'message.csv'],
      ['Mobiles.CSV', 'MESSAGE.csv'],
      ['mobiles.csv'],
      ['message.csv'],
      ['mobiles.csv', 'message.csv', 'mobiles.csv'],
      ['mobiles.csv.txt', 'message.csv'],
      [' mobiles.csv ', 'message.csv'],
    ),
    damage: fc.nat(9),
  })
  .chain((a) => {
    const files = a.names.map((name) =>
      attachment(
        name,
        name.toLowerCase().includes('mobiles') ? a.mobiles : a.message,
        a.charset,
        a.type,
        a.cte,
      ),
    )
    if (a.damage !== 0 || files.length === 0) return fc.constant(files)
    // One file's bytes damaged (cut, spliced, flipped), the others intact.
    const first = files[0] as Extract<Body, { kind: 'attachment' }>
    return mutateBytes(first.content).map((content) => [{ ...first, content }, ...files.slice(1)])
  })

const csvMail: FuzzParser<MailCase> = {
  name: 'isendpro-csv',
  providers: ['isendpro'],
  arbitrary: isendproMail((keyid) =>
    bodyAround(
      envoiArb(keyid, { numbers: false, maxDepth: 60 }),
      attachments.map((a) => a),
    ),
  ),
  send: mailSender(readReplies),
}

describe('fuzzing iSendPro mobiles.csv and message.csv', () => {
  const smsim = useFuzzSmsim()
  fuzzIt(
    'CSV attachments, well-formed or hostile: an Ack and a Not or nothing, SMS only when accepted, smsim responsive',
    smsim,
    csvMail,
  )
})
