/**
 * The operations of research §1.2, restated by hand from the captured WSDL's table, so that the
 * tests check the generated WSDL and the bindings against the source and not against the
 * table they were generated from (simulators/aspsms/operations.ts).
 *
 * @see shared/research/aspsms.md — §1.2 "Operations"
 */

const SEND_OPTIONS = [
  'DeferredDeliveryTime',
  'FlashingSMS',
  'TimeZone',
  'URLBufferedMessageNotification',
  'URLDeliveryNotification',
  'URLNonDeliveryNotification',
  'AffiliateId',
]

/** Operation → request elements, in WSDL order; the operations in WSDL order. */
export const RESEARCH_OPERATIONS: Readonly<Record<string, readonly string[]>> = {
  SimpleWAPPush: [
    'UserKey',
    'Password',
    'Recipients',
    'Originator',
    'WapDescription',
    'WapURL',
    ...SEND_OPTIONS,
  ],
  SendSimpleTextSMS: ['UserKey', 'Password', 'Recipients', 'Originator', 'MessageText'],
  SendTextSMS: ['UserKey', 'Password', 'Recipients', 'Originator', 'MessageText', ...SEND_OPTIONS],
  SendUnicodeSMS: [
    'UserKey',
    'Password',
    'Recipients',
    'Originator',
    'MessageText',
    ...SEND_OPTIONS,
  ],
  CheckCredits: ['UserKey', 'Password'],
  SendOriginatorUnlockCode: ['UserKey', 'Password', 'Originator'],
  UnlockOriginator: ['UserKey', 'Password', 'Originator', 'OriginatorUnlockCode', 'AffiliateId'],
  CheckOriginatorAuthorization: ['UserKey', 'Password', 'Originator'],
  VerifyToken: ['UserKey', 'Password', 'PhoneNumber', 'TokenReference', 'VerificationCode'],
  SendTokenSMS: [
    'UserKey',
    'Password',
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
  InquireDeliveryNotifications: ['UserKey', 'Password', 'TransactionReferenceNumbers'],
  RedeemVoucher: ['UserKey', 'Password', 'RedeemCode'],
  CreateVoucher: ['UserKey', 'Password', 'NumberOfVouchers', 'AmountCreditsPerVoucher', 'Remarks'],
  GetVoucherTransactions: ['UserKey', 'Password'],
  GetStatusCodeDescription: ['StatusCode'],
  VersionInfo: [],
}

export const NAMESPACE = 'https://webservice.aspsms.com/aspsmsx2.asmx'
