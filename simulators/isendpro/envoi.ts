/**
 * Reads the `<envoi>` block of a mail's plain-text body: the one place where the request's
 * XML is parsed. Safe by construction — a body that declares a DOCTYPE or an ENTITY is refused
 * before any parser sees it (no entity expansion, no external entity), the block is bounded in
 * size, and fast-xml-parser only ever reads a well-formed, declaration-free fragment.
 *
 * What it tolerates, because people write these mails by hand: text around the block (a
 * greeting, a signature, a disclaimer), an XML declaration before it, CRLF and indentation,
 * element names in any case, the five XML entities and numeric references, CDATA sections, a
 * bare `&` (read as a literal `&`), and long lines a mail client wrapped (a line break inside
 * a value is a space: the document asks for `Ö` where the SMS should break a line). Quoted
 * lines (`> …`, a reply's quote of an earlier mail) are not read.
 *
 * @see shared/specs/003_757a0a2884dd0a0c.txt — III "L'e-mail attendu doit contenir des données
 * formatées type XML dans le corps du message", "Remarques"
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser'
import { decodeXmlReferences, escapeXml } from '../core/xml.ts'

/**
 * Longest `<envoi>` block read, in characters. The largest legitimate one — 500 recipients,
 * each with a personal text of 918 characters (6 parts), written with numeric references —
 * stays under half of it; anything longer is not an iSendPro request and is not parsed.
 */
export const MAX_ENVOI_CHARS = 1_048_576

/**
 * Deepest nesting of elements inside `<envoi>` that is read; deeper is a malformed block (not
 * processed, as any other). A request is one level deep (`<envoi><num>`); markup a person
 * pastes into a value (`<sms><b>…</b></sms>`) adds a few more, and is ignored. The bound keeps
 * fast-xml-parser's tree, and its recursive conversion of that tree to objects, shallow: it
 * throws past its own default (the same 100) and smsim reported that as an internal error.
 */
export const MAX_ENVOI_DEPTH = 100

/**
 * Longest reason kept for a malformed block (`detail`, in the journal). The parser's messages
 * are short, except the validator's for unclosed elements, which lists every one of them: 2.4
 * MB for a 1 MiB block of `<a>`. The journal keeps why, not a copy of the request.
 */
export const MAX_DETAIL_CHARS = 200

/** The highest `X` of `numX` / `smsX` ("X est un entier allant de 1 à 500 au maximum"). */
export const MAX_INDEX = 500

/** The fields of an `<envoi>`, as written (entities decoded, wrapped lines joined, trimmed). */
export interface Envoi {
  /** `undefined` when the element is absent, `''` when it is empty. */
  keyid?: string
  emailId?: string
  emailAck?: string
  emailNot?: string
  emetteur?: string
  tracker?: string
  smslong?: string
  nostop?: string
  /** The message for every recipient without an `smsX` of their own. */
  sms?: string
  /** `num` (index 0) then `num1`…`num500` in index order, values as written (maybe empty). */
  nums: { index: number; value: string }[]
  /** `smsX` by `X`. */
  smsByIndex: ReadonlyMap<number, string>
  /** A `numX` or `smsX` with `X` over {@link MAX_INDEX} was given. */
  beyondMaxIndex: boolean
  /** Elements the document does not list, ignored (for the journal). */
  ignored: string[]
}

/** Why a body holds no request smsim can read: the mail is not processed at all. */
export type UnreadableReason = 'no-envoi' | 'declaration' | 'too-large' | 'malformed'

export type EnvoiReading =
  { ok: true; envoi: Envoi } | { ok: false; reason: UnreadableReason; detail?: string }

/** A DOCTYPE or ENTITY declaration anywhere: the billion-laughs and XXE family. */
const DECLARATION = /<!(?:DOCTYPE|ENTITY)/i

/** An `&` that starts no entity reference: a human's "Tom & Jerry". */
const BARE_AMPERSAND = /&(?!#\d+;|#x[0-9a-f]+;|[a-z][a-z0-9]*;)/gi

/** A CDATA section: its text is taken as is. */
const CDATA = /<!\[CDATA\[([\s\S]*?)\]\]>/g

const parser = new XMLParser({
  ignoreAttributes: true,
  // Keep "0601020304" a string: never a number.
  parseTagValue: false,
  trimValues: false,
  // References are decoded by decodeReferences, once per value and only where there is an
  // `&`: the parser's own pass runs every entity pattern over every value, and costs more
  // than the rest of a 500-recipient mail.
  processEntities: false,
  ignoreDeclaration: true,
  ignorePiTags: true,
  isArray: () => true,
  // @note The parser counts the levels above an element: with N, `<envoi>` and N levels inside
  // it are read (envoi.test.ts pins both sides of the bound).
  maxNestedTags: MAX_ENVOI_DEPTH,
})

/** The single fields, by their name in lower case. */
const SINGLE_FIELDS = {
  keyid: 'keyid',
  emailid: 'emailId',
  emailack: 'emailAck',
  emailnot: 'emailNot',
  emetteur: 'emetteur',
  tracker: 'tracker',
  smslong: 'smslong',
  nostop: 'nostop',
  sms: 'sms',
} as const satisfies Record<string, keyof Envoi>

/**
 * Finds and reads the `<envoi>` block of a plain-text body.
 *
 * @example
 * readEnvoi('Bonjour,\n<envoi><keyid>k</keyid><num>0601020304</num><sms>Salut</sms><emailId>1</emailId></envoi>\n-- \nJean')
 * // { ok: true, envoi: { keyid: 'k', emailId: '1', sms: 'Salut', nums: [{ index: 0, value: '0601020304' }], … } }
 * readEnvoi('<!DOCTYPE lolz [<!ENTITY lol "lol">]><envoi>…</envoi>') // { ok: false, reason: 'declaration' }
 */
export function readEnvoi(text: string): EnvoiReading {
  if (DECLARATION.test(text)) return { ok: false, reason: 'declaration' }
  const block = findEnvoiBlock(unquoted(text))
  if (block === undefined) return { ok: false, reason: 'no-envoi' }
  if (block.length > MAX_ENVOI_CHARS) return { ok: false, reason: 'too-large' }
  const xml = escapeCdata(block.replace(BARE_AMPERSAND, '&amp;'))
  const valid = XMLValidator.validate(xml)
  if (valid !== true) return { ok: false, reason: 'malformed', detail: bounded(valid.err.msg) }
  let parsed: { envoi?: unknown[] }
  try {
    parsed = parser.parse(xml) as { envoi?: unknown[] }
  } catch (error) {
    // Well-formed, yet refused by the parser: nested past MAX_ENVOI_DEPTH, or an element named
    // `__proto__`, `constructor` or `prototype` (it refuses those against prototype pollution).
    // The client's XML, not smsim's failure: a malformed block like any other.
    return { ok: false, reason: 'malformed', detail: parserRefusal(error) }
  }
  const root = parsed.envoi?.[0]
  return { ok: true, envoi: toEnvoi(typeof root === 'object' && root !== null ? root : {}) }
}

/** Why fast-xml-parser refused a well-formed block, for the journal. */
function parserRefusal(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error)
  if (message === 'Maximum nested tags exceeded') {
    return `elements nested deeper than ${MAX_ENVOI_DEPTH} inside <envoi>`
  }
  return bounded(message)
}

function bounded(detail: string): string {
  return detail.length > MAX_DETAIL_CHARS ? `${detail.slice(0, MAX_DETAIL_CHARS)}…` : detail
}

/**
 * Every CDATA section's text made escaped text, so that one decoding pass reads everything.
 * The pattern only runs up to the last `]]>`: tried at each `<![CDATA[` that no `]]>` follows,
 * it would read to the end of the block every time (quadratic, issue 10); there, every try
 * finds its end.
 *
 * @example
 * escapeCdata('<sms><![CDATA[Tom & Jerry]]></sms>') // '<sms>Tom &amp; Jerry</sms>'
 */
export function escapeCdata(xml: string): string {
  const end = xml.lastIndexOf(']]>') + ']]>'.length
  if (end < ']]>'.length) return xml
  const sections = xml
    .slice(0, end)
    .replace(CDATA, (_section, text: string) => escapeXml(text, { invalid: null }))
  return sections + xml.slice(end)
}

/** The text without the lines of a quote (`> …`), when there are any. */
function unquoted(text: string): string {
  if (!/^[ \t]*>/m.test(text)) return text
  return text
    .split('\n')
    .filter((line) => !/^[ \t]*>/.test(line))
    .join('\n')
}

/** From the first `<envoi>` to the first `</envoi>` after it; `undefined` without both. */
function findEnvoiBlock(text: string): string | undefined {
  const open = /<envoi(?=[\s>])/.exec(text)
  if (!open) return undefined
  const close = /<\/envoi\s*>/.exec(text.slice(open.index))
  // An opening tag without its end still goes to the validator, which says what is wrong.
  if (!close) return text.slice(open.index)
  return text.slice(open.index, open.index + close.index + close[0].length)
}

function toEnvoi(root: object): Envoi {
  const envoi: Envoi = { nums: [], smsByIndex: new Map(), beyondMaxIndex: false, ignored: [] }
  // By index: `<num1>` and `<NUM1>` are the same field, the later one wins.
  const nums = new Map<number, string>()
  const smsByIndex = new Map<number, string>()
  for (const [name, raw] of Object.entries(root)) {
    if (name === '#text') continue
    const value = textOf(raw)
    const lower = name.toLowerCase()
    const single = SINGLE_FIELDS[lower as keyof typeof SINGLE_FIELDS]
    if (single) {
      envoi[single] = value
      continue
    }
    const indexed = /^(num|sms)([1-9]\d*)$/.exec(lower)
    if (lower === 'num') nums.set(0, value)
    else if (indexed) {
      const index = Number(indexed[2])
      if (index > MAX_INDEX) envoi.beyondMaxIndex = true
      else if (indexed[1] === 'num') nums.set(index, value)
      else smsByIndex.set(index, value)
    } else envoi.ignored.push(name)
  }
  envoi.nums = [...nums].sort((a, b) => a[0] - b[0]).map(([index, value]) => ({ index, value }))
  envoi.smsByIndex = smsByIndex
  return envoi
}

/**
 * The text of an element: the last one when it is repeated (ours: a later value corrects an
 * earlier one), its character data when it holds markup, with wrapped lines joined.
 */
function textOf(raw: unknown): string {
  const last = Array.isArray(raw) ? raw[raw.length - 1] : raw
  const text =
    typeof last === 'string'
      ? last
      : typeof last === 'object' && last !== null && '#text' in last
        ? String((last as { '#text': unknown })['#text'])
        : ''
  return decodeReferences(joinLines(text).trim())
}

/**
 * Wrapped lines joined: each line break, with the spaces and tabs around it, becomes one space
 * — what a global `[ \t]*\r?\n[ \t]*` replaces, without trying the pattern at each space of a
 * long run that no line break follows (quadratic, issue 10).
 *
 * @example
 * joinLines('Bonjour  \r\n   Jean') // 'Bonjour Jean'
 */
export function joinLines(text: string): string {
  if (!text.includes('\n')) return text
  const lines = text.split('\n')
  return lines
    .map((line, i) => {
      let start = 0
      let end = line.length
      if (i > 0) while (start < end && isSpaceOrTab(line[start]!)) start++
      if (i < lines.length - 1) {
        if (line[end - 1] === '\r') end--
        while (end > start && isSpaceOrTab(line[end - 1]!)) end--
      }
      return line.slice(start, end)
    })
    .join(' ')
}

const isSpaceOrTab = (char: string) => char === ' ' || char === '\t'

/**
 * Decodes the references of a value, leniently as a hand-written `<envoi>` needs: names without
 * case (`&AMP;`), any character a text can hold (a control too); a reference to no character
 * (`&#0;`, `&#x110000;`), or to an unknown entity, is kept as written.
 *
 * @example
 * decodeReferences('L&#233;a &amp; Tom &#x20AC;') // 'Léa & Tom €'
 */
export function decodeReferences(value: string): string {
  return decodeXmlReferences(value, { ignoreCase: true, characters: 'unicode' })
}
