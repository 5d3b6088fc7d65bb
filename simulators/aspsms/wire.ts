/**
 * ASPSMS's wire facts, in one place: the hosts and paths of its four interfaces, the URLs a
 * client calls, the time zone of its dates, and — re-exported from the tables that own them —
 * the operations with their parameters and the names each interface gives them
 * (operations.ts, ADR 006) and the code tables (codes.ts). The simulator's codecs and the
 * reference clients (`client/aspsms`) read them here, so the two cannot drift apart; nothing in
 * this module decides anything.
 *
 * @see shared/research/aspsms.md — §1.1 "Identity", §2.1, §3 "JSON API (json.aspsms.com)"
 */
export {
  ASPSMS_DELIVERY_STATUS,
  ASPSMS_REASON_CODES,
  ASPSMS_STATUS_CODES,
  aspsmsStatusText,
  type AspsmsStatus,
} from './codes.ts'
export {
  ASMX_NAMESPACE,
  ASMX_OPERATIONS,
  asmxOperation,
  isListField,
  JSON_FIELDS,
  JSON_FORCE_GSM7,
  JSON_KEYS,
  JSON_OPERATIONS,
  LEGACY_NAMESPACE,
  LEGACY_OPERATIONS,
  LIST_FIELDS,
  soapActionOf,
  VOUCHER_FIELDS,
  XML_ACTIONS,
  XML_ELEMENTS,
  XML_RECIPIENT,
  xmlActionOf,
  xmlElementOf,
  xmlOperationOf,
  type AsmxField,
  type AsmxName,
  type AsmxOperationSpec,
  type AsmxStringName,
  type AspsmsOperation,
  type JsonOperation,
  type XmlAction,
  type XmlOperation,
} from './operations.ts'

/** The hosts of each interface (the port of the XML interface plays no part). */
export const ASPSMS_HOSTS = {
  asmx: ['soap.aspsms.com', 'webservice.aspsms.com'],
  xml: ['xml1.aspsms.com', 'xml2.aspsms.com'],
  json: ['json.aspsms.com'],
} as const

/** The ASMX service: SOAP at the path itself, the HTTP GET/POST bindings at `<path>/<Operation>`. */
export const ASMX_PATH = '/aspsmsx2.asmx'

/** The legacy v1 service, of which only `SimpleTextSMS` is seen in use (research §1.6). */
export const LEGACY_ASMX_PATH = '/aspsmsx.asmx'

/** The XML interface's page. */
export const XML_PATH = '/xmlsvr.asp'

/** The XML interface's port in XMLSPEC's examples (5098 and 80 serve it too). */
const XML_PORT = 5061

/** The real service's URL of each interface, as the reference clients call it by default. */
export const ASPSMS_URLS = {
  json: `https://${ASPSMS_HOSTS.json[0]}`,
  soap: `https://${ASPSMS_HOSTS.asmx[0]}${ASMX_PATH}`,
  http: `https://${ASPSMS_HOSTS.asmx[0]}${ASMX_PATH}`,
  xml: `http://${ASPSMS_HOSTS.xml[0]}:${XML_PORT}${XML_PATH}`,
} as const

/** The zone ASPSMS's own dates are written in (it is a Swiss service). */
export const ASPSMS_TIME_ZONE = 'Europe/Zurich'
