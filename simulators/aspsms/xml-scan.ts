/**
 * The well-formedness scan of the XML interface's request documents: the first error MSXML
 * would report, with its code, its text and the place it stops (`xml-errors.ts` holds MSXML's
 * codes and texts). It is ours, not fast-xml-parser's validator, because that validator accepts
 * what MSXML refuses (undefined entities, a second self-closing root, DOCTYPEs, control
 * characters) and reports unclosed tags where they open, while MSXML stops at the end of the
 * input. xml-parse.ts builds the tree of what it accepts.
 *
 * @see shared/research/aspsms.md — §2.4 "Parser errors"
 */
import { isXmlChar, PREDEFINED_ENTITIES } from '../core/xml.ts'
import { msxmlErrorCode, msxmlReason, type MsxmlError } from './xml-errors.ts'

/** Deepest nesting read (MSXML 6's `MaxElementDepth`); the parser's cost grows with depth². */
export const MAX_ELEMENT_DEPTH = 256
/**
 * Longest `srcText` echoed: MSXML gives the whole line, but a one-line body may be 256 KiB; a
 * window around the error is kept instead.
 */
export const MAX_SRC_TEXT = 1024

/** Charsets a declaration may name: those the bytes are read in (other names are refused). */
const ENCODINGS = new Set([
  'iso-8859-1',
  'iso8859-1',
  'iso_8859-1',
  'latin1',
  'l1',
  'windows-1252',
  'cp1252',
  'us-ascii',
  'ascii',
  'utf-8',
  'utf8',
])

/** MSXML's `parseError`, as the reply's `ParserError*` elements show it. */
export interface XmlParserError {
  code: number
  description: string
  /** Characters before the point where parsing stopped. */
  filePos: number
  /** 1-based; 0 for an empty document, as MSXML. */
  line: number
  /** 1-based column of that point. */
  linePos: number
  /** The text of that line. */
  srcText: string
}

interface Failure {
  error: MsxmlError
  at: number
  args?: string[]
}

/** A scan step: the index after what was read, or why reading stopped. */
type Step = number | Failure

/**
 * The first well-formedness error of a decoded document, as MSXML reports it, or `undefined`
 * when the document is well-formed.
 *
 * @example
 * checkWellFormed('<aspsms><Action>ShowCredits</Action></aspsms>') // undefined
 * checkWellFormed('')
 * // { code: -1072896680, description: 'XML document must have a top level element.', filePos: 0, line: 0, … }
 */
export function checkWellFormed(text: string): XmlParserError | undefined {
  const failure = scan(text)
  return failure ? locate(text, failure) : undefined
}

const fail = (error: MsxmlError, at: number, args?: string[]): Failure => ({
  error,
  at,
  ...(args ? { args } : {}),
})

const isDigit = (c: number) => c >= 0x30 && c <= 0x39
const isHexDigit = (c: number) => isDigit(c) || (c >= 0x41 && c <= 0x46) || (c >= 0x61 && c <= 0x66)
const isSpace = (c: number) => c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d

/** XML 1.0 `Name` (surrogate pairs stand for the astral name characters). */
const NAME =
  /[:A-Z_a-z\u00C0-\u00D6\u00D8-\u00F6\u00F8-\u02FF\u0370-\u037D\u037F-\u1FFF\u200C-\u200D\u2070-\u218F\u2C00-\u2FEF\u3001-\uD7FF\uF900-\uFDCF\uFDF0-\uFFFD\uD800-\uDBFF][-.0-9:A-Z_a-z\u00B7\u00C0-\u00D6\u00D8-\u00F6\u00F8-\u037D\u037F-\u1FFF\u200C-\u200D\u203F\u2040\u2070-\u218F\u2C00-\u2FEF\u3001-\uD7FF\uF900-\uFDCF\uFDF0-\uFFFD\uD800-\uDFFF]*/y

function nameLength(s: string, at: number): number {
  NAME.lastIndex = at
  return NAME.exec(s)?.[0].length ?? 0
}

function skipSpaces(s: string, at: number): number {
  while (at < s.length && isSpace(s.charCodeAt(at))) at++
  return at
}

/** The first well-formedness error of the document, or `undefined`. */
function scan(s: string): Failure | undefined {
  const open: string[] = []
  let rootSeen = false
  let markupSeen = false
  let i = 0
  while (i < s.length) {
    if (s[i] !== '<') {
      if (open.length === 0) {
        if (!isSpace(s.charCodeAt(i))) return fail('INVALIDATROOTLEVEL', i)
        i++
        continue
      }
      const step = s[i] === '&' ? reference(s, i) : text(s, i)
      if (typeof step !== 'number') return step
      i = step
      continue
    }
    let step: Step
    const next = s[i + 1]
    if (next === '?') step = instruction(s, i, !markupSeen)
    else if (next === '!') step = declaration(s, i, open.length > 0, rootSeen)
    else if (next === '/') step = endTag(s, i, open)
    else if (rootSeen && open.length === 0) return fail('MULTIPLEROOTS', i + 1)
    else {
      step = startTag(s, i, open)
      rootSeen = true
    }
    if (typeof step !== 'number') return step
    markupSeen = true
    i = step
  }
  if (open.length > 0) return fail('UNCLOSEDTAG', s.length, [open.join(', ')])
  if (!rootSeen) return fail('MISSINGROOT', s.length)
  return undefined
}

/** Character data up to the next `<` or `&`. */
function text(s: string, i: number): Step {
  for (; i < s.length; i++) {
    const c = s.charCodeAt(i)
    if (c === 0x3c || c === 0x26) return i
    if ((c < 0x20 && !isSpace(c)) || c === 0xfffe || c === 0xffff) return fail('BADCHARDATA', i)
    if (c === 0x5d && s.startsWith(']]>', i)) return fail('INVALID_CDATACLOSINGTAG', i)
  }
  return i
}

/** `&name;`, `&#ddd;` or `&#xhh;`: only the five XML entities exist. */
function reference(s: string, i: number): Step {
  const j = i + 1
  if (j >= s.length) return fail('UNEXPECTEDEOF', s.length)
  if (s[j] === '#') {
    const hex = s[j + 1] === 'x'
    const start = j + (hex ? 2 : 1)
    let k = start
    while (k < s.length && (hex ? isHexDigit : isDigit)(s.charCodeAt(k))) k++
    if (k >= s.length) return fail('UNEXPECTEDEOF', s.length)
    if (s[k] !== ';' || k === start) return fail(hex ? 'INVALID_HEXIDECIMAL' : 'INVALID_DECIMAL', k)
    if (!isXmlChar(parseInt(s.slice(start, k), hex ? 16 : 10)))
      return fail('INVALID_UNICODE', start)
    return k + 1
  }
  if (isSpace(s.charCodeAt(j))) return fail('UNEXPECTED_WHITESPACE', j)
  const length = nameLength(s, j)
  if (length === 0) return fail('BADSTARTNAMECHAR', j)
  const k = j + length
  if (k >= s.length) return fail('UNEXPECTEDEOF', s.length)
  if (s[k] !== ';') return fail('MISSINGSEMICOLON', k)
  const name = s.slice(j, k)
  return PREDEFINED_ENTITIES.has(name) ? k + 1 : fail('ENTITY_UNDEFINED', j, [name])
}

/** `<?target …?>`, and the XML declaration when it comes first. */
function instruction(s: string, i: number, first: boolean): Step {
  const at = i + 2
  const length = nameLength(s, at)
  if (length === 0)
    return at >= s.length ? fail('UNCLOSEDPI', s.length) : fail('BADSTARTNAMECHAR', at)
  const name = s.slice(at, at + length)
  if (name === 'xml') return first ? xmlDeclaration(s, at + length) : fail('BADXMLDECL', at)
  if (name.toLowerCase() === 'xml') return fail('BADXMLCASE', at)
  const after = at + length
  if (after < s.length && !isSpace(s.charCodeAt(after)) && !s.startsWith('?>', after))
    return fail('BADNAMECHAR', after)
  const end = s.indexOf('?>', after)
  return end < 0 ? fail('UNCLOSEDPI', s.length) : end + 2
}

/** `version`, then `encoding`, then `standalone`, in that order, quoted either way. */
function xmlDeclaration(s: string, from: number): Step {
  const order = ['version', 'encoding', 'standalone']
  let next = 0
  let k = from
  for (;;) {
    const p = skipSpaces(s, k)
    if (p >= s.length) return fail('UNCLOSEDPI', s.length)
    if (s.startsWith('?>', p)) return next === 0 ? fail('EXPECTING_VERSION', p) : p + 2
    if (p === k) return fail('MISSINGWHITESPACE', p)
    const length = nameLength(s, p)
    const name = s.slice(p, p + length)
    if (next === 0 && name !== 'version') return fail('EXPECTING_VERSION', p)
    if (order.indexOf(name) < next) return fail('XMLDECLSYNTAX', p)
    next = order.indexOf(name) + 1
    let q = skipSpaces(s, p + length)
    if (q >= s.length) return fail('UNCLOSEDPI', s.length)
    if (s[q] !== '=') return fail('MISSINGEQUALS', q)
    q = skipSpaces(s, q + 1)
    if (q >= s.length) return fail('UNCLOSEDPI', s.length)
    const quote = s[q]!
    if (quote !== '"' && quote !== "'") return fail('MISSINGQUOTE', q)
    const close = s.indexOf(quote, q + 1)
    if (close < 0) return fail('UNCLOSEDSTRING', s.length)
    const value = s.slice(q + 1, close)
    if (name === 'version' && !/^1\.[0-9]+$/.test(value)) return fail('INVALID_VERSION', q + 1)
    if (name === 'encoding' && !ENCODINGS.has(value.toLowerCase()))
      return fail('INVALIDENCODING', q + 1)
    if (name === 'standalone' && value !== 'yes' && value !== 'no')
      return fail('INVALID_STANDALONE', q + 1)
    k = close + 1
  }
}

/** `<!--…-->`, `<![CDATA[…]]>`; every DTD declaration is refused. */
function declaration(s: string, i: number, inElement: boolean, rootSeen: boolean): Step {
  if (s.startsWith('<!--', i)) {
    const end = s.indexOf('--', i + 4)
    if (end < 0 || end + 2 >= s.length) return fail('UNCLOSEDCOMMENT', s.length)
    return s[end + 2] === '>' ? end + 3 : fail('COMMENTSYNTAX', end)
  }
  if (s.startsWith('<![CDATA[', i)) {
    if (!inElement) return fail('INVALIDATROOTLEVEL', i)
    const end = s.indexOf(']]>', i + 9)
    return end < 0 ? fail('UNCLOSEDCDATA', s.length) : end + 3
  }
  if (s.startsWith('<!DOCTYPE', i))
    return fail(inElement || rootSeen ? 'DOCTYPE_OUTSIDE_PROLOG' : 'DTD_PROHIBITED', i)
  return i + 2 >= s.length ? fail('UNCLOSEDDECL', s.length) : fail('DTDELEMENT_OUTSIDE_DTD', i)
}

function startTag(s: string, i: number, open: string[]): Step {
  const at = i + 1
  if (at >= s.length) return fail('UNCLOSEDDECL', s.length)
  const length = nameLength(s, at)
  if (length === 0) return fail('BADSTARTNAMECHAR', at)
  if (open.length >= MAX_ELEMENT_DEPTH) return fail('STOPPED_DEPTH', i)
  const name = s.slice(at, at + length)
  const seen = new Set<string>()
  let k = at + length
  for (;;) {
    const p = skipSpaces(s, k)
    if (p >= s.length) return fail('UNCLOSEDSTARTTAG', s.length)
    if (s[p] === '>') {
      open.push(name)
      return p + 1
    }
    if (s[p] === '/') {
      if (p + 1 >= s.length) return fail('UNCLOSEDSTARTTAG', s.length)
      return s[p + 1] === '>' ? p + 2 : fail('EXPECTINGTAGEND', p + 1)
    }
    if (p === k) return fail(k === at + length ? 'BADNAMECHAR' : 'MISSINGWHITESPACE', p)
    const attrLength = nameLength(s, p)
    if (attrLength === 0) return fail('BADSTARTNAMECHAR', p)
    const attr = s.slice(p, p + attrLength)
    if (seen.has(attr)) return fail('DUPLICATEATTRIBUTE', p)
    seen.add(attr)
    let q = skipSpaces(s, p + attrLength)
    if (q >= s.length) return fail('UNCLOSEDSTARTTAG', s.length)
    if (s[q] !== '=') return fail('MISSINGEQUALS', q)
    q = skipSpaces(s, q + 1)
    if (q >= s.length) return fail('UNCLOSEDSTARTTAG', s.length)
    const quote = s[q]
    if (quote !== '"' && quote !== "'") return fail('MISSINGQUOTE', q)
    let v = q + 1
    while (s[v] !== quote) {
      if (v >= s.length) return fail('UNCLOSEDSTRING', s.length)
      if (s[v] === '<') return fail('BADCHARINSTRING', v)
      const step = s[v] === '&' ? reference(s, v) : v + 1
      if (typeof step !== 'number') return step
      v = step
    }
    k = v + 1
  }
}

function endTag(s: string, i: number, open: string[]): Step {
  const at = i + 2
  const length = nameLength(s, at)
  if (at + length >= s.length) return fail('UNCLOSEDENDTAG', s.length)
  if (length === 0) return fail('BADSTARTNAMECHAR', at)
  const name = s.slice(at, at + length)
  const current = open.at(-1)
  if (current === undefined) return fail('UNEXPECTEDENDTAG', at)
  if (name !== current) return fail('ENDTAGMISMATCH', at, [current, name])
  const p = skipSpaces(s, at + length)
  if (p >= s.length) return fail('UNCLOSEDENDTAG', s.length)
  if (s[p] !== '>') return fail('EXPECTINGTAGEND', p)
  open.pop()
  return p + 1
}

/** Line (CRLF, CR and LF each end one), column and the line's text of a failure. */
function locate(s: string, failure: Failure): XmlParserError {
  const at = failure.at
  const code = msxmlErrorCode(failure.error)
  const description = msxmlReason(failure.error, failure.args)
  if (s.length === 0) return { code, description, filePos: 0, line: 0, linePos: 0, srcText: '' }
  let line = 1
  let lineStart = 0
  for (let k = 0; k < at; k++) {
    const c = s.charCodeAt(k)
    if (c === 0x0d && s.charCodeAt(k + 1) === 0x0a) k++
    if (c === 0x0a || c === 0x0d) {
      line++
      lineStart = k + 1
    }
  }
  let lineEnd = lineStart
  while (lineEnd < s.length && s[lineEnd] !== '\n' && s[lineEnd] !== '\r') lineEnd++
  const from = Math.max(lineStart, Math.min(at - MAX_SRC_TEXT / 2, lineEnd - MAX_SRC_TEXT))
  const srcText = s.slice(from, Math.min(lineEnd, from + MAX_SRC_TEXT))
  return { code, description, filePos: at, line, linePos: at - lineStart + 1, srcText }
}
