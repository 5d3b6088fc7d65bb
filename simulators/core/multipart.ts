/**
 * `multipart/form-data` bodies (RFC 7578), read into the same ordered map as a form body: what
 * PHP's curl sends when `CURLOPT_POSTFIELDS` is an array (davaxi/AllMySMS). Only text fields are
 * read; a part with a `filename` is skipped. Part bodies are decoded as UTF-8 (the charset
 * every client measured sends), a part's own `charset` winning.
 *
 * Never throws: a body that does not follow the syntax gives the fields read before the fault.
 *
 * @see shared/research/french-http-clients.md — "davaxi": "Every call is multipart/form-data"
 */
import { decodeText } from './charset.ts'

/**
 * The most parts read from one body (ours): a form of the providers' APIs has a dozen fields;
 * past this the body is a flood, and the fields read so far are what the request carried.
 */
export const MAX_MULTIPART_PARTS = 200

/**
 * The boundary a Content-Type declares, or undefined when it is not `multipart/form-data` or
 * names none.
 *
 * @example
 * multipartBoundary('multipart/form-data; boundary=------------------------a1b2') // '------------------------a1b2'
 */
export function multipartBoundary(contentType: string | undefined): string | undefined {
  if (!contentType || !/^multipart\/form-data\b/i.test(contentType.trim())) return undefined
  const m = /;\s*boundary=(?:"([^"]{1,70})"|([^;\s]{1,70}))/i.exec(contentType)
  return m ? (m[1] ?? m[2]) : undefined
}

/**
 * Reads the text fields of a multipart body; with a repeated name the last value wins (PHP).
 *
 * @example
 * parseMultipart(Buffer.from('--b\r\nContent-Disposition: form-data; name="login"\r\n\r\narthur45\r\n--b--\r\n'), 'b')
 * // Map { 'login' => 'arthur45' }
 */
export function parseMultipart(body: Uint8Array, boundary: string): Map<string, string> {
  const fields = new Map<string, string>()
  const buf = Buffer.from(body.buffer, body.byteOffset, body.byteLength)
  const delimiter = Buffer.from(`--${boundary}`, 'latin1')
  let at = buf.indexOf(delimiter)
  let parts = 0
  while (at >= 0 && parts < MAX_MULTIPART_PARTS) {
    const start = at + delimiter.length
    // `--` after the delimiter closes the body.
    if (buf[start] === 0x2d && buf[start + 1] === 0x2d) break
    const next = buf.indexOf(delimiter, start)
    if (next < 0) break
    parts++
    const part = buf.subarray(start, next)
    const headerEnd = part.indexOf('\r\n\r\n')
    if (headerEnd >= 0) {
      const headers = part.subarray(0, headerEnd).toString('latin1')
      let content = part.subarray(headerEnd + 4)
      // The CRLF before the next delimiter belongs to the delimiter.
      if (
        content.length >= 2 &&
        content[content.length - 2] === 0x0d &&
        content[content.length - 1] === 0x0a
      )
        content = content.subarray(0, content.length - 2)
      const disposition = /content-disposition:\s*form-data([^\r\n]*)/i.exec(headers)?.[1] ?? ''
      const name =
        /;\s*name="([^"]*)"/i.exec(disposition)?.[1] ?? /;\s*name=([^;\s]+)/i.exec(disposition)?.[1]
      const isFile = /;\s*filename\*?=/i.test(disposition)
      if (name !== undefined && !isFile) {
        const charset = /content-type:[^\r\n]*charset=([\w-]+)/i.exec(headers)?.[1]
        const latin1 = charset !== undefined && /^(iso-8859-1|latin1|windows-1252)$/i.test(charset)
        fields.set(
          decodeText(Buffer.from(name, 'latin1'), 'utf-8', 'keep'),
          latin1 ? content.toString('latin1') : decodeText(content, 'utf-8', 'keep'),
        )
      }
    }
    at = next
  }
  return fields
}
