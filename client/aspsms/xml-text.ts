/**
 * Reading and writing the bits of XML the clients handle by hand: the flat answers of SOAP,
 * the ASMX HTTP bindings and the XML interface, and the text of a SOAP parameter.
 */

/**
 * Decodes the five XML entities and numeric references.
 *
 * @example
 * decodeXmlText('Gr&#252;ezi &amp; co') // 'Grüezi & co'
 */
export function decodeXmlText(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|amp|lt|gt|quot|apos);/gi, (whole, ref: string) => {
    const lower = ref.toLowerCase()
    if (lower.startsWith('#x')) return String.fromCodePoint(parseInt(lower.slice(2), 16))
    if (lower.startsWith('#')) return String.fromCodePoint(Number(lower.slice(1)))
    return { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" }[lower] ?? whole
  })
}

/**
 * Escapes text for an element of a UTF-8 document (SOAP).
 *
 * @example
 * escapeXml('a < b & c') // 'a &#60; b &#38; c'
 */
export function escapeXml(text: string): string {
  return text.replace(/[&<>]/g, (c) => `&#${c.charCodeAt(0)};`)
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
