/**
 * Mails as the fuzz suite writes them: headers (a subject raw in UTF-8 or Latin-1 bytes, or as
 * RFC 2047 encoded-words, broken ones included), a text part in any charset and transfer
 * encoding, or HTML, or both, attachments, nesting; then, sometimes, the bytes damaged. Written
 * here rather than with nodemailer so that every byte is the fuzzer's choice. Each mail gets a
 * unique Message-ID: the providers' replies carry it in `In-Reply-To`, which is how a reply is
 * paired with its mail.
 *
 * @example
 * const bytes = writeMail({ from: 'ecole@example.fr', to: 'sms@smstob.com', subject: { text: 'XV65JU:0660919010', form: 'raw-utf8' }, body: { kind: 'text', text: 'Bonjour', charset: 'utf-8', cte: '8bit' }, headers: [] })
 */
import fc from 'fast-check'
import type { Mail } from '../../../simulators/core/model.ts'
import { utf8Bytes, windows1252Bytes } from './encoding.ts'
import { fieldValue, gsmText, mutateBytes, nonGsmText } from './values.ts'

/** How a header's text is written. */
export type HeaderForm =
  'raw-utf8' | 'raw-latin1' | 'b-utf8' | 'q-utf8' | 'b-latin1' | 'q-latin1' | 'broken'

export type Charset = 'utf-8' | 'iso-8859-1' | 'windows-1252' | 'us-ascii' | 'x-unknown' | ''
export type TransferEncoding = '7bit' | '8bit' | 'quoted-printable' | 'base64' | 'x-bogus' | ''

export type Body =
  | {
      kind: 'text' | 'html'
      text: string
      charset: Charset
      cte: TransferEncoding
      flowed?: boolean
    }
  | { kind: 'alternative' | 'mixed'; parts: Body[] }
  | { kind: 'attachment'; filename: string; type: string; content: Buffer; cte: TransferEncoding }

export interface MailSpec {
  /** The From header, as written (`Name <a@b>` or a bare address); none when undefined. */
  from: string | undefined
  to: string
  subject: { text: string; form: HeaderForm } | undefined
  headers: [string, string][]
  body: Body
}

const BASE64_LINE = 76

function bytesIn(text: string, charset: Charset): Buffer {
  return charset === 'iso-8859-1' || charset === 'windows-1252'
    ? windows1252Bytes(text)
    : utf8Bytes(text)
}

/** Quoted-printable (RFC 2045 §6.7), soft line breaks at 76. */
function quotedPrintable(bytes: Buffer): string {
  let out = ''
  let line = 0
  for (const b of bytes) {
    const chunk =
      b === 0x0a
        ? '\n'
        : (b >= 33 && b <= 126 && b !== 61) || b === 0x20
          ? String.fromCharCode(b)
          : `=${b.toString(16).toUpperCase().padStart(2, '0')}`
    if (chunk === '\n') {
      out += '\r\n'
      line = 0
      continue
    }
    if (line + chunk.length > 75) {
      out += '=\r\n'
      line = 0
    }
    out += chunk
    line += chunk.length
  }
  return out
}

function base64Lines(bytes: Buffer): string {
  const b64 = bytes.toString('base64')
  return b64.replace(new RegExp(`(.{${BASE64_LINE}})`, 'g'), '$1\r\n')
}

/** A header value written in `form` (RFC 2047 encoded-words or raw bytes). */
export function headerValue(text: string, form: HeaderForm): Buffer {
  switch (form) {
    case 'raw-utf8':
      return utf8Bytes(text)
    case 'raw-latin1':
      return windows1252Bytes(text)
    case 'b-utf8':
      return Buffer.from(`=?utf-8?B?${utf8Bytes(text).toString('base64')}?=`)
    case 'b-latin1':
      return Buffer.from(`=?iso-8859-1?B?${windows1252Bytes(text).toString('base64')}?=`)
    case 'q-utf8':
    case 'q-latin1': {
      const bytes = form === 'q-utf8' ? utf8Bytes(text) : windows1252Bytes(text)
      const q = [...bytes]
        .map((b) =>
          /[A-Za-z0-9]/.test(String.fromCharCode(b))
            ? String.fromCharCode(b)
            : b === 0x20
              ? '_'
              : `=${b.toString(16).toUpperCase().padStart(2, '0')}`,
        )
        .join('')
      return Buffer.from(`=?${form === 'q-utf8' ? 'utf-8' : 'iso-8859-1'}?Q?${q}?=`)
    }
    case 'broken':
      return Buffer.from(
        `=?utf-8?X?${text.slice(0, 20)}?= =?unknown?B?@@@?= =?utf-8?B?${utf8Bytes(text).toString('base64').slice(0, -1)}`,
      )
  }
}

const CRLF = '\r\n'

function writeBody(body: Body, boundarySeed: number): { headers: string; content: Buffer } {
  if (body.kind === 'alternative' || body.kind === 'mixed') {
    const boundary = `=_fuzz_${boundarySeed}_${body.kind}`
    const parts = body.parts.map((part, i) => {
      const written = writeBody(part, boundarySeed * 10 + i + 1)
      return Buffer.concat([
        Buffer.from(`--${boundary}${CRLF}${written.headers}${CRLF}`),
        written.content,
        Buffer.from(CRLF),
      ])
    })
    return {
      headers: `Content-Type: multipart/${body.kind}; boundary="${boundary}"${CRLF}`,
      content: Buffer.concat([...parts, Buffer.from(`--${boundary}--${CRLF}`)]),
    }
  }
  if (body.kind === 'attachment') {
    const headers =
      `Content-Type: ${body.type}; name="${body.filename}"${CRLF}` +
      `Content-Disposition: attachment; filename="${body.filename}"${CRLF}` +
      (body.cte ? `Content-Transfer-Encoding: ${body.cte}${CRLF}` : '')
    return { headers, content: encodeContent(body.content, body.cte) }
  }
  if (body.kind !== 'text' && body.kind !== 'html') throw new Error('unreachable')
  const type = body.kind === 'html' ? 'text/html' : 'text/plain'
  const params = `${body.charset ? `; charset=${body.charset}` : ''}${body.flowed ? '; format=flowed' : ''}`
  const headers = `Content-Type: ${type}${params}${CRLF}${body.cte ? `Content-Transfer-Encoding: ${body.cte}${CRLF}` : ''}`
  return {
    headers,
    content: encodeContent(bytesIn(body.text.replace(/\r?\n/g, '\n'), body.charset), body.cte),
  }
}

function encodeContent(bytes: Buffer, cte: TransferEncoding): Buffer {
  if (cte === 'base64') return Buffer.from(base64Lines(bytes))
  if (cte === 'quoted-printable') return Buffer.from(quotedPrintable(bytes))
  return Buffer.from(bytes.toString('latin1').replace(/\r?\n/g, CRLF), 'latin1')
}

/** The bytes of a mail. */
export function writeMail(spec: MailSpec): Buffer {
  const head: Buffer[] = []
  const line = (name: string, value: string | Buffer) =>
    head.push(
      Buffer.concat([
        Buffer.from(`${name}: `),
        Buffer.isBuffer(value) ? value : Buffer.from(value, 'latin1'),
        Buffer.from(CRLF),
      ]),
    )
  if (spec.from !== undefined) line('From', utf8Bytes(spec.from))
  line('To', spec.to)
  if (spec.subject) line('Subject', headerValue(spec.subject.text, spec.subject.form))
  line('Message-ID', MESSAGE_ID_SLOT)
  line('Date', 'Mon, 5 Jan 2026 10:00:00 +0100')
  line('MIME-Version', '1.0')
  for (const [name, value] of spec.headers) line(name, utf8Bytes(value))
  const body = writeBody(spec.body, 1)
  return Buffer.concat([...head, Buffer.from(body.headers), Buffer.from(CRLF), body.content])
}

/** The text a subject written in `form` must read as (undefined: the form loses it). */
export function subjectAsRead(text: string, form: HeaderForm): string | undefined {
  if (form === 'broken') return undefined
  return text
}

export const headerForm = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom<HeaderForm>('raw-utf8', 'q-utf8', 'b-utf8') },
  { weight: 2, arbitrary: fc.constantFrom<HeaderForm>('q-latin1', 'b-latin1', 'raw-latin1') },
  { weight: 1, arbitrary: fc.constant<HeaderForm>('broken') },
)

/** A charset and transfer encoding pair a mail program writes, and odd ones. */
export const textEncoding = fc.oneof(
  {
    weight: 8,
    arbitrary: fc.constantFrom(
      { charset: 'utf-8', cte: '8bit' },
      { charset: 'utf-8', cte: 'quoted-printable' },
      { charset: 'utf-8', cte: 'base64' },
      { charset: 'iso-8859-1', cte: 'quoted-printable' },
      { charset: 'windows-1252', cte: 'quoted-printable' },
      { charset: 'us-ascii', cte: '7bit' },
    ),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      charset: fc.constantFrom<Charset>('utf-8', 'iso-8859-1', 'x-unknown', ''),
      cte: fc.constantFrom<TransferEncoding>('7bit', '8bit', 'x-bogus', '', 'base64'),
    }),
  },
) as fc.Arbitrary<{ charset: Charset; cte: TransferEncoding }>

/** A body around `text`: plain mostly, HTML, both, with attachments, nested. */
export function bodyAround(
  text: fc.Arbitrary<string>,
  attachments: fc.Arbitrary<Body[]> = fc.constant([]),
): fc.Arbitrary<Body> {
  const plain = fc.tuple(text, textEncoding, fc.boolean()).map(([t, e, flowed]): Body => ({
    kind: 'text',
    text: t,
    ...e,
    ...(flowed && e.cte !== 'base64' ? { flowed } : {}),
  }))
  const html = fc
    .tuple(text, textEncoding)
    .map(([t, e]): Body => ({ kind: 'html', text: `<p>${t.replace(/\n/g, '<br>')}</p>`, ...e }))
  return fc.oneof(
    {
      weight: 10,
      arbitrary: fc
        .tuple(plain, attachments)
        .map(([p, a]): Body => (a.length ? { kind: 'mixed', parts: [p, ...a] } : p)),
    },
    { weight: 1, arbitrary: html },
    {
      weight: 1,
      arbitrary: fc
        .tuple(plain, html)
        .map(([p, h]): Body => ({ kind: 'alternative', parts: [p, h] })),
    },
    {
      weight: 1,
      arbitrary: fc.tuple(plain, fc.integer({ min: 2, max: 60 })).map(([p, depth]) => {
        let body: Body = p
        for (let i = 0; i < depth; i++) body = { kind: 'mixed', parts: [body] }
        return body
      }),
    },
  )
}

/** A text for a mail body: an SMS text, hostile values, very long lines. */
export const mailText = fc.oneof(
  { weight: 6, arbitrary: gsmText },
  { weight: 2, arbitrary: nonGsmText },
  { weight: 3, arbitrary: fieldValue },
  {
    weight: 1,
    arbitrary: fc
      .tuple(
        gsmText,
        fc.constantFrom('\n-- \nJean\nESF', '\n\n> cité\n> encore', '\r\n\r\n\r\n', '\0\0'),
      )
      .map(([t, s]) => t + s),
  },
)

/** The raw bytes of a mail, damaged now and then (truncated MIME, NUL, invalid UTF-8). */
export function mailBytes(spec: MailSpec, damage: number): fc.Arbitrary<Buffer> {
  const bytes = writeMail(spec)
  return damage === 0 ? mutateBytes(bytes) : fc.constant(bytes)
}

/**
 * Where a generated mail's Message-ID goes. Generation stays a pure function of the seed;
 * {@link withMessageId} writes a fresh one when the mail is sent.
 */
export const MESSAGE_ID_SLOT = '<fuzz-message-id@fuzz.example>'

let sent = 0

/** The mail with a Message-ID of its own in place of the slot (if the damage left it). */
export function withMessageId(data: Buffer): { data: Buffer; messageId: string | undefined } {
  const at = data.indexOf(MESSAGE_ID_SLOT)
  if (at < 0) return { data, messageId: undefined }
  const messageId = `<fuzz-${process.pid}-${++sent}@fuzz.example>`
  return {
    data: Buffer.concat([
      data.subarray(0, at),
      Buffer.from(messageId),
      data.subarray(at + MESSAGE_ID_SLOT.length),
    ]),
    messageId,
  }
}

/** The outbox mails that answer the mail with this Message-ID, oldest first. */
export function repliesTo(outbox: readonly Mail[], messageId: string): Mail[] {
  return outbox.filter((m) => m.headers?.['In-Reply-To'] === messageId)
}
