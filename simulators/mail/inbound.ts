/**
 * One received mail, parsed once into the {@link InboundMail} every mail provider reads
 * (STYLE.md §7). Providers never see MIME: quoted-printable and base64 are decoded, charsets
 * (UTF-8, ISO-8859-1, windows-1252…) are turned into Unicode, line ends are `\n`, and the
 * text/plain part is told apart from the HTML one. What a provider then does with an HTML-only
 * mail or a signature is its own decision, from its document; simulators/mail/README.md lists
 * what the gateway normalizes and what it leaves as the sender wrote it.
 *
 * mailparser's streaming `MailParser` is used rather than its `simpleParser`: only the parser
 * knows whether the mail had a text/plain part ("format texte brut"), which `simpleParser`
 * hides by converting HTML to text, and the conversions `simpleParser` always runs (HTML to
 * text, text to HTML, link detection) are work no provider reads.
 *
 * mailparser (with its charset tables) is loaded when the first mail arrives, not when smsim
 * starts: it is a third of what the command would otherwise parse before it answers (ADR 016).
 */
import type { AddressObject, AttachmentStream, Headers } from 'mailparser'
import type { InboundAttachment, InboundMail } from '../core/mail.ts'
import { MAX_MIME_HEAD_BYTES, MAX_MIME_PARTS } from './limits.ts'

/** The SMTP envelope of a mail: MAIL FROM and the accepted RCPT TO addresses, as sent. */
export interface Envelope {
  from: string
  to: string[]
}

/**
 * A mail mailparser could not read (a part's headers over {@link MAX_MIME_HEAD_BYTES}, more
 * than {@link MAX_MIME_PARTS} parts…). The gateway answers it `554` and hands it to no provider.
 */
export class UnreadableMailError extends Error {
  readonly code = 'SMSIM_UNREADABLE_MAIL'
  constructor(reason: string, options?: { cause?: unknown }) {
    super(`the mail could not be read as MIME: ${reason}`, options)
    this.name = 'UnreadableMailError'
  }
}

/** What mailparser read, before it is normalized. */
interface ParsedMime {
  headers: Headers
  headerLines: readonly { key: string; line: string }[]
  text: string | undefined
  html: string | undefined
  hasPlainText: boolean
  attachments: InboundAttachment[]
}

/**
 * Parses the bytes of a mail (as received after DATA) into an {@link InboundMail}.
 *
 * @example
 * const mail = await parseInbound(readFileSync('simulators/mail/fixtures/utf8-qp.eml'), {
 *   from: 'ecole@example.fr',
 *   to: ['mail2sms@allmysms.com'],
 * })
 * mail.text // 'Bonjour, cours annulé demain à 9 h.\n'
 */
export async function parseInbound(raw: Uint8Array, envelope: Envelope): Promise<InboundMail> {
  return toInboundMail(await readMime(raw), envelope)
}

async function readMime(raw: Uint8Array): Promise<ParsedMime> {
  const { MailParser } = await import('mailparser')
  return new Promise((resolve, reject) => {
    const parser = new MailParser({
      skipHtmlToText: true,
      skipTextToHtml: true,
      skipImageLinks: true,
      skipTextLinks: true,
      maxHeadSize: MAX_MIME_HEAD_BYTES,
      maxChildNodes: MAX_MIME_PARTS,
    })
    const attachments: InboundAttachment[] = []
    let headers: Headers = new Map()
    let text: string | undefined
    let html: string | undefined
    let failed = false
    parser.on('error', (error: Error) => {
      if (failed) return
      failed = true
      reject(new UnreadableMailError(error.message, { cause: error }))
    })
    parser.on('headers', (parsed: Headers) => (headers = parsed))
    parser.on('data', (data) => {
      if (data.type === 'text') {
        text = data.text || undefined
        html = data.html || undefined
        return
      }
      readAttachment(data, (attachment) => attachments.push(attachment))
    })
    parser.on('end', () => {
      if (failed) return
      resolve({
        headers,
        headerLines: parser.headerLines || [],
        text,
        html,
        // @note Not in mailparser's typings: set when an inline text/plain part was found,
        // even an empty one. inbound.test.ts pins it, so an upgrade that drops it fails there.
        hasPlainText: (parser as unknown as { hasText?: boolean }).hasText === true,
        attachments,
      })
    })
    parser.end(Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength))
  })
}

/**
 * Reads an attachment's content and hands it over, then releases it: the parser waits for
 * `release()` before it reads on, so every attachment is in before its `end`.
 */
function readAttachment(data: AttachmentStream, done: (attachment: InboundAttachment) => void) {
  const chunks: Buffer[] = []
  data.content.on('data', (chunk: Buffer) => chunks.push(chunk))
  data.content.on('end', () => {
    done({
      filename: data.filename ?? '',
      contentType: (data.contentType || 'application/octet-stream').toLowerCase(),
      // A copy that owns its bytes: Buffer.concat may return a slice of Node's shared pool.
      content: new Uint8Array(Buffer.concat(chunks)),
    })
    data.release?.()
  })
}

function toInboundMail(parsed: ParsedMime, envelope: Envelope): InboundMail {
  const fromHeader = parsed.headers.get('from') as AddressObject | undefined
  const fromAddress = fromHeader?.value.find((a) => a.address)?.address ?? envelope.from
  const subject = parsed.headers.get('subject')
  const messageId = parsed.headers.get('message-id')
  return {
    envelope: { from: envelope.from, to: [...envelope.to] },
    from: fromAddress.toLowerCase(),
    subject: typeof subject === 'string' ? oneLine(subject) : '',
    text: parsed.hasPlainText && parsed.text !== undefined ? toLf(parsed.text) : '',
    ...(parsed.html !== undefined ? { html: parsed.html } : {}),
    hasPlainText: parsed.hasPlainText,
    attachments: parsed.attachments,
    headers: headerRecord(parsed),
    ...(typeof messageId === 'string' && messageId ? { messageId: oneLine(messageId) } : {}),
  }
}

/**
 * Header names in lower case, the first value of each: decoded when mailparser reads the
 * header as text (`Subject`, `X-Mailer`…), the display form of an address header (`From`,
 * `Reply-To`), and the value as written, unfolded, for the other structured ones (`Date`,
 * `Content-Type`).
 */
function headerRecord(parsed: ParsedMime): Record<string, string> {
  // No prototype: a header named `constructor` or `__proto__` is a header like any other, not
  // an inherited member that hides it (or, for `__proto__`, swallows its value).
  const record: Record<string, string> = Object.create(null) as Record<string, string>
  for (const { key, line } of parsed.headerLines) {
    if (Object.hasOwn(record, key)) continue
    const value = parsed.headers.get(key)
    const first = Array.isArray(value) ? value[0] : value
    if (typeof first === 'string') record[key] = oneLine(first)
    else if (isAddressObject(first)) record[key] = oneLine(first.text)
    else record[key] = oneLine(line.slice(line.indexOf(':') + 1).trim())
  }
  return record
}

function isAddressObject(value: unknown): value is AddressObject {
  return typeof value === 'object' && value !== null && 'value' in value && 'text' in value
}

/**
 * A header value on one line. An encoded word may decode to a line break (`=?UTF-8?Q?a=0D=0A
 * Bcc:_x?=`): kept, it would let a mail smuggle a header into any reply that quotes it.
 */
function oneLine(value: string): string {
  return value.replace(/[\r\n]+[ \t]*/g, ' ')
}

/** `\r\n` and a lone `\r` (old Mac clients) become `\n`. */
function toLf(text: string): string {
  return text.replace(/\r\n?/g, '\n')
}
