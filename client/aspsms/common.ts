/**
 * What the four ASPSMS clients share: their options, their inputs, and the one result shape
 * every transport answers with, so that a scenario reads `result.status === 1` or
 * `result.records` the same way whether it went through JSON, SOAP, the ASMX HTTP bindings or
 * the XML interface. The fields the requests share are in fields.ts, dates and delivery records
 * in records.ts, the hand-read XML in xml-text.ts.
 *
 * @see shared/research/aspsms.md — §1.3 (SOAP/HTTP result strings), §2.4 (XML reply), §3.3 (JSON)
 */
import { ASMX_NAMESPACE, ASPSMS_URLS, aspsmsStatusText } from '../../simulators/aspsms/wire.ts'

export interface AspsmsClientOptions {
  /** The service's URL; each client has the real service as its default. */
  baseUrl?: string
  /** The UserKey (JSON calls it `UserName`). */
  userKey: string
  password: string
  /** Sent with every send when the input gives none. */
  affiliateId?: string
  /** Give up after this many milliseconds (default 10 s): the call rejects. */
  timeoutMs?: number
  /**
   * The fetch to use. Left out, `globalThis.fetch` is looked up at each call, so that a client
   * built before msw's `server.listen()` still goes through msw.
   */
  fetch?: typeof fetch
}

/** A recipient: a number, or a number with the transaction reference number to track it by. */
export type AspsmsRecipientInput = string | { number: string; trn?: string }

export interface AspsmsNotificationUrls {
  /** Called when the SMS was buffered (phone off); the TRN is appended, or placeholders filled. */
  urlBuffered?: string
  /** Called when the SMS was delivered. */
  urlDelivered?: string
  /** Called when the SMS was not delivered. */
  urlNonDelivered?: string
}

export interface AspsmsSendInput extends AspsmsNotificationUrls {
  recipients: AspsmsRecipientInput | readonly AspsmsRecipientInput[]
  text: string
  originator?: string
  /**
   * Send later. A Date is written in each interface's format (`ddmmyyyyhhmmss` at GMT+1 shifted
   * by {@link timeZone}, ISO 8601 over JSON); a string goes as it is.
   */
  deferred?: Date | string
  /** XMLSPEC's TimeZone: the offset from GMT+1 in hours (GMT+3 → 2, GMT-4 → -5). */
  timeZone?: number
  flashing?: boolean
  affiliateId?: string
  /** JSON's ForceGSM7bit: characters outside GSM 03.38 become `?` instead of forcing UCS-2. */
  forceGsm7?: boolean
}

export interface AspsmsTokenInput extends AspsmsNotificationUrls {
  recipients: AspsmsRecipientInput | readonly AspsmsRecipientInput[]
  /** Left out, the recipient's own number is the sender (TOKENDOC). */
  originator?: string
  /** The text, with `<VERIFICATIONCODE>` where the code goes. */
  text?: string
  reference?: string
  validityMinutes?: number
  /** `#` a digit, `A` a letter, `N` either; other characters are literal (default `NNNN`). */
  mask?: string
  /** A code of the caller's choosing instead of one built from the mask. */
  verificationCode?: string
  caseSensitive?: boolean
  affiliateId?: string
}

export interface AspsmsVerifyInput {
  phoneNumber: string
  reference?: string
  code: string
}

/** One delivery record, the same from every interface. */
export interface AspsmsDeliveryRecord {
  trn: string
  /** -1 not yet submitted, 0 delivered, 1 buffered, 2 not delivered (XMLSPEC Appendix a). */
  status: number
  statusText: string
  /** ISO 8601 UTC; absent while unknown. */
  submittedAt?: string
  notifiedAt?: string
  /** Reason code (0 when delivered); absent while there is none. */
  reason?: number
  reasonText?: string
}

/** The interface a result came through. */
export type AspsmsClientTransport = 'json' | 'soap' | 'http' | 'xml'

/**
 * The result of any call, from any interface.
 *
 * `status` is ASPSMS's status code (1 = OK), read from `StatusCode` (JSON), `StatusCode:n`
 * (SOAP/HTTP) or `<ErrorCode>` (XML); **0 when the answer held none** (an HTTP error page, a
 * SOAP fault, a parser error: `statusText` says what came back). A successful inquiry is 1
 * on every interface, although JSON writes it `"0"`.
 */
export interface AspsmsResult {
  /** The call did what was asked: status 1 (28–31 for CheckOriginatorAuthorization). */
  ok: boolean
  status: number
  statusText: string
  /** CheckCredits: the balance. */
  credits?: number
  /** XML with UsedCredits: what the send cost. */
  creditsUsed?: number
  /** InquireDeliveryNotifications: one record per known TRN. */
  records?: AspsmsDeliveryRecord[]
  /** CheckOriginatorAuthorization: may this originator be used (31 authorized, 28 no restriction). */
  authorized?: boolean
  /** VersionInfo, GetStatusCodeDescription: the text. */
  text?: string
  transport: AspsmsClientTransport
  httpStatus: number
  /** The body as received. */
  raw: string
}

/** The operations every interface offers (the XML interface has no tokens). */
export interface AspsmsCommonClient {
  sendText(input: AspsmsSendInput): Promise<AspsmsResult>
  sendUnicode(input: AspsmsSendInput): Promise<AspsmsResult>
  checkCredits(): Promise<AspsmsResult>
  inquireDeliveryNotifications(trns: readonly string[]): Promise<AspsmsResult>
  sendOriginatorUnlockCode(originator: string): Promise<AspsmsResult>
  unlockOriginator(originator: string, unlockCode: string): Promise<AspsmsResult>
  checkOriginatorAuthorization(originator: string): Promise<AspsmsResult>
}

/** The common operations plus security tokens (JSON, SOAP, HTTP). */
export interface AspsmsClient extends AspsmsCommonClient {
  sendToken(input: AspsmsTokenInput): Promise<AspsmsResult>
  verifyToken(input: AspsmsVerifyInput): Promise<AspsmsResult>
}

/** The web service's XML namespace, as the simulator's WSDL declares it. */
export const ASPSMS_NAMESPACE = ASMX_NAMESPACE
/** The real service's URL of each interface: where a client goes without a `baseUrl`. */
export const ASPSMS_DEFAULT_URLS = ASPSMS_URLS

/** Statuses by which CheckOriginatorAuthorization says where an originator stands. */
const ORIGINATOR_STATES = [28, 29, 30, 31]

/**
 * Builds a result from a status: `ok`, `authorized` and, unless the answer gave one, the text
 * from the code table.
 *
 * @example
 * resultOf('CheckOriginatorAuthorization', 31, { transport: 'soap', httpStatus: 200, raw: '…' })
 * // { ok: true, status: 31, statusText: 'Originator already authorized', authorized: true, … }
 */
export function resultOf(
  operation: string,
  status: number,
  fields: Omit<AspsmsResult, 'ok' | 'status' | 'statusText'> & { statusText?: string },
): AspsmsResult {
  const check = operation === 'CheckOriginatorAuthorization'
  return {
    ok: check ? ORIGINATOR_STATES.includes(status) : status === 1,
    status,
    ...fields,
    statusText: fields.statusText ?? aspsmsStatusText(status) ?? '',
    ...(check && ORIGINATOR_STATES.includes(status)
      ? { authorized: status === 31 || status === 28 }
      : {}),
  }
}

/**
 * A result for an answer that holds no ASPSMS status: status 0.
 *
 * @example
 * unreadable('json', 501, 'Not Implemented').statusText // 'not an ASPSMS answer (HTTP 501): Not Implemented'
 */
export function unreadable(
  transport: AspsmsClientTransport,
  httpStatus: number,
  raw: string,
  why = 'not an ASPSMS answer',
): AspsmsResult {
  return {
    ok: false,
    status: 0,
    statusText: `${why} (HTTP ${httpStatus}): ${raw.slice(0, 200)}`,
    transport,
    httpStatus,
    raw,
  }
}

/** Options with their defaults applied. */
export interface ResolvedOptions {
  baseUrl: string
  userKey: string
  password: string
  affiliateId: string
  timeoutMs: number
  fetch?: typeof fetch
}

/** Options with their defaults (the real service's URL, 10 s, no affiliate). */
export function resolveOptions(options: AspsmsClientOptions, baseUrl: string): ResolvedOptions {
  return {
    ...options,
    baseUrl: (options.baseUrl ?? baseUrl).replace(/\/+$/, ''),
    affiliateId: options.affiliateId ?? '',
    timeoutMs: options.timeoutMs ?? 10_000,
  }
}

/**
 * One HTTP exchange within the timeout; the body as bytes (each client decodes by its own
 * rules). Network errors and timeouts reject: they are not answers of the service.
 */
export async function exchange(
  options: ResolvedOptions,
  url: string,
  init: RequestInit,
): Promise<{ status: number; contentType: string; bytes: Uint8Array }> {
  const doFetch = options.fetch ?? globalThis.fetch
  const response = await doFetch(url, { ...init, signal: AbortSignal.timeout(options.timeoutMs) })
  return {
    status: response.status,
    contentType: response.headers.get('content-type') ?? '',
    bytes: new Uint8Array(await response.arrayBuffer()),
  }
}
