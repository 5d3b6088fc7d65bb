/**
 * Reading the XML interface's request document as tolerantly as real clients need, and refusing
 * what is not XML the way the real server's parser (MSXML) does, at the place it stops.
 *
 * Two passes over the decoded text:
 * 1. a well-formedness scan that reports MSXML's error and position (xml-scan.ts);
 * 2. fast-xml-parser builds the tree of a document the scan accepted (here). Its entity handling
 *    is off: the five XML entities and numeric references are decoded here, nothing else exists
 *    (no DOCTYPE gets through the scan, so no entity can be declared, expanded or fetched).
 *
 * What is tolerated (research aspsms-clients.md, "XML interface"): any XML declaration that
 * names a charset we read (`'1.0'` in single quotes, none at all), whitespace before it (a
 * leading newline), CRLF or LF, self-closing empty elements. The bytes decide the charset, not
 * the declaration: valid UTF-8 is UTF-8 (droe declares ISO-8859-1 and may send UTF-8),
 * anything else windows-1252 (tschiemer's raw ISO-8859-1).
 *
 * @see shared/research/aspsms.md — §2.2 "Encoding", §2.4 "Parser errors"
 */
import { XMLParser } from 'fast-xml-parser'
import { decodeText } from '../core/charset.ts'
import { decodeXmlReferences } from '../core/xml.ts'
import { checkWellFormed, MAX_ELEMENT_DEPTH, type XmlParserError } from './xml-scan.ts'

/** Element levels kept in the tree: `<aspsms>`, its children, theirs (`Recipient`, `VCard`). */
const KEPT_LEVELS = 3

/** An element as the decision needs it: its own text (references decoded) and children. */
export interface XmlElement {
  name: string
  text: string
  children: XmlElement[]
}

export type XmlRead = { ok: true; root: XmlElement } | { ok: false; error: XmlParserError }

/**
 * Reads a request body.
 *
 * @example
 * readXmlDocument(Buffer.from('<aspsms><Action>ShowCredits</Action></aspsms>'))
 * // { ok: true, root: { name: 'aspsms', text: '', children: [{ name: 'Action', text: 'ShowCredits', children: [] }] } }
 * readXmlDocument(Buffer.from(''))
 * // { ok: false, error: { code: -1072896680, description: 'XML document must have a top level element.', … } }
 */
export function readXmlDocument(bytes: Uint8Array): XmlRead {
  let text = decodeText(bytes)
  if (text.startsWith('\uFEFF')) text = text.slice(1)
  const error = checkWellFormed(text)
  if (error) return { ok: false, error }
  return { ok: true, root: buildTree(text) }
}

/**
 * Element names get a prefix no XML name can start with, so that none is a reserved JavaScript
 * property (`__proto__`, which fast-xml-parser refuses) or the parser's own `#text`. Idempotent:
 * the parser applies it twice to self-closing elements.
 */
const TAG = '#el:'
const tagKey = (name: string) => (name.startsWith(TAG) ? name : `${TAG}${name}`)
const isTag = (key: string) => key.startsWith(TAG)
const tagName = (key: string) => key.slice(TAG.length)
const CDATA = '#cdata'

const PARSER = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: true,
  ignoreDeclaration: true,
  ignorePiTags: true,
  processEntities: false,
  htmlEntities: false,
  parseTagValue: false,
  trimValues: false,
  cdataPropName: CDATA,
  transformTagName: tagKey,
  maxNestedTags: MAX_ELEMENT_DEPTH + 1,
})

type OrderedNodes = Record<string, unknown>[]

/** The tree of a well-formed document (the scan ran first). */
function buildTree(s: string): XmlElement {
  const top = PARSER.parse(s) as OrderedNodes
  for (const node of top) {
    const key = Object.keys(node).find(isTag)
    if (key) return toElement(tagName(key), node[key] as OrderedNodes, 1)
  }
  throw new Error('smsim: a well-formed document has a root element')
}

function toElement(name: string, nodes: OrderedNodes, level: number): XmlElement {
  const element: XmlElement = { name, text: '', children: [] }
  for (const node of nodes) {
    for (const [key, value] of Object.entries(node)) {
      if (key === '#text') element.text += decodeXmlReferences(normalizeNewlines(String(value)))
      else if (key === CDATA)
        element.text += (value as OrderedNodes)
          .map((t) => normalizeNewlines(String(t['#text'] ?? '')))
          .join('')
      else if (isTag(key) && level < KEPT_LEVELS)
        element.children.push(toElement(tagName(key), value as OrderedNodes, level + 1))
    }
  }
  return element
}

/** XML's end-of-line handling: CRLF and CR read as LF (before references, so `&#13;` stays). */
const normalizeNewlines = (raw: string) => raw.replace(/\r\n?/g, '\n')
