/**
 * Reading a request of ASPSMS's JSON API (`json.aspsms.com/<Method>`): the body as a JSON object
 * whatever the Content-Type says, then its keys mapped once onto {@link AspsmsRequest}.
 *
 * What real clients send, and what this module therefore accepts (research §3.4):
 * - any Content-Type or none: `application/json`, `text/json` (mod-aspsms), jQuery's default
 *   `application/x-www-form-urlencoded` (the JSONDOC example), nothing at all (Ruby
 *   RestClient, C# `WebClient.UploadString`, python `requests.post(data=…)`);
 * - UTF-8, or windows-1252 when the bytes are not valid UTF-8 (`WebClient.UploadString`
 *   writes the ANSI code page unless told otherwise), a UTF-8 BOM, trailing `\n` (mod-aspsms);
 * - keys in any case (`UserName`, `Username`), `UserKey` for `UserName`, `AffiliateID` or
 *   `AffiliateId`, `UnlockCode` for `OriginatorUnlockCode`, `MessageData` for `MessageText`;
 * - values as strings, numbers or booleans (`FlashingSMS` `""`, `"True"`, `true`);
 * - `Recipients` as an array of strings (the document) or one `;`-separated string;
 *   `TransactionReferenceNumbers` as a `;`-joined string (hitobito) or an array.
 *
 * A recipient `"0041791234567:4242"` carries the transaction reference number `4242`, as in the
 * SOAP syntax `Recipient1:TRN1;…`. The JSON document says nothing of TRNs; hitobito, in
 * production on the JSON API, sends exactly this (`"#{r.phone_number}:#{r.id}"` in
 * `app/domain/messages/dispatch/text_message.rb`) and then inquires by those ids.
 *
 * @see shared/research/aspsms.md — §3.1 "Documented", §3.2 "Other methods", §3.4 "Request-side quirks"
 */
import { charsetOf, decodeText } from '../core/charset.ts'
import type { SimRequest } from '../core/provider.ts'
import {
  JSON_FIELDS,
  JSON_FORCE_GSM7,
  JSON_KEYS,
  JSON_OPERATIONS,
  isListField,
  LIST_FIELDS,
  type AspsmsOperation,
} from './operations.ts'
import { requestFromSoapFields, yes, type AspsmsRequest } from './request.ts'

/**
 * The JSON API's methods (operations.ts), by their lower-case name: IIS ignores the case of
 * paths, and one client posts to `/sendSimpleTextSMS`.
 *
 * @example
 * ASPSMS_JSON_METHODS.get('sendsimpletextsms') // 'SendSimpleTextSMS'
 */
export const ASPSMS_JSON_METHODS: ReadonlyMap<string, AspsmsOperation> = new Map(
  JSON_OPERATIONS.map((name) => [name.toLowerCase(), name]),
)

/**
 * Read as a flag (TOKENDOC: "1" or "0"; JSON clients send booleans) rather than as text;
 * {@link JSON_FORCE_GSM7} too, which no WSDL operation has.
 */
const FLAG = 'TokenCaseSensitive'

/**
 * JSON keys → the SOAP field names {@link requestFromSoapFields} reads: every parameter of the
 * JSON methods but the lists and the flag, under its JSON keys ({@link JSON_KEYS}: its own
 * name unless told otherwise). Matched without case; the first key of a list that the body
 * holds wins.
 */
const FIELDS: readonly (readonly [soapName: string, jsonKeys: readonly string[]])[] =
  JSON_FIELDS.filter((name) => name !== FLAG && !isListField(name)).map((name) => [
    name,
    JSON_KEYS[name] ?? [name],
  ])

/** The keys whose value is a list: an array, or a string with `;` between the items. */
const LISTS = LIST_FIELDS.map((name) => [name, [name]] as const)

export type JsonBody = { ok: true; body: Record<string, unknown> } | { ok: false; reason: string }

/**
 * Reads the body as a JSON object, whatever the Content-Type. An empty body is `{}`: methods
 * without parameters (VersionInfo) are posted with none.
 *
 * @example
 * readJsonBody({ headers: { 'content-type': 'text/json' }, body: Buffer.from('{"UserName":"K"}\n') } as SimRequest)
 * // { ok: true, body: { UserName: 'K' } }
 */
export function readJsonBody(request: Pick<SimRequest, 'headers' | 'body'>): JsonBody {
  const text = decodeText(request.body, charsetOf(request.headers['content-type']))
  if (text.trim() === '') return { ok: true, body: {} }
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch (error) {
    return { ok: false, reason: `it is not JSON (${(error as Error).message})` }
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    const kind = value === null ? 'null' : Array.isArray(value) ? 'an array' : typeof value
    return { ok: false, reason: `it is ${kind}, not a JSON object` }
  }
  return { ok: true, body: value as Record<string, unknown> }
}

/** A scalar as text; objects, arrays and null read as empty (they name nothing we can use). */
function scalar(value: unknown): string | undefined {
  if (typeof value === 'string') return value
  if (typeof value === 'number' || typeof value === 'boolean') return String(value)
  return undefined
}

/** A list value as the `;`-separated string the SOAP fields use. */
function list(value: unknown): string | undefined {
  if (Array.isArray(value))
    return value
      .map(scalar)
      .filter((item): item is string => item !== undefined)
      .join(';')
  return scalar(value)
}

/** Keys read besides {@link FIELDS} and {@link LISTS}, lower case. */
const FLAGS = [FLAG, JSON_FORCE_GSM7].map((key) => key.toLowerCase())

/** What a JSON body says, by the SOAP names, and the keys it holds that nothing reads. */
export interface JsonFields {
  /** Each value as the SOAP field would hold it (lists joined with `;`). */
  fields: Record<string, string>
  forceGsm7: boolean
  /** The body's keys that name no field, as written. */
  ignored: string[]
}

/**
 * Reads a JSON body's fields by their SOAP names; keys are matched without case and the first
 * key of a list that the body holds wins. Values that are neither scalars nor (for lists)
 * arrays name nothing and are left out.
 *
 * @example
 * readJsonFields({ UserName: 'K', Password: 'P', Recipients: ['0041791234567:42'], Colour: 'blue' })
 * // { fields: { UserKey: 'K', Password: 'P', Recipients: '0041791234567:42' }, forceGsm7: false, ignored: ['Colour'] }
 */
export function readJsonFields(body: Record<string, unknown>): JsonFields {
  const byLowerKey = new Map<string, unknown>()
  const ignored: string[] = []
  for (const [key, value] of Object.entries(body)) {
    const lower = key.toLowerCase()
    if (!byLowerKey.has(lower)) byLowerKey.set(lower, value)
    if (!KNOWN_KEYS.has(lower)) ignored.push(key)
  }
  const lookup = (keys: readonly string[]): unknown =>
    keys.map((k) => byLowerKey.get(k.toLowerCase())).find((v) => scalar(v) || Array.isArray(v))

  const fields: Record<string, string> = {}
  for (const [soapName, keys] of FIELDS) {
    const value = scalar(lookup(keys))
    if (value !== undefined) fields[soapName] = value
  }
  for (const [soapName, keys] of LISTS) {
    const value = list(lookup(keys))
    if (value !== undefined) fields[soapName] = value
  }
  // TOKENDOC: TokenCaseSensitive is 1 or 0; JSON clients send booleans.
  const caseSensitive = lookup([FLAG])
  if (caseSensitive !== undefined) fields[FLAG] = yes(caseSensitive) ? '1' : '0'
  return { fields, forceGsm7: yes(lookup([JSON_FORCE_GSM7])), ignored }
}

/** Every key a JSON body may use, lower case. */
const KNOWN_KEYS: ReadonlySet<string> = new Set([
  ...[...FIELDS, ...LISTS].flatMap(([, keys]) => keys.map((k) => k.toLowerCase())),
  ...FLAGS,
])

/**
 * Maps a JSON body onto the request every interface shares. Unknown keys are ignored (the
 * journal lists their names).
 *
 * @example
 * requestFromJson('SendSimpleTextSMS', { UserName: 'K', Password: 'P', Recipients: ['0041791234567:42'], MessageText: 'Hi' })
 * // { operation: 'SendSimpleTextSMS', transport: 'json', userKey: 'K', recipients: [{ number: '0041791234567', trn: '42' }], … }
 */
export function requestFromJson(
  operation: AspsmsOperation,
  body: Record<string, unknown>,
): AspsmsRequest {
  const { fields, forceGsm7 } = readJsonFields(body)
  return { ...requestFromSoapFields(operation, 'json', fields), forceGsm7 }
}
