/**
 * Query strings and `application/x-www-form-urlencoded` bodies as old PHP sites read them.
 *
 * The bytes behind `%XX` escapes are decoded as UTF-8 when they form valid UTF-8, and as
 * ISO-8859-1 otherwise: clients of a 2004-era PHP gateway send both (`%E9` and `%C3%A9` are
 * both "é"), and no valid UTF-8 sequence of French text reads as sensible Latin-1. A charset
 * declared in the Content-Type wins. `+` is a space, as in PHP's `$_GET`. A malformed escape
 * (`%G1`, a lone `%`) is kept literally, as PHP does.
 */

import { decodeText, type Charset } from './charset.ts'

export { charsetOf } from './charset.ts'

export type FormCharset = Charset

/**
 * Parses `a=1&b=%C3%A9` into an ordered map; with a repeated name the last value wins (PHP).
 *
 * @example
 * parseForm('message=%E9t%E9&numero=06').get('message') // 'été'
 * parseForm('message=%C3%A9t%C3%A9').get('message')     // 'été'
 */
export function parseForm(
  raw: string | Uint8Array,
  charset: FormCharset = 'auto',
): Map<string, string> {
  // One char per byte, so that the escapes and raw bytes below are read back exactly.
  const text = typeof raw === 'string' ? raw : Buffer.from(raw).toString('latin1')
  const fields = new Map<string, string>()
  eachField(text, charset, setField, fields)
  return fields
}

/**
 * Calls `visit` with `target` and each decoded name and value of `a=1&b=%C3%A9`, in order, repeated names
 * included: what {@link parseForm} reads, for a caller that keeps only some fields and need not
 * build the map (a provider's hot path, issue 17).
 *
 * @example
 * eachField('a=1&b=%C3%A9', 'auto', (map, name, value) => map.set(name, value), new Map()) // a → 1, b → é
 */
export function eachField<T>(
  text: string,
  charset: FormCharset,
  visit: (target: T, name: string, value: string) => void,
  target: T,
): void {
  let start = 0
  while (start <= text.length) {
    let end = text.indexOf('&', start)
    if (end < 0) end = text.length
    if (end > start) {
      const eq = text.indexOf('=', start)
      if (eq < 0 || eq >= end) visit(target, decodeComponent(text.slice(start, end), charset), '')
      else
        visit(
          target,
          decodeComponent(text.slice(start, eq), charset),
          decodeComponent(text.slice(eq + 1, end), charset),
        )
    }
    start = end + 1
  }
}

const setField = (fields: Map<string, string>, name: string, value: string): void =>
  void fields.set(name, value)

/** No `%`, no `+`, nothing above 0x7F: a component that decodes to itself. */
function isPlainAscii(component: string): boolean {
  for (let i = 0; i < component.length; i++) {
    const c = component.charCodeAt(i)
    if (c === 0x25 || c === 0x2b || c > 0x7f) return false
  }
  return true
}

/** Decodes one percent-encoded component, `+` as space. */
export function decodeComponent(component: string, charset: FormCharset = 'auto'): string {
  // Plain ASCII with nothing to decode is its own value (most names, numbers and logins).
  if (isPlainAscii(component)) return component
  const bytes: number[] = []
  // Only a caller that already decoded the text passes chars above 0xFF; then its chars
  // 0x80–0xFF are characters too, not bytes, and every one of them is kept as UTF-8.
  const decoded = /[\u0100-\uffff]/.test(component)
  for (let i = 0; i < component.length; i++) {
    const c = component.charCodeAt(i)
    if (c === 0x2b) bytes.push(0x20)
    else if (c === 0x25 && /^[0-9a-f]{2}$/i.test(component.slice(i + 1, i + 3))) {
      bytes.push(parseInt(component.slice(i + 1, i + 3), 16))
      i += 2
    } else if (c < 0x80 || (c < 0x100 && !decoded)) {
      // The transports hand over one char per received byte, raw bytes included.
      bytes.push(c)
    } else {
      const char = String.fromCodePoint(component.codePointAt(i)!)
      for (const b of Buffer.from(char, 'utf8')) bytes.push(b)
      i += char.length - 1
    }
  }
  return decodeText(Uint8Array.from(bytes), charset, 'keep')
}
