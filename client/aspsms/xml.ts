/**
 * A typed client of ASPSMS's XML interface (`xmlsvr.asp`): an `<aspsms>` document that begins
 * with exactly `<?xml version="1.0" encoding="ISO-8859-1"?>`, sent as ISO-8859-1 bytes with
 * characters 38, 60, 62 and 128–255 written as numeric references (`&#38;`, `&#252;`), CRLF
 * after every line; the reply's `<ErrorCode>`, `<ErrorDescription>`, `<Credits>`,
 * `<CreditsUsed>` and `<DeliveryNotification>` read into {@link AspsmsResult}.
 *
 * The XML interface has no Unicode text action: {@link AspsmsXmlClient.sendUnicode} sends
 * SendBinaryData with `XSer` `020108` (UCS-2; `020118` flashing) and the text as UCS-2 hex,
 * as XMLSPEC §6.3.9.1 shows. It has no security tokens either.
 *
 * @see shared/research/aspsms.md — §2 "XML interface"
 */
import {
  XML_ELEMENTS,
  XML_RECIPIENT,
  xmlActionOf,
  xmlOperationOf,
  type AsmxField,
  type XmlOperation,
} from '../../simulators/aspsms/wire.ts'
import { charsetOf, decodeText } from '../../simulators/core/charset.ts'
import { escapeXml } from '../../simulators/core/xml.ts'
import {
  ASPSMS_DEFAULT_URLS,
  exchange,
  resolveOptions,
  resultOf,
  unreadable,
  type AspsmsClientOptions,
  type AspsmsCommonClient,
  type AspsmsResult,
  type AspsmsSendInput,
  type ResolvedOptions,
} from './common.ts'
import { recipientList } from './fields.ts'
import { deliveryRecord, formatDeferred, parseAspsmsDate } from './records.ts'
import { elementText } from './xml-text.ts'

/** "All XML documents have to begin with the following XML declaration" (XMLSPEC §4). */
export const XML_PROLOG = '<?xml version="1.0" encoding="ISO-8859-1"?>'

/**
 * Text for an element: 38, 60, 62 and 128–255 as numeric references (XMLSPEC §5). A character
 * above 255 cannot be written in ISO-8859-1: RangeError (use sendUnicode).
 *
 * @example
 * encodeXmlText('Grüezi & <Tarzan>') // 'Gr&#252;ezi &#38; &#60;Tarzan&#62;'
 */
export function encodeXmlText(text: string): string {
  const beyond = /[\u0100-\u{10ffff}]/u.exec(text)
  if (beyond)
    throw new RangeError(`"${beyond[0]}" cannot be sent through the XML interface; use sendUnicode`)
  return escapeXml(text, { numeric: true, literalUpTo: 0x7f, invalid: null })
}

/**
 * The `<aspsms>` document: one element per line, CRLF line ends (XMLSPEC §6.1.3: "you send a
 * CRLF after every line"); a list value is an element with children (`<Recipient>`).
 *
 * @example
 * xmlDocument([['Userkey', 'K'], ['Recipient', [['PhoneNumber', '0041791234567']]], ['Action', 'SendTextSMS']])
 * // '<?xml version="1.0" encoding="ISO-8859-1"?>\r\n<aspsms>\r\n  <Userkey>K</Userkey>\r\n  <Recipient>\r\n …'
 */
export function xmlDocument(elements: readonly (readonly [string, string | string[][]])[]): string {
  const lines = [XML_PROLOG, '<aspsms>']
  for (const [name, value] of elements) {
    if (typeof value === 'string') lines.push(`  <${name}>${encodeXmlText(value)}</${name}>`)
    else {
      lines.push(`  <${name}>`)
      for (const [child, text] of value)
        lines.push(`    <${child}>${encodeXmlText(text ?? '')}</${child}>`)
      lines.push(`  </${name}>`)
    }
  }
  lines.push('</aspsms>')
  return `${lines.join('\r\n')}\r\n`
}

/**
 * @example
 * const xml = new AspsmsXmlClient({ baseUrl: 'http://127.0.0.1:8780/aspsms/xmlsvr.asp', userKey: 'DEMOASPSMS', password: 'demo' })
 * const sent = await xml.sendText({ recipients: [{ number: '0041791234567', trn: '1234' }], text: 'Hello Jane' })
 */
export class AspsmsXmlClient implements AspsmsCommonClient {
  readonly #options: ResolvedOptions

  constructor(options: AspsmsClientOptions) {
    this.#options = resolveOptions(options, ASPSMS_DEFAULT_URLS.xml)
  }

  /** Posts one action with these elements (credentials first, `<Action>` last). */
  async call(
    action: string,
    elements: readonly (readonly [string, string | string[][]])[] = [],
  ): Promise<AspsmsResult> {
    const { userKey, password, baseUrl } = this.#options
    const document = xmlDocument([
      [XML_ELEMENTS.UserKey, userKey],
      ['Password', password],
      ...elements,
      ['Action', action],
    ])
    const answer = await exchange(this.#options, baseUrl, {
      method: 'POST',
      headers: { 'content-type': 'text/xml' },
      body: Buffer.from(document, 'latin1'),
    })
    const raw = decodeText(answer.bytes, replyCharset(answer.bytes, answer.contentType))
    const code = elementText(raw, 'ErrorCode')?.trim()
    if (code === undefined || !/^-?\d+$/.test(code)) {
      const parser = elementText(raw, 'ParserErrorDescription')
      return unreadable(
        'xml',
        answer.status,
        raw,
        parser ? `XML parser error "${parser.trim()}"` : 'not an <aspsms> reply',
      )
    }
    const credits = elementText(raw, 'Credits')
    const used = elementText(raw, 'CreditsUsed')
    const notifications = [
      ...raw.matchAll(/<DeliveryNotification>([\s\S]*?)<\/DeliveryNotification>/gi),
    ]
    const operation = xmlOperationOf(action) ?? action
    return resultOf(operation, Number(code), {
      statusText: elementText(raw, 'ErrorDescription')?.trim() || undefined,
      transport: 'xml',
      httpStatus: answer.status,
      raw,
      ...(credits !== undefined ? { credits: Number(credits.trim()) } : {}),
      ...(used !== undefined ? { creditsUsed: Number(used.trim()) } : {}),
      ...(action === 'InquireDeliveryNotifications'
        ? { records: notifications.map((m) => xmlRecord(m[1]!)) }
        : {}),
    })
  }

  /** SendTextSMS: one `<Recipient>` per number, its TRN in `<TransRefNumber>`. */
  sendText(input: AspsmsSendInput): Promise<AspsmsResult> {
    return this.#call(
      'SendTextSMS',
      this.#sendElements(input, [[XML_ELEMENTS.MessageText, input.text]]),
    )
  }

  /** SendBinaryData with XSer 020108 (020118 flashing) and the text as UCS-2 big-endian hex. */
  sendUnicode(input: AspsmsSendInput): Promise<AspsmsResult> {
    const hex = Buffer.from(input.text, 'utf16le').swap16().toString('hex').toUpperCase()
    return this.#call(
      'SendBinaryData',
      this.#sendElements({ ...input, flashing: false }, [
        ['XSer', input.flashing ? '020118' : '020108'],
        [XML_ELEMENTS.MessageText, hex],
      ]),
    )
  }

  /** ShowCredits. */
  checkCredits(): Promise<AspsmsResult> {
    return this.#call('CheckCredits')
  }

  /** InquireDeliveryNotifications: one `<TransRefNumber>` per TRN under `<aspsms>` (Examples g). */
  inquireDeliveryNotifications(trns: readonly string[]): Promise<AspsmsResult> {
    return this.#call(
      'InquireDeliveryNotifications',
      trns.map((trn) => [XML_ELEMENTS.TransactionReferenceNumbers, trn] as const),
    )
  }

  /** SendOriginatorUnlockCode: a code is texted to the numeric originator (§6.3.4.2). */
  sendOriginatorUnlockCode(originator: string): Promise<AspsmsResult> {
    return this.#call('SendOriginatorUnlockCode', [['Originator', originator]])
  }

  /** UnlockOriginator with `<OriginatorUnlockCode>` (digits, e.g. `65164424`). */
  unlockOriginator(originator: string, unlockCode: string): Promise<AspsmsResult> {
    return this.#call('UnlockOriginator', [
      ['Originator', originator],
      ['OriginatorUnlockCode', unlockCode],
      ...this.#affiliate(undefined),
    ])
  }

  /** CheckOriginatorAuthorization: droe reads 31 as authorized, 30 as not. */
  checkOriginatorAuthorization(originator: string): Promise<AspsmsResult> {
    return this.#call('CheckOriginatorAuthorization', [['Originator', originator]])
  }

  /** Calls an operation by the XML action it is (operations.ts: CheckCredits is `ShowCredits`). */
  #call(
    operation: XmlOperation,
    elements?: readonly (readonly [string, string | string[][]])[],
  ): Promise<AspsmsResult> {
    return this.call(xmlActionOf(operation), elements)
  }

  #affiliate(given: string | undefined): [string, string][] {
    const id = given ?? this.#options.affiliateId
    return id ? [['AffiliateId', id]] : []
  }

  /** The elements of a send, in XMLSPEC's example order; empty options are left out. */
  #sendElements(
    input: AspsmsSendInput,
    content: [string, string][],
  ): [string, string | string[][]][] {
    const optional = (name: AsmxField, value: string | undefined): [string, string][] =>
      value ? [[name, value]] : []
    const deferred =
      input.deferred instanceof Date
        ? formatDeferred(input.deferred, input.timeZone)
        : input.deferred
    return [
      ...this.#affiliate(input.affiliateId),
      ...optional('Originator', input.originator),
      ...recipientList(input.recipients).map((r): [string, string[][]] => [
        XML_ELEMENTS.Recipients,
        [[XML_RECIPIENT.number, r.number], ...(r.trn ? [[XML_RECIPIENT.trn, r.trn]] : [])],
      ]),
      ...optional('DeferredDeliveryTime', deferred),
      ...content,
      ...optional('FlashingSMS', input.flashing ? '1' : undefined),
      ...optional('URLBufferedMessageNotification', input.urlBuffered),
      ...optional('URLDeliveryNotification', input.urlDelivered),
      ...optional('URLNonDeliveryNotification', input.urlNonDelivered),
      ...optional('TimeZone', input.timeZone === undefined ? undefined : String(input.timeZone)),
    ]
  }
}

/** The reply's charset: the Content-Type's, else its prolog's, else UTF-8 or windows-1252. */
function replyCharset(bytes: Uint8Array, contentType: string) {
  const declared = charsetOf(contentType)
  if (declared !== 'auto') return declared
  const prolog = /^\s*<\?xml[^>]*encoding=["']([\w-]+)["']/i.exec(
    Buffer.from(bytes.subarray(0, 200)).toString('latin1'),
  )
  return charsetOf(prolog ? `charset=${prolog[1]}` : undefined)
}

function xmlRecord(block: string) {
  const field = (name: string) => elementText(block, name)?.trim()
  return deliveryRecord({
    trn: field('TransRefNumber') ?? '',
    status: field('DeliveryStatus') ?? '',
    submittedAt: parseAspsmsDate(field('SubmissionDate')),
    notifiedAt: parseAspsmsDate(field('NotificationDate')),
    reason: field('ReasonCode'),
  })
}
