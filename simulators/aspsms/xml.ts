/**
 * ASPSMS's XML interface ("xmlSMS"): an `<aspsms>` document POSTed to `xmlsvr.asp` on
 * `xml1.aspsms.com` / `xml2.aspsms.com` (ports 5061, 5098 or 80: the port plays no part), and
 * an `<aspsms>` document back. The document is read tolerantly (xml-parse.ts), its `Action`
 * mapped to one of the operations every interface shares, decided by {@link decideAspsms}, and
 * the answer written by {@link renderXmlReply}, the one place that knows the reply format.
 *
 * Wire choices (where the specification and the measured clients are silent, ours):
 * - "the xmlSMS server processes only POST requests": any other method is read as a POST with
 *   no document, so it answers MSXML's "XML document must have a top level element." in a
 *   normal reply (HTTP 200: an ASP page behind IIS answers every method, and maxkueng's client
 *   hangs on anything but 200). HEAD gets the same headers and no body.
 * - The body is read as XML whatever its Content-Type (tschiemer sends
 *   `application/x-www-form-urlencoded`, supcik none), and the query string is ignored.
 * - A document that is not well-formed answers ErrorCode {@link PARSER_ERROR_CODE} ("Invalid
 *   message data. Please verify the data.", what maxkueng's unescaped `&` in a message is) with
 *   the `ParserError*` elements of MSXML's `parseError`.
 * - A missing or unknown `Action` ("Action values are case sensitive", so `sendtextsms` is
 *   unknown, as are the SOAP-only operations) answers {@link UNKNOWN_ACTION_CODE} ("Not
 *   authorized for this operation."), before credentials are read.
 * - Element names are case sensitive as XML's are, with one alias: `UserKey` (the SOAP
 *   spelling) is read when `Userkey` is absent. The first of repeated elements counts, except
 *   `Recipient` and top-level `TransRefNumber`, which are lists. Values are trimmed (MSXML's
 *   `text`); elements an action does not use are ignored (supcik sends a previous send's
 *   `Originator`, `Recipient` and `MessageData` with InquireDeliveryNotifications).
 * - A `Recipient` without a `PhoneNumber` is no recipient (20 if none is left).
 *
 * @see shared/research/aspsms.md — §2 "XML interface", §5.1
 * @see shared/research/aspsms-clients.md — "XML interface", "What each client needs back"
 */
import { cutText, JOURNAL_FIELD_CHARS, JOURNAL_TEXT_CHARS } from '../core/bounds.ts'
import type { Effect } from '../core/effects.ts'
import type { HttpEndpoint, HttpResult, SimRequest } from '../core/provider.ts'
import type { StateView } from '../core/store.ts'
import { escapeXml, type XmlEscapeOptions } from '../core/xml.ts'
import { aspsmsStatusText } from './codes.ts'
import { formatAspsmsDate } from './dates.ts'
import { decideAspsms } from './decide.ts'
import {
  isListField,
  XML_ELEMENTS,
  XML_RECIPIENT,
  xmlElementOf,
  xmlOperationOf,
  type AspsmsOperation,
} from './operations.ts'
import type { AspsmsReply, DeliveryRecord } from './reply.ts'
import {
  aspsmsJournalFields,
  NAMED_FIELDS,
  yes,
  type AspsmsRecipient,
  type AspsmsRequest,
} from './request.ts'
import { ASPSMS_HOSTS, XML_PATH } from './wire.ts'
import { readXmlDocument, type XmlElement } from './xml-parse.ts'
import type { XmlParserError } from './xml-scan.ts'

/** ErrorCode of a document that is not well-formed (ours; XMLSPEC names none). */
export const PARSER_ERROR_CODE = 11
/** ErrorCode of a missing or unknown `Action` (ours; XMLSPEC names none). */
export const UNKNOWN_ACTION_CODE = 26
/** `<ErrorDescription>` of ErrorCode 1 (XMLSPEC §7.2.2; the other interfaces say `OK`). */
export const XML_OK = 'Ok'

/**
 * Elements read into the named fields of {@link AspsmsRequest}, all others going to `extra`:
 * the same parameters as every interface's ({@link NAMED_FIELDS}) under their XML names, but
 * the lists, which are elements of their own; `UserKey`, the SOAP spelling; and `Action`.
 */
const NAMED: ReadonlySet<string> = new Set([
  ...NAMED_FIELDS.filter((name) => !isListField(name)).map(xmlElementOf),
  'UserKey',
  'Action',
])

/** What one reply says, before it is written. */
export interface XmlAnswer {
  code: number
  creditsUsed?: number
  credits?: number
  notifications?: readonly DeliveryRecord[]
  parserError?: XmlParserError
}

/** The fields of a document, as read before the action is known. */
interface XmlFields {
  /** First occurrence of each element under `<aspsms>`; `VCard` children as `VCard.VName`. */
  values: Map<string, string>
  recipients: AspsmsRecipient[]
  transRefNumbers: string[]
}

/**
 * Reads the fields of an `<aspsms>` document.
 *
 * @example
 * fieldsOf(root) // { values: Map { 'Userkey' => 'K', 'Action' => 'ShowCredits' }, recipients: [], transRefNumbers: [] }
 */
function fieldsOf(root: XmlElement): XmlFields {
  const fields: XmlFields = { values: new Map(), recipients: [], transRefNumbers: [] }
  const keep = (name: string, text: string) => {
    if (!fields.values.has(name)) fields.values.set(name, text.trim())
  }
  const childText = (element: XmlElement, name: string) =>
    element.children.find((c) => c.name === name)?.text.trim() ?? ''
  for (const child of root.children) {
    if (child.name === XML_ELEMENTS.Recipients) {
      const number = childText(child, XML_RECIPIENT.number)
      const trn = childText(child, XML_RECIPIENT.trn)
      if (number !== '') fields.recipients.push(trn ? { number, trn } : { number })
    } else if (child.name === XML_ELEMENTS.TransactionReferenceNumbers) {
      if (child.text.trim() !== '') fields.transRefNumbers.push(child.text.trim())
    } else if (child.name === 'VCard') {
      for (const part of child.children) keep(`VCard.${part.name}`, part.text)
    } else keep(child.name, child.text)
  }
  return fields
}

/** The request of the shared decision, from the fields and the action's operation. */
function requestOf(operation: AspsmsOperation, fields: XmlFields): AspsmsRequest {
  const get = (name: string) => fields.values.get(name) ?? ''
  const extra: Record<string, string> = {}
  for (const [name, value] of fields.values) if (!NAMED.has(name)) extra[name] = value
  return {
    operation,
    transport: 'xml',
    userKey: get(XML_ELEMENTS.UserKey) || get('UserKey'),
    password: get('Password'),
    recipients: fields.recipients,
    originator: get('Originator'),
    text: get(XML_ELEMENTS.MessageText),
    deferredDeliveryTime: get('DeferredDeliveryTime'),
    timeZone: get('TimeZone'),
    flashing: yes(get('FlashingSMS')),
    forceGsm7: false,
    urlBuffered: get('URLBufferedMessageNotification'),
    urlDelivered: get('URLDeliveryNotification'),
    urlNonDelivered: get('URLNonDeliveryNotification'),
    affiliateId: get('AffiliateId'),
    transactionReferenceNumbers: fields.transRefNumbers,
    extra,
  }
}

/** What a decision's reply says in XML. */
function answerOf(reply: AspsmsReply): XmlAnswer {
  switch (reply.kind) {
    case 'status':
      return {
        code: reply.status,
        ...(reply.creditsUsed !== undefined ? { creditsUsed: reply.creditsUsed } : {}),
      }
    case 'credits':
      return { code: 1, credits: reply.credits }
    case 'notifications':
      return { code: 1, notifications: reply.records }
    default:
      // Texts and vouchers answer SOAP-only operations, which no XML action maps to.
      return { code: 1 }
  }
}

interface XmlOutcome {
  answer: XmlAnswer
  effects: Effect[]
  account?: string
  journal: Record<string, unknown>
  /** The password the document carries, right or wrong: masked in the journal. */
  secrets?: string[]
}

/** Reads, maps and decides one request. Pure. */
function decideXml(
  request: SimRequest,
  view: StateView,
  now: Date,
  refuse: number | undefined,
): XmlOutcome {
  // Only POST carries a document; anything else reads as an empty one.
  const body = request.method === 'POST' ? request.body : new Uint8Array()
  const read = readXmlDocument(body)
  if (!read.ok) {
    const { code, description, line, linePos } = read.error
    return {
      answer:
        refuse !== undefined
          ? { code: refuse }
          : { code: PARSER_ERROR_CODE, parserError: read.error },
      effects: [],
      journal: { bytes: body.byteLength, parserError: { code, description, line, linePos } },
    }
  }
  const fields = fieldsOf(read.root)
  const action = fields.values.get('Action') ?? ''
  // Flat strings, cut: the recipients as SOAP writes them (`number:TRN;…`).
  const recipients = fields.recipients.map((r) => (r.trn ? `${r.number}:${r.trn}` : r.number))
  const journal = {
    action: cutText(action, JOURNAL_FIELD_CHARS),
    fields: aspsmsJournalFields(fields.values),
    ...(recipients.length ? { recipients: cutText(recipients.join(';'), JOURNAL_TEXT_CHARS) } : {}),
    ...(fields.transRefNumbers.length
      ? { transRefNumbers: cutText(fields.transRefNumbers.join(';'), JOURNAL_TEXT_CHARS) }
      : {}),
  }
  const password = fields.values.get('Password')
  const secrets = password ? [password] : []
  const operation = xmlOperationOf(action)
  if (!operation)
    return { answer: { code: refuse ?? UNKNOWN_ACTION_CODE }, effects: [], journal, secrets }
  const decision = decideAspsms(requestOf(operation, fields), view, now, refuse)
  return {
    answer: answerOf(decision.reply),
    effects: decision.effects,
    ...(decision.account ? { account: decision.account } : {}),
    journal,
    secrets,
  }
}

function handleXmlSvr(
  request: SimRequest,
  view: StateView,
  now: Date,
  refuse?: number,
): HttpResult {
  const outcome = decideXml(request, view, now, refuse)
  return {
    response: {
      status: 200,
      headers: { 'content-type': 'text/xml' },
      body: request.method === 'HEAD' ? '' : renderXmlReply(outcome.answer),
    },
    effects: outcome.effects,
    journal: {
      transport: 'xml',
      request: { method: request.method, ...outcome.journal },
      code: outcome.answer.code,
      ...(outcome.account ? { account: outcome.account } : {}),
      ...(outcome.secrets?.length ? { secrets: outcome.secrets } : {}),
    },
  }
}

/**
 * Writes a reply. The one place that knows its form:
 * - it starts with exactly `<?xml version="1.0"?>` (tschiemer's client requires that string and
 *   dies on any other prolog), root `<aspsms>`;
 * - `ErrorCode` and a non-empty `ErrorDescription` always (maxkueng reads `[^<]+`);
 * - no element is ever empty (supcik and droe read every element's first text node): a value
 *   that is not known is left out, as the other interfaces do with short delivery records;
 * - one element per line, indented, so that `<DeliveryNotification>` too starts with a text
 *   node (droe reads `text` of every child of `<aspsms>`);
 * - characters outside printable ASCII as numeric references (`&#252;`), so that the reply
 *   reads the same whatever charset a client assumes.
 *
 * @see shared/research/aspsms.md — §2.4 "Reply document"
 * @example
 * renderXmlReply({ code: 1, credits: 2321.21 })
 * // '<?xml version="1.0"?>\n<aspsms>\n  <ErrorCode>1</ErrorCode>\n  <ErrorDescription>Ok</ErrorDescription>\n  <Credits>2321.21</Credits>\n</aspsms>\n'
 */
export function renderXmlReply(answer: XmlAnswer): string {
  const lines = ['<?xml version="1.0"?>', '<aspsms>']
  const element = (name: string, value: string | number | undefined, indent = '  ') => {
    const text = typeof value === 'number' ? formatNumber(value) : (value ?? '')
    if (text !== '') lines.push(`${indent}<${name}>${escapeXml(text, REPLY_TEXT)}</${name}>`)
  }
  element('ErrorCode', answer.code)
  element('ErrorDescription', errorDescription(answer.code))
  element('CreditsUsed', answer.creditsUsed)
  element('Credits', answer.credits)
  for (const record of answer.notifications ?? []) {
    lines.push('  <DeliveryNotification>')
    element('TransRefNumber', record.trn, '    ')
    element('DeliveryStatus', record.status, '    ')
    element('SubmissionDate', formatAspsmsDate(record.submittedAt), '    ')
    element('NotificationDate', formatAspsmsDate(record.notifiedAt), '    ')
    element('ReasonCode', record.reason, '    ')
    lines.push('  </DeliveryNotification>')
  }
  const parser = answer.parserError
  if (parser) {
    element('ParserErrorCode', parser.code)
    element('ParserErrorDescription', parser.description)
    element('ParserErrorFilePos', parser.filePos)
    element('ParserErrorLine', parser.line)
    element('ParserErrorLinePos', parser.linePos)
    element('ParserErrorSrcText', parser.srcText)
  }
  lines.push('</aspsms>')
  return `${lines.join('\n')}\n`
}

/** `Ok` for 1, the code table's text otherwise (never empty). */
function errorDescription(code: number): string {
  if (code === 1) return XML_OK
  return aspsmsStatusText(code) ?? `Error ${code}`
}

/** Integers as integers, fractions as they are (`2321.21`), float noise rounded away. */
function formatNumber(value: number): string {
  return Number.isInteger(value) ? String(value) : value.toFixed(4).replace(/\.?0+$/, '')
}

/**
 * How the reply writes text: `& < >` escaped and everything outside printable ASCII as a decimal
 * reference (tab and line breaks included); a character XML cannot carry (a control a client
 * sent, which `srcText` echoes) becomes `&#65533;`.
 */
const REPLY_TEXT: XmlEscapeOptions = {
  literalUpTo: 0x7e,
  whitespaceAsReferences: true,
  invalid: '&#65533;',
}

/**
 * The endpoint at `http://xml1.aspsms.com:5061/xmlsvr.asp` (and xml2, any port), and
 * `/aspsms/xmlsvr.asp` on smsim.
 */
export const ASPSMS_XML: HttpEndpoint = {
  name: 'xmlsvr.asp',
  hosts: ASPSMS_HOSTS.xml,
  paths: [XML_PATH],
  caseInsensitive: true,
  handle: handleXmlSvr,
}
