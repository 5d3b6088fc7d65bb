/**
 * A typed client of ASPSMS's JSON API (`POST https://json.aspsms.com/<Method>`): the documented
 * keys (`UserName` holding the UserKey, `Recipients` as an array, `AffiliateID`), a JSON body
 * with `Content-Type: application/json`, and the answer's string values read into
 * {@link AspsmsResult}.
 *
 * A recipient with a TRN is written `"number:TRN"`, as hitobito does (json-request.ts in the
 * simulator explains why).
 *
 * @see shared/research/aspsms.md — §3 "JSON API (json.aspsms.com)"
 */
import type { JsonOperation } from '../../simulators/aspsms/wire.ts'
import {
  ASPSMS_DEFAULT_URLS,
  exchange,
  resolveOptions,
  resultOf,
  unreadable,
  type AspsmsClient,
  type AspsmsClientOptions,
  type AspsmsResult,
  type AspsmsSendInput,
  type AspsmsTokenInput,
  type AspsmsVerifyInput,
  type ResolvedOptions,
} from './common.ts'
import { notificationFields, recipientEntries, tokenFields, verifyFields } from './fields.ts'
import { deliveryRecord } from './records.ts'

/** A voucher as GetVoucherTransactions lists it. */
export interface AspsmsVoucher {
  code: string
  remark: string
  credits: number
  created: string
  redeemed: string
}

/** A JSON result with the fields only JSON answers carry. */
export interface AspsmsJsonResult extends AspsmsResult {
  /** The answer's JSON object, when it was one. */
  body?: Record<string, unknown>
  /** CreateVoucher: the new codes. */
  voucherCodes?: string[]
  /** GetVoucherTransactions. */
  vouchers?: AspsmsVoucher[]
}

const str = (value: unknown): string =>
  typeof value === 'string' ? value : value === undefined || value === null ? '' : String(value)

/**
 * @example
 * const aspsms = new AspsmsJsonClient({ baseUrl: 'http://127.0.0.1:8780/aspsms/json', userKey: 'DEMOASPSMS', password: 'demo' })
 * const sent = await aspsms.sendText({ recipients: [{ number: '+41791234567', trn: '4242' }], text: 'Grüezi' })
 * if (!sent.ok) console.error(sent.status, sent.statusText)
 * const { records } = await aspsms.inquireDeliveryNotifications(['4242'])
 */
export class AspsmsJsonClient implements AspsmsClient {
  readonly #options: ResolvedOptions

  constructor(options: AspsmsClientOptions) {
    this.#options = resolveOptions(options, ASPSMS_DEFAULT_URLS.json)
  }

  /**
   * Posts `body` (credentials added) to `<baseUrl>/<method>` and reads the answer. For methods
   * and keys the typed calls do not cover.
   */
  async call(method: string, body: Record<string, unknown> = {}): Promise<AspsmsJsonResult> {
    const { baseUrl, userKey, password } = this.#options
    const answer = await exchange(this.#options, `${baseUrl}/${method}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json; charset=utf-8', accept: 'application/json' },
      body: JSON.stringify({ UserName: userKey, Password: password, ...body }),
    })
    const raw = new TextDecoder().decode(answer.bytes)
    let parsed: unknown
    try {
      parsed = JSON.parse(raw)
    } catch {
      return unreadable('json', answer.status, raw)
    }
    if (parsed === null || typeof parsed !== 'object' || !('StatusCode' in parsed))
      return unreadable('json', answer.status, raw)
    const data = parsed as Record<string, unknown>
    const notifications = Array.isArray(data.DeliveryNotifications)
      ? (data.DeliveryNotifications as Record<string, unknown>[])
      : undefined
    let status = Number(str(data.StatusCode))
    // A successful inquiry answers "0" (json-reply.ts): report 1, as the other interfaces do.
    if (notifications && status === 0) status = 1
    if (!Number.isInteger(status)) return unreadable('json', answer.status, raw)
    return {
      ...resultOf(method, status, {
        statusText: str(data.StatusInfo),
        transport: 'json',
        httpStatus: answer.status,
        raw,
        ...(data.Credits !== undefined ? { credits: Number(str(data.Credits)) } : {}),
        ...(notifications ? { records: notifications.map(jsonRecord) } : {}),
        ...(typeof data.VersionInfo === 'string' ? { text: data.VersionInfo } : {}),
        ...(typeof data.Description === 'string' ? { text: data.Description } : {}),
      }),
      body: data,
      ...(Array.isArray(data.VoucherCodes) ? { voucherCodes: data.VoucherCodes.map(str) } : {}),
      ...(Array.isArray(data.Vouchers)
        ? { vouchers: (data.Vouchers as Record<string, unknown>[]).map(jsonVoucher) }
        : {}),
    }
  }

  /** A method of the JSON API (operations.ts): the typed calls name no other. */
  #call(method: JsonOperation, body?: Record<string, unknown>): Promise<AspsmsJsonResult> {
    return this.call(method, body)
  }

  /** SendTextSMS with JSONDOC's whole object: empty keys sent as `""`, as the document lists them. */
  sendText(input: AspsmsSendInput): Promise<AspsmsJsonResult> {
    return this.#call('SendTextSMS', this.#sendFields(input))
  }

  /** SendSimpleTextSMS: recipients, originator and text only. */
  sendSimpleText(input: Pick<AspsmsSendInput, 'recipients' | 'text' | 'originator'>) {
    return this.#call('SendSimpleTextSMS', {
      Originator: input.originator ?? '',
      Recipients: recipientEntries(input.recipients),
      MessageText: input.text,
    })
  }

  /** SendUnicodeSMS: the text goes as UCS-2 even when GSM 7-bit could carry it (70 characters a part). */
  sendUnicode(input: AspsmsSendInput): Promise<AspsmsJsonResult> {
    return this.#call('SendUnicodeSMS', this.#sendFields(input))
  }

  /** CheckCredits: `credits` is the balance (a string on the wire, `"2321.21"`). */
  checkCredits(): Promise<AspsmsJsonResult> {
    return this.#call('CheckCredits')
  }

  /**
   * InquireDeliveryNotifications, the TRNs `;`-joined as hitobito sends them; `records` has one
   * entry per TRN the service knows. Costs 0.25 credits per TRN.
   */
  inquireDeliveryNotifications(trns: readonly string[]): Promise<AspsmsJsonResult> {
    return this.#call('InquireDeliveryNotifications', {
      TransactionReferenceNumbers: trns.join(';'),
    })
  }

  /** Step 1 of unlocking a numeric originator: the service texts a code to that number. */
  sendOriginatorUnlockCode(originator: string): Promise<AspsmsJsonResult> {
    return this.#call('SendOriginatorUnlockCode', { Originator: originator })
  }

  /** Step 2: the code received; `OriginatorUnlockCode` is the WSDL's name (the Python class says `UnlockCode`). */
  unlockOriginator(originator: string, unlockCode: string): Promise<AspsmsJsonResult> {
    return this.#call('UnlockOriginator', {
      Originator: originator,
      OriginatorUnlockCode: unlockCode,
      AffiliateID: this.#options.affiliateId,
    })
  }

  /** Where an originator stands: `authorized` for 31 (unlocked) and 28 (alphanumeric, no restriction). */
  checkOriginatorAuthorization(originator: string): Promise<AspsmsJsonResult> {
    return this.#call('CheckOriginatorAuthorization', { Originator: originator })
  }

  /** SendTokenSMS: the text is `MessageData` here, with `<VERIFICATIONCODE>` where the code goes. */
  sendToken(input: AspsmsTokenInput): Promise<AspsmsJsonResult> {
    return this.#call('SendTokenSMS', {
      ...tokenFields(input, recipientEntries(input.recipients)),
      AffiliateID: input.affiliateId ?? this.#options.affiliateId,
    })
  }

  /** VerifyToken: 1 when right, 36–39 otherwise (codes.ts says which when). */
  verifyToken(input: AspsmsVerifyInput): Promise<AspsmsJsonResult> {
    return this.#call('VerifyToken', verifyFields(input))
  }

  /** CreateVoucher (reseller accounts): `voucherCodes` lists the new codes. */
  createVoucher(count: number, creditsEach: number, remarks = ''): Promise<AspsmsJsonResult> {
    return this.#call('CreateVoucher', {
      NumberOfVouchers: String(count),
      AmountCreditsPerVoucher: String(creditsEach),
      Remarks: remarks,
    })
  }

  /** RedeemVoucher: the voucher's credits go to this account. */
  redeemVoucher(code: string): Promise<AspsmsJsonResult> {
    return this.#call('RedeemVoucher', { RedeemCode: code })
  }

  /** GetVoucherTransactions: the vouchers this account created, redeemed or not. */
  getVoucherTransactions(): Promise<AspsmsJsonResult> {
    return this.#call('GetVoucherTransactions')
  }

  /** GetStatusCodeDescription: `text` is the code's description (no credentials needed). */
  getStatusCodeDescription(code: number): Promise<AspsmsJsonResult> {
    return this.#call('GetStatusCodeDescription', { StatusCode: String(code) })
  }

  /** VersionInfo: `text` is the version string. */
  versionInfo(): Promise<AspsmsJsonResult> {
    return this.#call('VersionInfo')
  }

  /** JSONDOC's SendTextSMS object, every key present. */
  #sendFields(input: AspsmsSendInput): Record<string, unknown> {
    return {
      Originator: input.originator ?? '',
      Recipients: recipientEntries(input.recipients),
      MessageText: input.text,
      DeferredDeliveryTime:
        input.deferred instanceof Date ? input.deferred.toISOString() : (input.deferred ?? ''),
      FlashingSMS: input.flashing ? 'True' : '',
      ...(input.timeZone !== undefined ? { TimeZone: String(input.timeZone) } : {}),
      ...notificationFields(input),
      AffiliateID: input.affiliateId ?? this.#options.affiliateId,
      ForceGSM7bit: input.forceGsm7 ?? false,
    }
  }
}

function jsonRecord(n: Record<string, unknown>) {
  const iso = (value: unknown) => {
    const text = str(value)
    const time = Date.parse(text)
    return text && !Number.isNaN(time)
      ? new Date(time).toISOString().replace('.000Z', 'Z')
      : undefined
  }
  return deliveryRecord({
    trn: str(n.TransactionReferenceNumber),
    status: str(n.DeliveryStatus),
    statusText: str(n.DeliveryStatusDescription),
    submittedAt: iso(n.SubmissionDate),
    notifiedAt: iso(n.NotificationDate),
    reason: str(n.Reasoncode ?? n.ReasonCode),
    reasonText: str(n.ReasoncodeDescription ?? n.ReasonCodeDescription),
  })
}

function jsonVoucher(v: Record<string, unknown>): AspsmsVoucher {
  return {
    code: str(v.VoucherCode),
    remark: str(v.Remark),
    credits: Number(str(v.Credits)),
    created: str(v.Created),
    redeemed: str(v.Redeemed),
  }
}
