/**
 * The request fields that the JSON client and the ASMX clients (SOAP, HTTP GET/POST) write
 * alike. The JSON API takes the WSDL's parameter names (simulators/aspsms/operations.ts, which
 * types the names written here), so a recipient with its TRN, a security token, a verification
 * or the notification URLs are written the same way whichever interface carries them. What
 * differs stays with each client: the recipients' container (an array over JSON, one
 * `;`-joined string over ASMX), `UserName`/`UserKey`, `AffiliateID`/`AffiliateId`, and the
 * format of a deferred time.
 *
 * @see shared/research/aspsms.md — §1.2 "Operations", §3 "JSON API (json.aspsms.com)"
 */
import { asmxOperation, type AsmxField, type AsmxName } from '../../simulators/aspsms/wire.ts'
import type {
  AspsmsNotificationUrls,
  AspsmsRecipientInput,
  AspsmsSendInput,
  AspsmsTokenInput,
  AspsmsVerifyInput,
} from './common.ts'

/**
 * The recipients as a list of `{ number, trn }`.
 *
 * @example
 * recipientList('+41791234567') // [{ number: '+41791234567' }]
 */
export function recipientList(
  recipients: AspsmsSendInput['recipients'],
): { number: string; trn?: string }[] {
  const list: readonly AspsmsRecipientInput[] =
    typeof recipients === 'string' || !Array.isArray(recipients)
      ? [recipients as AspsmsRecipientInput]
      : recipients
  return list.map((r) => (typeof r === 'string' ? { number: r } : r))
}

/**
 * Each recipient as SOAP, HTTP and JSON write it: the number, or `number:TRN`.
 *
 * @example
 * recipientEntries([{ number: '0041791234567', trn: 'a1' }, '+41761234567']) // ['0041791234567:a1', '+41761234567']
 */
export function recipientEntries(recipients: AspsmsSendInput['recipients']): string[] {
  return recipientList(recipients).map((r) => (r.trn ? `${r.number}:${r.trn}` : r.number))
}

/**
 * The SOAP/HTTP syntax `num1:TRN1;num2` (SendSimpleTextSMS takes numbers only).
 *
 * @example
 * recipientString([{ number: '0041791234567', trn: 'a1' }, '+41761234567']) // '0041791234567:a1;+41761234567'
 */
export function recipientString(recipients: AspsmsSendInput['recipients']): string {
  return recipientEntries(recipients).join(';')
}

/**
 * The three notification URLs, empty when not given (every interface lists them all).
 *
 * @example
 * notificationFields({ urlDelivered: 'https://example.ch/dlr?id=' }).URLDeliveryNotification // 'https://example.ch/dlr?id='
 */
export function notificationFields(input: AspsmsNotificationUrls): Record<string, string> {
  return {
    URLBufferedMessageNotification: input.urlBuffered ?? '',
    URLDeliveryNotification: input.urlDelivered ?? '',
    URLNonDeliveryNotification: input.urlNonDelivered ?? '',
  } satisfies Partial<Record<AsmxField, string>>
}

/**
 * Fields in the order the WSDL gives the operation's parameters (operations.ts), which is the
 * order the JSON client posts them in. A field the operation lacks is a bug: Error.
 *
 * @example
 * inWsdlOrder('VerifyToken', { VerificationCode: '1234', PhoneNumber: '+41791234567' })
 * // { PhoneNumber: '+41791234567', VerificationCode: '1234' }
 */
function inWsdlOrder<V>(operation: AsmxName, fields: Partial<Record<AsmxField, V>>) {
  const elements = asmxOperation(operation)!.elements
  const stray = Object.keys(fields).filter((name) => !elements.includes(name))
  if (stray.length) throw new Error(`${operation} has no parameter ${stray.join(', ')}`)
  const ordered: Record<string, V> = {}
  for (const name of elements as readonly AsmxField[])
    if (Object.hasOwn(fields, name)) ordered[name] = fields[name]!
  return ordered
}

/**
 * SendTokenSMS's fields after the credentials, in WSDL order (Originator before Recipients,
 * the text as `MessageData`); the recipients come written as the interface wants them, and
 * the affiliate is each interface's to add.
 *
 * @example
 * tokenFields({ recipients: '+41791234567', reference: 'login-42' }, '+41791234567').TokenReference // 'login-42'
 */
export function tokenFields<Recipients extends string | string[]>(
  input: AspsmsTokenInput,
  recipients: Recipients,
): Record<string, string | Recipients> {
  return inWsdlOrder<string | Recipients>('SendTokenSMS', {
    Originator: input.originator ?? '',
    Recipients: recipients,
    MessageData: input.text ?? '',
    TokenReference: input.reference ?? '',
    TokenValidity: input.validityMinutes === undefined ? '' : String(input.validityMinutes),
    TokenMask: input.mask ?? '',
    VerificationCode: input.verificationCode ?? '',
    TokenCaseSensitive: input.caseSensitive ? '1' : '0',
    ...notificationFields(input),
  })
}

/**
 * VerifyToken's fields after the credentials, in WSDL order.
 *
 * @example
 * verifyFields({ phoneNumber: '+41791234567', code: '1234' }) // { PhoneNumber: '+41791234567', TokenReference: '', VerificationCode: '1234' }
 */
export function verifyFields(input: AspsmsVerifyInput): Record<string, string> {
  return inWsdlOrder('VerifyToken', {
    PhoneNumber: input.phoneNumber,
    TokenReference: input.reference ?? '',
    VerificationCode: input.code,
  })
}
