/**
 * Writing XML documents for the fuzzer (ASPSMS SOAP and `xmlsvr.asp`, iSendPro `<envoi>`), and
 * damaging them the ways hostile and careless clients do: a DOCTYPE with entities (billion
 * laughs, an external entity), deep nesting, an element cut off, markup in text, CDATA,
 * character references (invalid ones too), declarations that lie about the encoding.
 *
 * @example
 * fc.sample(xmlDamage('<a><b>1</b></a>'), 1) // e.g. ['<!DOCTYPE a [<!ENTITY x "y">]><a><b>1</b></a>']
 */
import fc from 'fast-check'

/** `&`, `<`, `>` and quotes as references, as a well-behaved client writes text. */
export function xmlEscape(text: string): string {
  return text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c]!,
  )
}

/** How a field's text is written: escaped, raw (a bare `&` or `<` breaks the document), in CDATA. */
export const textStyle = fc.oneof(
  { weight: 8, arbitrary: fc.constant('escaped') },
  { weight: 1, arbitrary: fc.constantFrom('raw', 'cdata', 'refs') },
)

/** `text` written in one of the {@link textStyle}s. */
export function writeText(text: string, style: string): string {
  if (style === 'raw') return text
  if (style === 'cdata') return `<![CDATA[${text}]]>`
  if (style === 'refs')
    return [...text].map((c) => (/[A-Za-z0-9 ]/.test(c) ? c : `&#${c.codePointAt(0)};`)).join('')
  return xmlEscape(text)
}

/**
 * Nesting depths around every limit the parsers have (ASPSMS SOAP 32, `xmlsvr.asp` 256,
 * iSendPro ~100 by issue 10 item 9) and far beyond.
 */
export const NESTING_DEPTHS = [2, 31, 33, 99, 101, 255, 257, 1_000, 5_000, 30_000] as const

/** `depth` elements nested in each other around `inner`. */
export function nested(depth: number, inner = 'x', name = 'a'): string {
  return `<${name}>`.repeat(depth) + inner + `</${name}>`.repeat(depth)
}

/** DOCTYPEs a parser must refuse before expanding anything. */
export const DOCTYPES = [
  '<!DOCTYPE a [<!ENTITY x "y">]>',
  '<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;"><!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;"><!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>',
  '<!DOCTYPE foo [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>',
  '<!DOCTYPE foo SYSTEM "http://127.0.0.1:9/evil.dtd">',
  '<!doctype html>',
  '<!ENTITY x "y">',
] as const

/** XML declarations, lying ones included (the first five are what clients write). */
const DECLARATION_TEXTS = [
  '',
  '<?xml version="1.0"?>',
  '<?xml version="1.0" encoding="utf-8"?>',
  "<?xml version='1.0' encoding='utf-8'?>",
  '<?xml version="1.0" encoding="ISO-8859-1"?>',
  '<?xml version="1.0" encoding="UTF-16"?>',
  '<?xml version="1.0" encoding="x-unknown"?>',
  '<?xml version="1.1"?>',
  '<?xml?>',
  '\ufeff<?xml version="1.0"?>',
  ' \r\n<?xml version="1.0"?>',
] as const

/** An XML declaration: mostly a usual one. */
export const declaration = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...DECLARATION_TEXTS.slice(0, 5)) },
  { weight: 1, arbitrary: fc.constantFrom(...DECLARATION_TEXTS) },
)

/**
 * A document damaged at the markup level. Positions are chosen among the document's tag
 * boundaries, so that what is inserted lands between elements as well as inside text.
 */
export function xmlDamage(doc: string): fc.Arbitrary<string> {
  const cuts = [...doc.matchAll(/</g)].map((m) => m.index)
  const at = cuts.length ? fc.constantFrom(...cuts, doc.length) : fc.constant(doc.length)
  const insert = (what: fc.Arbitrary<string>) =>
    fc.tuple(at, what).map(([i, s]) => doc.slice(0, i) + s + doc.slice(i))
  return fc.oneof(
    fc.constantFrom(...DOCTYPES).map((d) => d + doc),
    insert(fc.constantFrom(...DOCTYPES)),
    insert(
      fc
        .tuple(fc.constantFrom(...NESTING_DEPTHS), fc.constantFrom('a', 'Recipient', 'num', 'x:y'))
        .map(([d, n]) => nested(d, 'x', n)),
    ),
    insert(
      fc.constantFrom(
        '&lol3;',
        '&xxe;',
        '&amp',
        '&#0;',
        '&#xD800;',
        '&#99999999;',
        '&#x110000;',
        '<',
        '&',
        ']]>',
        '<![CDATA[',
        '<!-- ',
        '<?pi x?>',
        '</',
        '<a/>',
        '<a b="1" b="2">',
        '<:a>',
        '<1a>',
        '</aspsms>',
        '</envoi>',
        '</soap:Body>',
      ),
    ),
    at.map((i) => doc.slice(0, i)),
    fc.integer({ min: 1, max: Math.max(1, doc.length) }).map((i) => doc.slice(0, i)),
    fc.tuple(at, at).map(([i, j]) => doc.slice(0, Math.max(i, j)) + doc.slice(Math.min(i, j))),
    fc.integer({ min: 100, max: 20_000 }).map((n) => doc.replace('>', ` ${'a="1" '.repeat(n)}>`)),
  )
}
