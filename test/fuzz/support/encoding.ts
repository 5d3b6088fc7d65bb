/**
 * How the fuzz clients write text on the wire, written here independently of smsim's own
 * decoders (core/charset.ts, core/form.ts) so that a test never agrees with a bug by sharing
 * its code: windows-1252 bytes (what "ISO-8859-1" means to a French Windows client), and
 * percent-encoding the way PHP's `urlencode`, `rawurlencode` and careless clients do it.
 *
 * @example
 * percentEncode(windows1252Bytes('été €'), 'plus') // '%E9t%E9+%80'
 */

/** windows-1252's 0x80–0x9F, the characters French text uses there (€, ’, œ…). */
const C1 = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008DŽ\u008F\u0090‘’“”•–—˜™š›œ\u009DžŸ'

/**
 * `text` as windows-1252 bytes; a character it cannot write becomes `?`, as PHP's
 * `utf8_decode` and most converters do.
 */
export function windows1252Bytes(text: string): Buffer {
  const bytes: number[] = []
  for (const char of text) {
    const c1 = C1.indexOf(char)
    const code = char.codePointAt(0)!
    if (c1 >= 0 && !/[\u0081\u008d\u008f\u0090\u009d]/.test(char)) bytes.push(0x80 + c1)
    else if (code <= 0xff && !(code >= 0x80 && code <= 0x9f)) bytes.push(code)
    else bytes.push(0x3f)
  }
  return Buffer.from(bytes)
}

/** What the server must read back from {@link windows1252Bytes}. */
export function windows1252Text(bytes: Buffer): string {
  let text = ''
  for (const b of bytes) text += b >= 0x80 && b <= 0x9f ? C1[b - 0x80] : String.fromCharCode(b)
  return text
}

/** UTF-8 bytes; a lone surrogate becomes U+FFFD, as every encoder writes it. */
export const utf8Bytes = (text: string): Buffer => Buffer.from(text, 'utf8')

/**
 * How a client writes spaces and bytes ≥ 0x80: `plus` and `percent` encode every byte but the
 * unreserved ones (`urlencode`, `rawurlencode`); `raw` leaves bytes ≥ 0x80 unencoded, as old
 * clients do (Apache takes them; smsim replays them, http-server.ts).
 */
export type PercentStyle = 'plus' | 'percent' | 'raw'

/** Percent-encodes bytes into a string of one char per byte, ready for a query or form body. */
export function percentEncode(bytes: Buffer, style: PercentStyle): string {
  let out = ''
  for (const b of bytes) {
    if (/[A-Za-z0-9\-_.~*]/.test(String.fromCharCode(b))) out += String.fromCharCode(b)
    else if (b === 0x20 && style === 'plus') out += '+'
    else if (b >= 0x80 && style === 'raw') out += String.fromCharCode(b)
    else out += `%${b.toString(16).toUpperCase().padStart(2, '0')}`
  }
  return out
}

/** Whether `bytes` read as UTF-8 without a single invalid sequence. */
export function isUtf8(bytes: Buffer): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes)
    return true
  } catch {
    return false
  }
}
