/**
 * ASPSMS's code tables: request status codes (`StatusCode:n` over SOAP and HTTP, `StatusCode`
 * in JSON, `<ErrorCode>` in XML), delivery statuses and reason codes. Texts are verbatim from
 * the public sources of research `aspsms.md` §5 (the provider's own client libraries and the
 * XML interface specification), typos included, because clients compare them.
 *
 * @see shared/research/aspsms.md — §5.1 "Request status codes", §5.2, §5.3
 */
import { codeText } from '../core/codes.ts'
import type { CodeEntry } from '../core/provider.ts'

export const ASPSMS_STATUS_CODES = [
  { code: 1, text: 'OK', when: 'the request was carried out', source: 'public' },
  {
    code: 2,
    text: 'Connect failed.',
    when: 'injected: PUT /_smsim/faults/aspsms {"refuse": {"code": 2}}',
    source: 'ours',
  },
  {
    code: 3,
    text: 'Authorization failed.',
    when: 'unknown UserKey or wrong Password; RedeemVoucher of an unknown or spent code',
    source: 'public',
  },
  {
    code: 4,
    text: 'Binary file not found. Please check the location.',
    when: 'URLBinaryFile of a logo/ringtone/picture action does not answer 200 (simulated: any URL whose host does not resolve, i.e. not http(s)://…)',
    source: 'ours',
  },
  {
    code: 5,
    text: 'Not enough credits available. Please recharge your account to proceed.',
    when: 'credits below parts × recipients (or the action’s price)',
    source: 'public',
  },
  {
    code: 6,
    text: 'Time out error.',
    when: 'injected: PUT /_smsim/faults/aspsms {"refuse": {"code": 6}}',
    source: 'ours',
  },
  {
    code: 7,
    text: 'Transmission error. Please try it again.',
    when: 'injected: PUT /_smsim/faults/aspsms {"refuse": {"code": 7}}',
    source: 'ours',
  },
  {
    code: 8,
    text: 'Invalid UserKey. Please check the spelling of the UserKey.',
    when: 'UserKey empty',
    source: 'ours',
  },
  { code: 9, text: 'Invalid Password.', when: 'Password empty', source: 'ours' },
  {
    code: 10,
    text: 'Invalid originator. A maximum of 11 characters is allowed for alphanumeric originators.',
    when: 'originator longer than 11 (alphanumeric) or than 15 digits (numeric), or with forbidden characters; an unlock operation without Originator; an unlock code asked for a number that is no international mobile',
    source: 'public',
  },
  {
    code: 11,
    text: 'Invalid message date. Please verify the data.',
    when: 'message text empty; a WAP push without an http(s) URL; a TokenValidity not a whole number of minutes up to a year; a TokenMask over 32 characters; CreateVoucher numbers out of range; an XML document that does not parse (with the ParserError* elements)',
    source: 'public',
  },
  {
    code: 12,
    text: 'Invalid binary data. Please verify the data.',
    when: 'MessageData of SendBinaryData not hexadecimal, or odd length',
    source: 'ours',
  },
  {
    code: 13,
    text: 'Invalid binary file. Please check the file type.',
    when: 'URLBinaryFile not ending in a type the action takes (.bmp/.gif for logos, .ott/.rtttl for ringtones)',
    source: 'ours',
  },
  {
    code: 14,
    text: 'Invalid MCC. Please check the number.',
    when: 'operator logo without a 3-digit MCC',
    source: 'ours',
  },
  {
    code: 15,
    text: 'Invalid MNC. Please check the number.',
    when: 'operator logo without a 1–3 digit MNC',
    source: 'ours',
  },
  {
    code: 16,
    text: 'Invalid XSer.',
    when: 'SendBinaryData without XSer, or XSer not hexadecimal',
    source: 'ours',
  },
  {
    code: 17,
    text: 'Invalid URL buffered message notification string.',
    when: 'URLBufferedMessageNotification not an http(s) URL',
    source: 'ours',
  },
  {
    code: 18,
    text: 'Invalid URL delivery notification string.',
    when: 'URLDeliveryNotification not an http(s) URL',
    source: 'ours',
  },
  {
    code: 19,
    text: 'Invalid URL non delivery notification string.',
    when: 'URLNonDeliveryNotification not an http(s) URL',
    source: 'ours',
  },
  {
    code: 20,
    text: 'Missing a recipient. Please specify at least one recipient.',
    when: 'no recipient',
    source: 'public',
  },
  {
    code: 21,
    text: 'Missing binary data. Please specify some data.',
    when: 'SendBinaryData or a logo action without data, or a vCard without VName or VPhoneNumber',
    source: 'public',
  },
  {
    code: 22,
    text: 'Invalid deferred delivery time. Please check the format.',
    when: 'DeferredDeliveryTime not ddmmyyyyhhmmss (nor ISO 8601 over JSON), or TimeZone not an integer',
    source: 'public',
  },
  {
    code: 23,
    text: 'Missing transaction reference number.',
    when: 'InquireDeliveryNotifications without a TRN',
    source: 'public',
  },
  {
    code: 24,
    text: 'Service temporarely not available.',
    when: 'injected: PUT /_smsim/faults/aspsms {"refuse": {"code": 24}}',
    source: 'ours',
  },
  {
    code: 25,
    text: 'User access denied.',
    when: 'the account is barred (account option "barred": true)',
    source: 'ours',
  },
  {
    code: 26,
    text: 'Not authorized for this operation.',
    when: 'CreateVoucher on an account without the reseller option; an XML request with a missing or unknown Action',
    source: 'ours',
  },
  {
    code: 27,
    text: 'Message too long.',
    when: 'more than 1000 recipients, or a text over 16 parts (GSM) / 16 parts (UCS-2)',
    source: 'ours',
  },
  {
    code: 28,
    text: 'No Originator Restrictions.',
    when: 'any originator operation on an alphanumeric originator (restrictions only concern numeric ones)',
    source: 'public',
  },
  {
    code: 29,
    text: 'Originator Authorization Pending.',
    when: 'an unlock code was sent for this numeric originator but not yet entered',
    source: 'public',
  },
  {
    code: 30,
    text: 'Originator Not Authorized.',
    when: 'a numeric originator that was never unlocked (send or check), or a wrong unlock code',
    source: 'public',
  },
  {
    code: 31,
    text: 'Originator already authorized',
    when: 'any originator operation on an unlocked numeric originator',
    source: 'public',
  },
  {
    code: 32,
    text: 'No Notification Recipient Restrictions.',
    when: 'not produced: notification-recipient restrictions have no operation in the WSDL',
    source: 'public',
  },
  {
    code: 33,
    text: 'Notification Recipient Authorization Pending.',
    when: 'not produced (as 32)',
    source: 'public',
  },
  {
    code: 34,
    text: 'Notification Recipient Not Authorized.',
    when: 'not produced (as 32)',
    source: 'public',
  },
  {
    code: 35,
    text: 'Notification Recipient Already Authorized.',
    when: 'not produced (as 32)',
    source: 'public',
  },
  {
    code: 36,
    text: 'Security Token authorization pending',
    when: 'VerifyToken without a VerificationCode (the token stays pending)',
    source: 'ours',
  },
  {
    code: 37,
    text: 'Security Token not authorized',
    when: 'VerifyToken with a wrong code, or after the token expired (TokenValidity minutes)',
    source: 'ours',
  },
  {
    code: 38,
    text: 'Security Token not found',
    when: 'VerifyToken of a TokenReference/PhoneNumber never sent',
    source: 'ours',
  },
  {
    code: 39,
    text: 'Security Token already authorized',
    when: 'VerifyToken of a token already verified',
    source: 'ours',
  },
] as const satisfies readonly CodeEntry[]

export type AspsmsStatus = (typeof ASPSMS_STATUS_CODES)[number]['code']

/** Codes no input can produce, with the reason (the scenarios' coverage test reads this). */
export const ASPSMS_UNREACHABLE: Readonly<Partial<Record<AspsmsStatus, string>>> = {
  32: 'notification-recipient authorization has no operation in any interface',
  33: 'notification-recipient authorization has no operation in any interface',
  34: 'notification-recipient authorization has no operation in any interface',
  35: 'notification-recipient authorization has no operation in any interface',
}

/** The text of a status code. */
export function aspsmsStatusText(code: number): string | undefined {
  return codeText(ASPSMS_STATUS_CODES, code)
}

/** Delivery statuses (`DeliveryStatus`, `<DST>`), XMLSPEC Appendix a. */
export const ASPSMS_DELIVERY_STATUS = {
  '-1': 'Not yet submitted or rejected',
  '0': 'Delivered',
  '1': 'Buffered',
  '2': 'Not Delivered',
} as const

export type AspsmsDeliveryStatus = -1 | 0 | 1 | 2

/** Reason codes (`ReasonCode`, `<RSN>`) smsim produces, XMLSPEC Appendix b. */
export const ASPSMS_REASON_CODES = {
  0: 'Unknown subscriber',
  101: 'Unknown subscriber',
  103: 'Call barred',
  107: 'Absent subscriber',
  108: 'Delivery fail',
  116: 'Error in MS',
  206: 'Invalid destination address',
} as const
