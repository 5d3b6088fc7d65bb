/**
 * Reading the bits of XML the clients handle by hand: the flat answers of SOAP, the ASMX HTTP
 * bindings and the XML interface.
 */
import { decodeXmlReferences } from '../../simulators/core/xml.ts'

/**
 * Decodes the five XML entities and numeric references, leniently (`&AMP;` too): an answer is
 * read for what it holds. A reference to no character is kept as written.
 *
 * @example
 * decodeXmlText('Gr&#252;ezi &amp; co') // 'Grüezi & co'
 */
export function decodeXmlText(text: string): string {
  return decodeXmlReferences(text, { ignoreCase: true, characters: 'unicode' })
}

/**
 * The text of the first element named `name` (any namespace prefix), `''` if self-closed,
 * `undefined` if absent. A regular expression, not a parser: the answers read are flat, and a
 * malformed answer must still yield what it holds.
 *
 * @example
 * elementText('<soap:Body><CheckCreditsResult>Credits:5</CheckCreditsResult>', 'CheckCreditsResult') // 'Credits:5'
 */
export function elementText(xml: string, name: string): string | undefined {
  const open = new RegExp(`<(?:[\\w.-]+:)?${name}(?:\\s[^>]*?)?(/?)>`, 'i').exec(xml)
  if (!open) return undefined
  if (open[1] === '/') return ''
  const rest = xml.slice(open.index + open[0].length)
  const close = new RegExp(`</(?:[\\w.-]+:)?${name}\\s*>`, 'i').exec(rest)
  return close ? decodeXmlText(rest.slice(0, close.index)) : undefined
}
