/**
 * The XML of a SOAP request, read with its names resolved: each element and attribute as
 * `{ ns, local }`, whatever prefix the client chose. fast-xml-parser tokenizes; the namespace
 * scopes, the character references and the checks are ours, because it resolves neither
 * namespaces nor numeric references, and because no DOCTYPE may reach an entity expander
 * (soap.ts refuses one before anything is parsed).
 *
 * @see shared/research/aspsms.md — §1.4 "SOAP envelopes"
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser'
import { charsetOf, decodeText } from '../core/charset.ts'
import { decodeXmlReferences, type ReferenceProblem } from '../core/xml.ts'

const XML_NAMESPACE = 'http://www.w3.org/XML/1998/namespace'

/**
 * Deepest element nesting read. An ASMX request is 4 deep (Envelope, Body, operation,
 * parameter); anything far deeper is an attack on the parser's stack, not a request.
 */
export const MAX_XML_DEPTH = 32

/**
 * The text of an XML body: a byte-order mark decides, else the Content-Type's charset, else
 * the XML declaration's encoding, else UTF-8 with the windows-1252 fallback of core/charset.
 */
export function decodeXmlBytes(body: Uint8Array, contentType: string | undefined): string {
  if (body[0] === 0xef && body[1] === 0xbb && body[2] === 0xbf)
    return decodeText(body.subarray(3), 'utf-8')
  if (body[0] === 0xff && body[1] === 0xfe) return new TextDecoder('utf-16le').decode(body)
  if (body[0] === 0xfe && body[1] === 0xff) return new TextDecoder('utf-16be').decode(body)
  let charset = charsetOf(contentType)
  if (charset === 'auto') {
    const head = Buffer.from(body.subarray(0, 200)).toString('latin1')
    const declared = /^\s*<\?xml[^>]*\bencoding\s*=\s*["']([\w.:-]+)["']/.exec(head)?.[1]
    if (declared) charset = charsetOf(`charset=${declared}`)
  }
  return decodeText(body, charset)
}

/** An element with its names resolved: `ns` is the namespace URI, `''` for none. */
export interface XmlElement {
  ns: string
  local: string
  /** The name as written, prefix included, for messages. */
  name: string
  attributes: { ns: string; local: string; value: string }[]
  /** Text (references decoded, CDATA as is) and child elements, in document order. */
  children: (XmlElement | string)[]
}

/** The element children of an element (none for `undefined`). */
export function elementsOf(element: XmlElement | undefined): XmlElement[] {
  return (element?.children ?? []).filter((c): c is XmlElement => typeof c !== 'string')
}

/** fast-xml-parser's `preserveOrder` nodes: `{ tag: children, ':@': attributes }` or text. */
type FxpNode = Record<string, unknown>

const PARSER = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: false,
  // References are decoded by us, strictly: the five predefined entities and numeric ones.
  processEntities: false,
  ignoreDeclaration: true,
  ignorePiTags: true,
  cdataPropName: '#cdata',
  // No callback reads the path: without this the parser builds its string for every tag.
  jPath: false,
})

/**
 * Reading stops at the first malformation: thrown inside {@link parseXml} only, and turned
 * into its `{ ok: false }` value there.
 */
class MalformedXml extends Error {}

/**
 * Parses a document into namespace-resolved elements.
 *
 * @example
 * parseXml('<a:b xmlns:a="urn:x">1 &amp; 2</a:b>') // { ok: true, root: { ns: 'urn:x', local: 'b', children: ['1 & 2'], … } }
 */
export function parseXml(
  text: string,
): { ok: true; root: XmlElement } | { ok: false; reason: string } {
  const valid = XMLValidator.validate(text)
  if (valid !== true) {
    const { msg, line, col } = valid.err
    return {
      ok: false,
      reason: `The body is not well-formed XML: ${msg} (line ${line}, column ${col ?? '?'}).`,
    }
  }
  try {
    const top = (PARSER.parse(text) as FxpNode[]).filter((node) => !('#text' in node))
    if (top.length !== 1 || '#cdata' in top[0]!)
      throw new MalformedXml('The document must have exactly one root element.')
    const scope = new Map([['xml', XML_NAMESPACE]])
    return { ok: true, root: toElement(top[0]!, scope, 1) }
  } catch (error) {
    // The parser's own refusals (too deep a nesting) are malformations of the input too.
    const reason = error instanceof Error ? error.message : String(error)
    return { ok: false, reason: `The body is not well-formed XML: ${reason}` }
  }
}

function toElement(node: FxpNode, outer: Map<string, string>, depth: number): XmlElement {
  if (depth > MAX_XML_DEPTH)
    throw new MalformedXml(`Elements are nested deeper than ${MAX_XML_DEPTH} levels.`)
  // Plain loops, no intermediate arrays: this runs for every element of every SOAP request.
  let name = ''
  for (const key in node)
    if (key !== ':@') {
      name = key
      break
    }
  const raw = node[':@'] as Record<string, string> | undefined
  let scope = outer
  const attributes: XmlElement['attributes'] = []
  if (raw) {
    for (const attribute in raw) {
      if (attribute !== 'xmlns' && !attribute.startsWith('xmlns:')) continue
      if (scope === outer) scope = new Map(outer)
      scope.set(attribute === 'xmlns' ? '' : attribute.slice(6), decodeReferences(raw[attribute]!))
    }
    for (const attribute in raw) {
      if (attribute === 'xmlns' || attribute.startsWith('xmlns:')) continue
      const { ns, local } = resolve(attribute, scope, false)
      attributes.push({ ns, local, value: decodeReferences(raw[attribute]!) })
    }
  }
  const nodes = node[name] as FxpNode[]
  const children: (XmlElement | string)[] = new Array(nodes.length)
  for (let i = 0; i < nodes.length; i++) {
    const child = nodes[i]!
    if ('#text' in child) children[i] = decodeReferences(String(child['#text']))
    else if ('#cdata' in child) {
      let text = ''
      for (const c of child['#cdata'] as FxpNode[]) text += String(c['#text'] ?? '')
      children[i] = text
    } else children[i] = toElement(child, scope, depth + 1)
  }
  const { ns, local } = resolve(name, scope, true)
  return { ns, local, name, attributes, children }
}

/** `prefix:local` to its namespace; an unprefixed attribute is in no namespace. */
function resolve(
  qualified: string,
  scope: Map<string, string>,
  element: boolean,
): { ns: string; local: string } {
  const colon = qualified.indexOf(':')
  if (colon < 0) return { ns: element ? (scope.get('') ?? '') : '', local: qualified }
  const prefix = qualified.slice(0, colon)
  const ns = scope.get(prefix)
  if (ns === undefined) throw new MalformedXml(`'${prefix}' is an undeclared prefix.`)
  return { ns, local: qualified.slice(colon + 1) }
}

/**
 * Decodes `&amp;`-style and numeric references, strictly: anything else after `&` is malformed.
 * A numeric reference has at most 6 hexadecimal or 7 decimal digits (U+10FFFF is 1114111):
 * a longer one is a name, and undeclared.
 */
function decodeReferences(text: string): string {
  return decodeXmlReferences(text, {
    maxDigits: { hex: 6, decimal: 7 },
    onInvalid: refuseReference,
  })
}

function refuseReference(written: string, problem: ReferenceProblem): never {
  if (problem === 'unterminated')
    throw new MalformedXml(`"&" must start a reference, as in &amp; (${written}).`)
  if (problem === 'not-a-character')
    throw new MalformedXml(`${written} is not a legal XML character.`)
  throw new MalformedXml(`Reference to undeclared entity '${written.slice(1, -1)}'.`)
}
