/**
 * What XML 1.0 lets a document hold, for the two XML readers: the well-formedness scan of the
 * XML interface (xml-scan.ts, with the tree of xml-parse.ts) and the SOAP envelope reader
 * (soap-xml.ts).
 *
 * @see https://www.w3.org/TR/xml/#charsets — "Char"
 */

/**
 * Whether a code point is an XML 1.0 `Char`: tab, LF, CR and everything from U+0020 but the
 * surrogates, U+FFFE and U+FFFF.
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

/** The five entities XML predefines; no other can exist without a DTD. */
export const PREDEFINED_ENTITIES: ReadonlyMap<string, string> = new Map([
  ['amp', '&'],
  ['lt', '<'],
  ['gt', '>'],
  ['quot', '"'],
  ['apos', "'"],
])
