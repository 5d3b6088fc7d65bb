/**
 * ASPSMS's operations, described once (ADR 006): for each operation of the one decision, its
 * name, its parameters in WSDL order, and the interfaces that carry it — the ASMX service
 * (SOAP 1.1 and 1.2, the HTTP GET and POST bindings), the JSON API, the XML interface — with
 * the names each interface gives a parameter where it differs from the WSDL's. The WSDL
 * (wsdl.ts), the SOAP reader (soap.ts), the HTTP bindings (asmx.ts), the JSON reader
 * (json-request.ts), the XML reader (xml.ts) and the reference clients (client/aspsms, through
 * wire.ts) all read these tables, so that names, order and documentation cannot disagree.
 *
 * Each interface lists its operations in its own order, which its answers show: the WSDL's
 * order, the JSON API's list of methods in its 404, XMLSPEC's list of actions.
 *
 * @see shared/research/aspsms.md — §1.2 "Operations", §1.6 "Legacy", §2.3 "Actions", §3.2 "Other methods"
 */

/**
 * Every operation of the one decision (decide.ts), by its SOAP name: the ASMX service's, and
 * the XML interface's actions that have no ASMX operation (binary data, logos, ringtones,
 * picture messages, vCards).
 */
export type AspsmsOperation =
  | 'SendSimpleTextSMS'
  | 'SendTextSMS'
  | 'SendUnicodeSMS'
  | 'SimpleWAPPush'
  | 'SendBinaryData'
  | 'SendLogo'
  | 'SendGroupLogo'
  | 'SendRandomLogo'
  | 'SendRingtone'
  | 'SendPictureMessage'
  | 'SendVCard'
  | 'CheckCredits'
  | 'SendOriginatorUnlockCode'
  | 'UnlockOriginator'
  | 'CheckOriginatorAuthorization'
  | 'SendTokenSMS'
  | 'VerifyToken'
  | 'InquireDeliveryNotifications'
  | 'RedeemVoucher'
  | 'CreateVoucher'
  | 'GetVoucherTransactions'
  | 'GetStatusCodeDescription'
  | 'VersionInfo'

/** The service's XML namespace, also the prefix of every SOAPAction (research §1.1). */
export const ASMX_NAMESPACE = 'https://webservice.aspsms.com/aspsmsx2.asmx'

/**
 * The legacy service's namespace. @note Unknown (research §1.6 "namespace unknown"): ours,
 * built the way ASMX builds the v2 one.
 */
export const LEGACY_NAMESPACE = 'https://webservice.aspsms.com/aspsmsx.asmx'

/** What an operation's result element holds (research §1.1: every result is a string but one). */
export type AsmxResultType = 'string' | 'ArrayOfVouchers'

export interface AsmxOperationSpec {
  /** The operation name: the SOAP Body element, the SOAPAction suffix, the HTTP binding path. */
  name: string
  /** The decision it is, when it differs from `name` (the legacy `SimpleTextSMS`). */
  decidesAs: AspsmsOperation
  /** Request elements (SOAP) or parameters (HTTP), in WSDL order. */
  elements: readonly string[]
  /** Parameters that reach the decision under another name (legacy `Recipient`). */
  renames?: Readonly<Record<string, string>>
  result: AsmxResultType
  /** `<wsdl:documentation>`, verbatim; `<br>` is written escaped, as the WSDL does. */
  documentation?: string
}

const AUTH = ['UserKey', 'Password'] as const
/** The elements after the text of SendTextSMS / SendUnicodeSMS / SimpleWAPPush. */
const SEND_OPTIONS = [
  'DeferredDeliveryTime',
  'FlashingSMS',
  'TimeZone',
  'URLBufferedMessageNotification',
  'URLDeliveryNotification',
  'URLNonDeliveryNotification',
  'AffiliateId',
] as const
const MULTI = 'Multiple Recipients syntax: Recipient1:TRN1;Recipient2:TRN2;... <br>'
const RETURNS_STATUS = 'Returns StatusCode:Number'

/**
 * One row of the table; typing `name` as a decision keeps the table in step with decide.ts.
 * The row keeps its literal types, from which {@link AsmxField} and the clients' operation
 * types are derived.
 */
function op<
  const N extends AspsmsOperation,
  const E extends readonly string[],
  const R extends AsmxResultType = 'string',
>(name: N, elements: E, documentation?: string, result?: R) {
  return {
    name,
    decidesAs: name,
    elements,
    result: result ?? ('string' as R),
    ...(documentation ? { documentation } : {}),
  }
}

/**
 * The ASPSMSX2 operations in WSDL order, with their request elements in WSDL order.
 *
 * @see shared/research/aspsms.md — §1.2 table (documentation strings verbatim)
 */
const ASMX_TABLE = [
  op(
    'SimpleWAPPush',
    [...AUTH, 'Recipients', 'Originator', 'WapDescription', 'WapURL', ...SEND_OPTIONS],
    `Send Simple WAP Push. ${MULTI}${RETURNS_STATUS}`,
  ),
  op(
    'SendSimpleTextSMS',
    [...AUTH, 'Recipients', 'Originator', 'MessageText'],
    `Send Text Messages. Multiple Recipients syntax: Recipient1;Recipient2;Recipient3... <br>${RETURNS_STATUS}`,
  ),
  op(
    'SendTextSMS',
    [...AUTH, 'Recipients', 'Originator', 'MessageText', ...SEND_OPTIONS],
    `Send Text Messages. ${MULTI}${RETURNS_STATUS}`,
  ),
  op(
    'SendUnicodeSMS',
    [...AUTH, 'Recipients', 'Originator', 'MessageText', ...SEND_OPTIONS],
    `Send Unicode Messages. ${MULTI}${RETURNS_STATUS}`,
  ),
  op(
    'CheckCredits',
    AUTH,
    'Check available credits. <br>Returns StatusCode:Number or Credits:Count',
  ),
  op(
    'SendOriginatorUnlockCode',
    [...AUTH, 'Originator'],
    `Send a originator unlock code to mobile phone. <br>${RETURNS_STATUS}`,
  ),
  op(
    'UnlockOriginator',
    [...AUTH, 'Originator', 'OriginatorUnlockCode', 'AffiliateId'],
    `Unlock Originator. <br>${RETURNS_STATUS}`,
  ),
  op(
    'CheckOriginatorAuthorization',
    [...AUTH, 'Originator'],
    `Check originator authorization. <br>${RETURNS_STATUS}`,
  ),
  op(
    'VerifyToken',
    [...AUTH, 'PhoneNumber', 'TokenReference', 'VerificationCode'],
    `Verify/Check Security Token. <br>${RETURNS_STATUS}`,
  ),
  // Originator before Recipients, and MessageData instead of MessageText: as the WSDL has it.
  op(
    'SendTokenSMS',
    [
      ...AUTH,
      'Originator',
      'Recipients',
      'MessageData',
      'TokenReference',
      'TokenValidity',
      'TokenMask',
      'VerificationCode',
      'TokenCaseSensitive',
      'URLBufferedMessageNotification',
      'URLDeliveryNotification',
      'URLNonDeliveryNotification',
      'AffiliateId',
    ],
    `Send Security Token to mobile recipient. ${MULTI}${RETURNS_STATUS}`,
  ),
  op(
    'InquireDeliveryNotifications',
    [...AUTH, 'TransactionReferenceNumbers'],
    'Inquire Delivery Notifications. Multiple TransactionReferenceNumbers delimited by ;<br>Returns DeliveryNotifications or on error StatusCode:Number',
  ),
  op('RedeemVoucher', [...AUTH, 'RedeemCode'], 'Redeem ASPSMS Voucher Code'),
  op(
    'CreateVoucher',
    [...AUTH, 'NumberOfVouchers', 'AmountCreditsPerVoucher', 'Remarks'],
    'Create ASPSMS Voucher Code',
  ),
  op('GetVoucherTransactions', AUTH, 'Get voucher transactions', 'ArrayOfVouchers'),
  op('GetStatusCodeDescription', ['StatusCode'], 'Get Description for StatusCode:Number'),
  // The WSDL gives VersionInfo no documentation element.
  op('VersionInfo', []),
]

/** The ASMX operations (SOAP and the HTTP bindings), in WSDL order. */
export const ASMX_OPERATIONS: readonly AsmxOperationSpec[] = ASMX_TABLE

/** An operation of the ASMX service, by name. */
export type AsmxName = (typeof ASMX_TABLE)[number]['name']

/** The ASMX operations whose result is a string (`StatusCode:1`, `Credits:12.5`, a text…). */
export type AsmxStringName = Extract<(typeof ASMX_TABLE)[number], { result: 'string' }>['name']

/** A parameter of some ASMX operation, by its WSDL name: the names every interface maps from. */
export type AsmxField = (typeof ASMX_TABLE)[number]['elements'][number]

/**
 * The legacy `aspsmsx.asmx`: only `SimpleTextSMS` is seen in public code, with a singular
 * `Recipient`; it is decided as SendSimpleTextSMS.
 *
 * @see shared/research/aspsms.md — §1.6
 */
export const LEGACY_OPERATIONS: readonly AsmxOperationSpec[] = [
  {
    name: 'SimpleTextSMS',
    decidesAs: 'SendSimpleTextSMS',
    elements: ['UserKey', 'Password', 'Recipient', 'Originator', 'MessageText'],
    renames: { Recipient: 'Recipients' },
    result: 'string',
  },
]

const BY_NAME = new Map(ASMX_OPERATIONS.map((o) => [o.name, o]))
const LEGACY_BY_NAME = new Map(LEGACY_OPERATIONS.map((o) => [o.name, o]))

/**
 * An operation by its exact name (ASMX method names are case-sensitive), or `undefined`.
 *
 * @example
 * asmxOperation('CheckCredits')?.elements // ['UserKey', 'Password']
 * asmxOperation('checkcredits')           // undefined
 */
export function asmxOperation(name: string, legacy = false): AsmxOperationSpec | undefined {
  return (legacy ? LEGACY_BY_NAME : BY_NAME).get(name)
}

/**
 * The SOAPAction of an operation (SOAP 1.1 header, SOAP 1.2 `action=`), as the WSDL gives it.
 *
 * @example
 * soapActionOf('CheckCredits') // 'https://webservice.aspsms.com/aspsmsx2.asmx/CheckCredits'
 */
export function soapActionOf(name: string): string {
  return `${ASMX_NAMESPACE}/${name}`
}

/** The fields of an `ArrayOfVouchers` entry, in schema order (the WSDL's `vouchers` type). */
export const VOUCHER_FIELDS = ['VoucherCode', 'Remark', 'Credits', 'Created', 'Redeemed'] as const

/**
 * The parameters whose value is a list: `num1:TRN1;num2` and `TRN1;TRN2` over ASMX, an array
 * or such a string over JSON, one element per item in the XML interface (see
 * {@link XML_ELEMENTS}).
 */
export const LIST_FIELDS = [
  'Recipients',
  'TransactionReferenceNumbers',
] as const satisfies readonly AsmxField[]

/** Whether a parameter is one of the {@link LIST_FIELDS}. */
export function isListField(name: string): boolean {
  return (LIST_FIELDS as readonly string[]).includes(name)
}

/**
 * The JSON API's methods (`json.aspsms.com/<Method>`), in the order its 404 lists them.
 * JSONDOC shows the first two; the others are those clients call (research §3.2), each the
 * WSDL's operation of the same name with the same parameters. `SimpleWAPPush` and the Python
 * class's `ListAllStatusCodes` are left out: no JSON client was seen calling them.
 *
 * @see shared/research/aspsms.md — §3.1 "Documented", §3.2 "Other methods"
 */
export const JSON_OPERATIONS = [
  'SendTextSMS',
  'SendSimpleTextSMS',
  'SendUnicodeSMS',
  'CheckCredits',
  'InquireDeliveryNotifications',
  'SendOriginatorUnlockCode',
  'UnlockOriginator',
  'CheckOriginatorAuthorization',
  'SendTokenSMS',
  'VerifyToken',
  'CreateVoucher',
  'RedeemVoucher',
  'GetVoucherTransactions',
  'GetStatusCodeDescription',
  'VersionInfo',
] as const satisfies readonly AsmxName[]

export type JsonOperation = (typeof JSON_OPERATIONS)[number]

/**
 * The JSON keys of a WSDL parameter where they are not its own name, in the order they are
 * looked for (keys match without case): JSONDOC's `UserName` and `AffiliateID`, and what
 * clients send besides — `UserKey`, `MessageData` for the text, the Python class's
 * `UnlockCode`. SendTokenSMS's `MessageData` has no key of its own: it is the text.
 *
 * @see shared/research/aspsms.md — §3.1, §3.4 "Request-side quirks"
 */
export const JSON_KEYS: Readonly<Partial<Record<AsmxField, readonly string[]>>> = {
  UserKey: ['UserName', 'UserKey'],
  MessageText: ['MessageText', 'MessageData'],
  MessageData: [],
  AffiliateId: ['AffiliateID'],
  OriginatorUnlockCode: ['OriginatorUnlockCode', 'UnlockCode'],
}

/** The JSON API's one key that no WSDL operation has: characters outside GSM 03.38 become `?`. */
export const JSON_FORCE_GSM7 = 'ForceGSM7bit'

/**
 * The parameters of the JSON API, by their WSDL names: those of its methods, each once, in the
 * order its methods list them.
 *
 * @example
 * JSON_FIELDS.slice(0, 3) // ['UserKey', 'Password', 'Recipients']
 */
export const JSON_FIELDS: readonly AsmxField[] = [
  ...new Set(JSON_OPERATIONS.flatMap((name) => asmxOperation(name)!.elements as AsmxField[])),
]

/**
 * The XML interface's actions (XMLSPEC §6.3.27, verbatim and case sensitive) and the operation
 * of the shared decision each one is. Seven of them (binary data, logos, ringtones, picture
 * messages, vCards) have no ASMX operation.
 *
 * @see shared/research/aspsms.md — §2.3
 */
export const XML_ACTIONS = {
  SendTextSMS: 'SendTextSMS',
  SendBinaryData: 'SendBinaryData',
  SendWAPPushSMS: 'SimpleWAPPush',
  SendLogo: 'SendLogo',
  SendGroupLogo: 'SendGroupLogo',
  SendRandomLogo: 'SendRandomLogo',
  SendRingtone: 'SendRingtone',
  SendPictureMessage: 'SendPictureMessage',
  SendVCard: 'SendVCard',
  SendOriginatorUnlockCode: 'SendOriginatorUnlockCode',
  UnlockOriginator: 'UnlockOriginator',
  CheckOriginatorAuthorization: 'CheckOriginatorAuthorization',
  ShowCredits: 'CheckCredits',
  InquireDeliveryNotifications: 'InquireDeliveryNotifications',
} as const satisfies Record<string, AspsmsOperation>

export type XmlAction = keyof typeof XML_ACTIONS

/** An operation the XML interface carries. */
export type XmlOperation = (typeof XML_ACTIONS)[XmlAction]

/**
 * The XML action of an operation.
 *
 * @example
 * xmlActionOf('CheckCredits') // 'ShowCredits'
 * xmlActionOf('SendTextSMS')  // 'SendTextSMS'
 */
export function xmlActionOf(operation: XmlOperation): XmlAction {
  return (Object.keys(XML_ACTIONS) as XmlAction[]).find((a) => XML_ACTIONS[a] === operation)!
}

/**
 * The operation an XML action is, or `undefined` for an unknown action (exact case).
 *
 * @example
 * xmlOperationOf('ShowCredits') // 'CheckCredits'
 * xmlOperationOf('showcredits') // undefined
 */
export function xmlOperationOf(action: string): AspsmsOperation | undefined {
  return Object.hasOwn(XML_ACTIONS, action) ? XML_ACTIONS[action as XmlAction] : undefined
}

/**
 * The XML interface's element for a WSDL parameter where it differs (XMLSPEC §6.3): `Userkey`
 * with a small k; the text always `MessageData`; one `<Recipient>` per number, holding
 * `<PhoneNumber>` and `<TransRefNumber>`; one top-level `<TransRefNumber>` per TRN inquired.
 */
export const XML_ELEMENTS = {
  UserKey: 'Userkey',
  MessageText: 'MessageData',
  Recipients: 'Recipient',
  TransactionReferenceNumbers: 'TransRefNumber',
} as const satisfies Partial<Record<AsmxField, string>>

/**
 * A parameter's XML element name.
 *
 * @example
 * xmlElementOf('UserKey')    // 'Userkey'
 * xmlElementOf('Originator') // 'Originator'
 */
export function xmlElementOf(name: AsmxField): string {
  return (XML_ELEMENTS as Partial<Record<AsmxField, string>>)[name] ?? name
}

/** The children of an XML `<Recipient>`: its number and, optionally, its TRN. */
export const XML_RECIPIENT = { number: 'PhoneNumber', trn: 'TransRefNumber' } as const
