/**
 * smsim's reference clients: one module per provider, typed results, usable on their own
 * against the real providers (set the base URL) as well as against smsim.
 */
export {
  SmstobHttpClient,
  interpretSmstobAnswer,
  formatDiff,
  SMSTOB_DEFAULT_BASE_URL,
  type SmstobClientOptions,
  type SmstobSendInput,
  type SmstobResult,
} from './smstob/http.ts'
export {
  SmstobMailSender,
  buildSmstobMail,
  readSmstobReply,
  SMSTOB_MAIL_DOMAIN,
  type SmstobMailInput,
  type SmstobMailMessage,
  type SmstobMailSenderOptions,
  type SmstobMailSent,
  type SmstobReply,
} from './smstob/mail.ts'
export { AspsmsJsonClient, type AspsmsJsonResult, type AspsmsVoucher } from './aspsms/json.ts'
export { AspsmsSoapClient, soapEnvelope, type AspsmsSoapClientOptions } from './aspsms/soap.ts'
export { AspsmsHttpClient, type AspsmsHttpClientOptions } from './aspsms/http.ts'
export { AspsmsXmlClient, encodeXmlText, xmlDocument, XML_PROLOG } from './aspsms/xml.ts'
export { ASMX_PARAMETERS, interpretAsmxResult, type AsmxOperation } from './aspsms/asmx.ts'
export {
  ASPSMS_DEFAULT_URLS,
  ASPSMS_NAMESPACE,
  type AspsmsClient,
  type AspsmsClientOptions,
  type AspsmsClientTransport,
  type AspsmsCommonClient,
  type AspsmsDeliveryRecord,
  type AspsmsRecipientInput,
  type AspsmsResult,
  type AspsmsSendInput,
  type AspsmsTokenInput,
  type AspsmsVerifyInput,
} from './aspsms/common.ts'
export { formatDeferred, parseAspsmsDate } from './aspsms/records.ts'
export {
  AllmysmsMailSender,
  buildAllmysmsSubject,
  formatMail2SmsDate,
  readAllmysmsReply,
  allmysmsCodeOf,
  MAIL2SMS_ADDRESS,
  type AllmysmsMailInput,
  type AllmysmsMailSenderOptions,
  type AllmysmsMailSent,
  type AllmysmsReply,
  type AllmysmsSubjectInput,
} from './allmysms/mail.ts'
export {
  AllmysmsHttpClient,
  readSendAnswer as readAllmysmsHttpAnswer,
  type AllmysmsHttpClientOptions,
  type AllmysmsHttpSendInput,
  type AllmysmsHttpSendResult,
  type AllmysmsAck,
} from './allmysms/http.ts'
export {
  IsendproMailSender,
  buildIsendproEnvoi,
  buildIsendproMail,
  buildMessageCsv,
  buildMobilesCsv,
  newEmailId,
  ISENDPRO_MAIL_ADDRESS,
  type IsendproCsvLine,
  type IsendproEnvoiOptions,
  type IsendproMailSenderOptions,
  type IsendproMailSent,
  type IsendproRecipient,
  type IsendproSendInput,
} from './isendpro/mail.ts'
export {
  readIsendproAck,
  readIsendproNot,
  readIsendproReply,
  isendproCodeOf,
  isendproAckCodeOf,
  type IsendproAck,
  type IsendproNot,
  type IsendproNotEntry,
} from './isendpro/replies.ts'
export {
  IsendproRestClient,
  ISENDPRO_REST_URL,
  type IsendproRestOptions,
  type IsendproRestResult,
  type IsendproRestEntry,
  type IsendproSendOptions,
} from './isendpro/rest.ts'
