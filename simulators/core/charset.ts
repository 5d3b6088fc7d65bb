/**
 * The two charsets French and Swiss clients really send: UTF-8, and windows-1252 (what a
 * Windows client or Excel writes when it says "ISO-8859-1"; WHATWG maps that label to it).
 * Decoding follows one rule everywhere: a declared charset wins; otherwise bytes that form
 * valid UTF-8 are UTF-8 and anything else is windows-1252 — no sensible French text in
 * windows-1252 is also valid UTF-8.
 */

/**
 * Bytes 0x80–0x9F in windows-1252 (€, ’, œ…).
 * @note written out: Node 20's TextDecoder('windows-1252') reads these bytes as C1 controls
 * (nodejs/node#56542).
 */
const WINDOWS_1252_C1 = '€\x81‚ƒ„…†‡ˆ‰Š‹Œ\x8DŽ\x8F\x90‘’“”•–—˜™š›œ\x9DžŸ'
const WINDOWS_1252_BYTE = new Map([...WINDOWS_1252_C1].map((char, i) => [char, 0x80 + i]))

const strictUtf8 = new TextDecoder('utf-8', { fatal: true })
const lenientUtf8 = new TextDecoder('utf-8')
// A form value is a piece of text, not a document: a leading U+FEFF is a character of it, as
// PHP reads it, not a byte-order mark.
const strictUtf8KeepingBom = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true })
const lenientUtf8KeepingBom = new TextDecoder('utf-8', { ignoreBOM: true })

export type Charset = 'auto' | 'utf-8' | 'iso-8859-1'

/**
 * @example
 * decodeWindows1252(Uint8Array.of(0xe9, 0x80)) // 'é€'
 */
export function decodeWindows1252(bytes: Uint8Array): string {
  let text = ''
  for (const b of bytes)
    text += b >= 0x80 && b < 0xa0 ? WINDOWS_1252_C1[b - 0x80] : String.fromCharCode(b)
  return text
}

/**
 * A text as windows-1252 bytes; a character it cannot write is refused, never replaced.
 *
 * @example
 * encodeWindows1252('été €') // [0xe9, 0x74, 0xe9, 0x20, 0x80]
 */
export function encodeWindows1252(text: string): number[] {
  return [...text].map((char) => {
    const code = char.codePointAt(0)!
    const byte = WINDOWS_1252_BYTE.get(char) ?? (code <= 0xff ? code : undefined)
    if (byte === undefined)
      throw new RangeError(`"${char}" cannot be written in ISO-8859-1 / windows-1252`)
    return byte
  })
}

/**
 * Decodes bytes by the rule above. A leading UTF-8 byte-order mark is dropped from a document
 * (`bom: 'strip'`) and kept in a form value (`'keep'`).
 *
 * @example
 * decodeText(Buffer.from('été')) // 'été' (valid UTF-8)
 * decodeText(Uint8Array.of(0xe9)) // 'é' (not UTF-8: windows-1252)
 */
export function decodeText(
  bytes: Uint8Array,
  charset: Charset = 'auto',
  bom: 'strip' | 'keep' = 'strip',
): string {
  if (charset === 'iso-8859-1') return decodeWindows1252(bytes)
  const [strict, lenient] =
    bom === 'keep' ? [strictUtf8KeepingBom, lenientUtf8KeepingBom] : [strictUtf8, lenientUtf8]
  try {
    return strict.decode(bytes)
  } catch {
    return charset === 'utf-8' ? lenient.decode(bytes) : decodeWindows1252(bytes)
  }
}

/** The charset a Content-Type declares, if it is one we read. */
export function charsetOf(contentType: string | undefined): Charset {
  const match = /charset\s*=\s*"?([\w-]+)/i.exec(contentType ?? '')
  const name = match?.[1]?.toLowerCase()
  if (name === 'utf-8' || name === 'utf8') return 'utf-8'
  if (name === 'iso-8859-1' || name === 'latin1' || name === 'windows-1252') return 'iso-8859-1'
  return 'auto'
}
