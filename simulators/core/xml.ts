/**
 * Writing text into XML and reading references out of it: the one escape and the one reference
 * decoder of smsim and its reference client. Every XML the providers write (ASPSMS's SOAP, ASMX
 * and XML interface, iSendPro's Ack and Not) and every XML the clients send escapes here; every
 * reader that decodes `&amp;` or `&#233;` by hand (ASPSMS's SOAP and XML readers, iSendPro's
 * `<envoi>`, the ASPSMS client) decodes here.
 *
 * The places do not all write the same bytes, and must not start to: a client's bytes are what
 * the real service receives, a provider's are what real clients parse. Where they really differ
 * the caller says so with an option — `quote` for attribute values, `numeric` for a writer that
 * spells `&` as `&#38;`, `literalUpTo` for a charset that cannot carry everything, `invalid` for
 * what a character XML cannot hold becomes; `ignoreCase`, `characters`, `maxDigits` and
 * `onInvalid` for how strict a reader is. The defaults are the common case: `& < >` as the
 * named entities, everything else as it is, and references read as XML 1.0 defines them.
 *
 * @see https://www.w3.org/TR/xml/#charsets — "Char"
 * @see https://www.w3.org/TR/xml/#sec-references — "Character and Entity References"
 */

/**
 * Whether a code point is an XML 1.0 `Char`: tab, LF, CR and everything from U+0020 but the
 * surrogates, U+FFFE and U+FFFF. No document may hold another, not even as a reference.
 *
 * @example
 * isXmlChar(0x41) // true
 * isXmlChar(0x0b) // false: a control character
 */
export function isXmlChar(cp: number): boolean {
  return (
    cp === 0x09 ||
    cp === 0x0a ||
    cp === 0x0d ||
    (cp >= 0x20 && cp <= 0xd7ff) ||
    (cp >= 0xe000 && cp <= 0xfffd) ||
    (cp >= 0x10000 && cp <= 0x10ffff)
  )
}

/**
 * The five entities XML predefines; no other can exist without a DTD. A Map, not an object:
 * `&constructor;` must not find Object's own properties.
 */
export const PREDEFINED_ENTITIES: ReadonlyMap<string, string> = new Map([
  ['amp', '&'],
  ['lt', '<'],
  ['gt', '>'],
  ['quot', '"'],
  ['apos', "'"],
])

export interface XmlEscapeOptions {
  /** Escape `"` too, for a double-quoted attribute value (default: text content, `"` kept). */
  quote?: boolean
  /** Write `& < > "` as `&#38; &#60; &#62; &#34;` rather than `&amp; &lt; &gt; &quot;`. */
  numeric?: boolean
  /**
   * The highest code point written as itself; any above it as a decimal reference (`&#252;`),
   * for a document whose charset cannot hold it or whose reader may guess the charset wrong.
   * Default: every character as itself.
   */
  literalUpTo?: number
  /** Tab, LF and CR as references too (`&#10;`), so that no reader normalises them away. */
  whitespaceAsReferences?: boolean
  /**
   * What a character XML 1.0 cannot hold (a control, a lone surrogate, U+FFFE) becomes, so that
   * the document stays well-formed: U+FFFD by default. `null` writes it as it is — a client's
   * text goes as given, for the server to refuse.
   */
  invalid?: string | null
}

/** Anything {@link escapeXml} may have to change, whatever the options: the fast path's test. */
const MAY_NEED_ESCAPING = /[^\u0020-\u0021\u0023-\u0025\u0027-\u003b\u003d\u003f-\u007e]/

/**
 * Escapes text for XML content, or for a double-quoted attribute value with `quote`.
 *
 * @example
 * escapeXml('a & <b> "c"')                                 // 'a &amp; &lt;b&gt; "c"'
 * escapeXml('say "hi"', { quote: true })                   // 'say &quot;hi&quot;'
 * escapeXml('a < b & c', { numeric: true })                // 'a &#60; b &#38; c'
 * escapeXml('Grüezi €', { literalUpTo: 0xff })             // 'Grüezi &#8364;'
 * escapeXml('bip\u0007', { invalid: '?' })                 // 'bip?'
 */
export function escapeXml(text: string, options: XmlEscapeOptions = {}): string {
  if (!MAY_NEED_ESCAPING.test(text)) return text
  const { quote = false, numeric = false, whitespaceAsReferences = false } = options
  const literalUpTo = options.literalUpTo ?? Infinity
  const invalid = options.invalid === undefined ? '\ufffd' : options.invalid
  let out = ''
  for (const char of text) {
    const cp = char.codePointAt(0)!
    if (cp === 0x26) out += numeric ? '&#38;' : '&amp;'
    else if (cp === 0x3c) out += numeric ? '&#60;' : '&lt;'
    else if (cp === 0x3e) out += numeric ? '&#62;' : '&gt;'
    else if (cp === 0x22 && quote) out += numeric ? '&#34;' : '&quot;'
    else if (!isXmlChar(cp)) out += invalid ?? char
    else if (cp > literalUpTo || (whitespaceAsReferences && cp < 0x20)) out += `&#${cp};`
    else out += char
  }
  return out
}

/** Why a `&` starts no reference a reader knows. */
export type ReferenceProblem =
  /** No `;` before a space, `<`, `&` or the end: `&amp`, `& `, `&`. */
  | 'unterminated'
  /** A numeric reference to a code point the reader does not take (`&#0;`, `&#xD800;`). */
  | 'not-a-character'
  /** A name that is not one of the five entities, or a numeric one written otherwise. */
  | 'undeclared'

export interface XmlDecodeOptions {
  /**
   * Read entity names and the `x` of hexadecimal references without case (`&AMP;`, `&#X41;`),
   * as a lenient reader of hand-written XML does. Default: XML's own rule, case counts.
   */
  ignoreCase?: boolean
  /**
   * Which code points a numeric reference may name: XML 1.0's `Char`s (default), or any Unicode
   * scalar value but U+0000 (`unicode`), for a reader that takes what the writer meant.
   */
  characters?: 'xml' | 'unicode'
  /**
   * The most digits a numeric reference may have; a longer one is `undeclared`. Default: no
   * limit (`&#0000065;` is `A`).
   */
  maxDigits?: { decimal: number; hex: number }
  /**
   * What to write for a `&` that starts no reference the reader knows, given as written
   * (`&amp`, `&#0;`, `&nbsp;`). Default: the text as it is. A strict reader throws from it.
   */
  onInvalid?: (written: string, problem: ReferenceProblem) => string
}

/** A `&`, the name after it up to what cannot be in one, and the `;` if it is there. */
const AMPERSAND = /&([^;&\s<]*)(;?)/g

/**
 * Decodes the five entities and numeric references (`&#233;`, `&#xE9;`) of a text.
 *
 * @example
 * decodeXmlReferences('L&#233;a &amp; Tom &#x20AC;')                 // 'Léa & Tom €'
 * decodeXmlReferences('&#0; &nbsp; &amp')                             // '&#0; &nbsp; &amp': left as written
 * decodeXmlReferences('&AMP;', { ignoreCase: true })                  // '&'
 * decodeXmlReferences('&x;', { onInvalid: () => { throw new Error('no') } }) // throws
 */
export function decodeXmlReferences(text: string, options: XmlDecodeOptions = {}): string {
  if (!text.includes('&')) return text
  const { ignoreCase = false, characters = 'xml', maxDigits, onInvalid } = options
  const numeric = numericReference(ignoreCase, maxDigits)
  const accepts = characters === 'xml' ? isXmlChar : isUnicodeScalar
  const invalid = (written: string, problem: ReferenceProblem) =>
    onInvalid ? onInvalid(written, problem) : written
  return text.replace(AMPERSAND, (written, name: string, semicolon: string) => {
    if (!semicolon) return invalid(written, 'unterminated')
    const digits = numeric.exec(name)
    if (digits) {
      const cp = digits[1] !== undefined ? parseInt(digits[1], 16) : Number(digits[2])
      return accepts(cp) ? String.fromCodePoint(cp) : invalid(written, 'not-a-character')
    }
    const value = PREDEFINED_ENTITIES.get(ignoreCase ? name.toLowerCase() : name)
    return value ?? invalid(written, 'undeclared')
  })
}

const NUMERIC_REFERENCES = new Map<string, RegExp>()

/** The pattern of a numeric reference's name (`#233`, `#xE9`), built once per kind of reader. */
function numericReference(ignoreCase: boolean, maxDigits: XmlDecodeOptions['maxDigits']): RegExp {
  const hex = maxDigits ? `{1,${maxDigits.hex}}` : '+'
  const decimal = maxDigits ? `{1,${maxDigits.decimal}}` : '+'
  const source = `^#(?:x([0-9a-fA-F]${hex})|([0-9]${decimal}))$`
  const key = `${ignoreCase ? 'i' : ''}${source}`
  let pattern = NUMERIC_REFERENCES.get(key)
  if (!pattern) NUMERIC_REFERENCES.set(key, (pattern = new RegExp(source, ignoreCase ? 'i' : '')))
  return pattern
}

/** Any Unicode scalar value (no surrogate) but U+0000, which no text may end up holding. */
const isUnicodeScalar = (cp: number) => cp > 0 && cp <= 0x10ffff && !(cp >= 0xd800 && cp <= 0xdfff)
