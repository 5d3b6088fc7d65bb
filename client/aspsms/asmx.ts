/**
 * What the SOAP client and the ASMX HTTP GET/POST client share: the parameters of each
 * operation in WSDL order (every one sent, empty when unset, as tschiemer and nadar do — the
 * ASMX HTTP bindings want them all), and the reading of the result string (`StatusCode:1`,
 * `Credits:2321.21`, delivery record lines, a plain text). Only the envelope differs.
 *
 * @see shared/research/aspsms.md — §1.2 "Operations", §1.3 "Result strings", §1.5
 */
import {
  ASMX_OPERATIONS,
  JSON_OPERATIONS,
  type AsmxStringName,
  type JsonOperation,
} from '../../simulators/aspsms/wire.ts'
import {
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
import { notificationFields, recipientString, tokenFields, verifyFields } from './fields.ts'
import { formatDeferred, parseRecordLines } from './records.ts'

/**
 * The operations the ASMX clients call, read from the table the simulator's WSDL and SOAP
 * reader are generated from (simulators/aspsms/operations.ts): those the JSON API has too —
 * the ones real clients call (research §3.2), which leaves out SimpleWAPPush — whose result is
 * a string (GetVoucherTransactions answers an `ArrayOfVouchers`).
 */
export type AsmxOperation = Extract<JsonOperation, AsmxStringName>

const isClientOperation = (name: string, result: string): name is AsmxOperation =>
  result === 'string' && (JSON_OPERATIONS as readonly string[]).includes(name)

/**
 * The parameters of each operation, in WSDL order, from the same table, so that the client
 * cannot send an order the WSDL does not have.
 *
 * @see shared/research/aspsms.md — §1.2
 */
export const ASMX_PARAMETERS: Readonly<Record<AsmxOperation, readonly string[]>> =
  Object.fromEntries(
    ASMX_OPERATIONS.flatMap((o) =>
      isClientOperation(o.name, o.result) ? [[o.name, o.elements]] : [],
    ),
  ) as Record<AsmxOperation, readonly string[]>

/**
 * The parameters of an operation, in WSDL order.
 *
 * @example
 * asmxParameters('CheckCredits') // ['UserKey', 'Password']
 */
export function asmxParameters(operation: AsmxOperation): readonly string[] {
  return ASMX_PARAMETERS[operation]
}

/** What one call brought back: the result text, or why there is none. */
export type AsmxAnswer =
  | { ok: true; text: string; httpStatus: number; raw: string }
  | { ok: false; why: string; httpStatus: number; raw: string }

/**
 * Reads a result string.
 *
 * @example
 * interpretAsmxResult('CheckCredits', 'Credits:2321.21') // { status: 1, credits: 2321.21 }
 */
export function interpretAsmxResult(
  operation: AsmxOperation,
  text: string,
): Pick<AspsmsResult, 'status' | 'credits' | 'records' | 'text'> | undefined {
  const trimmed = text.trim()
  const status = /^StatusCode:\s*(-?\d+)$/i.exec(trimmed)
  if (status) return { status: Number(status[1]) }
  if (operation === 'CheckCredits') {
    // aspsms-t normalises a comma decimal: the separator the service writes is not known.
    const credits = /^Credits:\s*(\d+(?:[.,]\d+)?)$/i.exec(trimmed)
    return credits ? { status: 1, credits: Number(credits[1]!.replace(',', '.')) } : undefined
  }
  if (operation === 'InquireDeliveryNotifications')
    return { status: 1, records: parseRecordLines(text) }
  if (operation === 'VersionInfo' || operation === 'GetStatusCodeDescription')
    return { status: 1, text: trimmed }
  if (operation === 'CreateVoucher' && trimmed !== '') return { status: 1, text: trimmed }
  return undefined
}

/** The typed operations over any ASMX envelope; subclasses say how one call travels. */
export abstract class AsmxClientBase implements AspsmsClient {
  protected readonly options: ResolvedOptions
  protected abstract readonly transport: 'soap' | 'http'

  constructor(options: AspsmsClientOptions, defaultUrl: string) {
    this.options = resolveOptions(options, defaultUrl)
  }

  /** Sends the parameters of `operation` (in WSDL order) and returns its result text. */
  protected abstract invoke(
    operation: AsmxOperation,
    parameters: [string, string][],
  ): Promise<AsmxAnswer>

  /**
   * Calls any operation of the WSDL with these fields (credentials added, missing ones sent
   * empty) and reads the result.
   */
  async call(operation: AsmxOperation, fields: Record<string, string> = {}): Promise<AspsmsResult> {
    const all: Record<string, string> = {
      UserKey: this.options.userKey,
      Password: this.options.password,
      AffiliateId: this.options.affiliateId,
      ...fields,
    }
    const parameters = asmxParameters(operation).map((name): [string, string] => [
      name,
      all[name] ?? '',
    ])
    const answer = await this.invoke(operation, parameters)
    if (!answer.ok) return unreadable(this.transport, answer.httpStatus, answer.raw, answer.why)
    const read = interpretAsmxResult(operation, answer.text)
    if (!read) return unreadable(this.transport, answer.httpStatus, answer.raw)
    return resultOf(operation, read.status, {
      ...read,
      transport: this.transport,
      httpStatus: answer.httpStatus,
      raw: answer.raw,
    })
  }

  /** SendTextSMS: recipients as `num:TRN;num`, a Date deferral as `ddmmyyyyhhmmss` at GMT+1+TimeZone. */
  sendText(input: AspsmsSendInput): Promise<AspsmsResult> {
    return this.call('SendTextSMS', this.#sendFields(input))
  }

  /** SendSimpleTextSMS: `Recipient1;Recipient2`, no TRN, no options. */
  sendSimpleText(
    input: Pick<AspsmsSendInput, 'recipients' | 'text' | 'originator'>,
  ): Promise<AspsmsResult> {
    return this.call('SendSimpleTextSMS', {
      Recipients: recipientString(input.recipients),
      Originator: input.originator ?? '',
      MessageText: input.text,
    })
  }

  /** SendUnicodeSMS (what tschiemer uses for every text): UCS-2 whatever the text. */
  sendUnicode(input: AspsmsSendInput): Promise<AspsmsResult> {
    return this.call('SendUnicodeSMS', this.#sendFields(input))
  }

  /** CheckCredits: `Credits:<n>`, read with a `.` or a `,` decimal. */
  checkCredits(): Promise<AspsmsResult> {
    return this.call('CheckCredits')
  }

  /** InquireDeliveryNotifications: one `TRN;status;…;reason;;` line per record. */
  inquireDeliveryNotifications(trns: readonly string[]): Promise<AspsmsResult> {
    return this.call('InquireDeliveryNotifications', {
      TransactionReferenceNumbers: trns.join(';'),
    })
  }

  /** Step 1 of unlocking a numeric originator: a code is texted to it. */
  sendOriginatorUnlockCode(originator: string): Promise<AspsmsResult> {
    return this.call('SendOriginatorUnlockCode', { Originator: originator })
  }

  /** Step 2: `OriginatorUnlockCode`, with the account's AffiliateId as the WSDL lists it. */
  unlockOriginator(originator: string, unlockCode: string): Promise<AspsmsResult> {
    return this.call('UnlockOriginator', {
      Originator: originator,
      OriginatorUnlockCode: unlockCode,
    })
  }

  /** `StatusCode:31` authorized, `30` not (tschiemer's reading), 28 and 29 as codes.ts says. */
  checkOriginatorAuthorization(originator: string): Promise<AspsmsResult> {
    return this.call('CheckOriginatorAuthorization', { Originator: originator })
  }

  /** SendTokenSMS: note the WSDL's order, Originator before Recipients. */
  sendToken(input: AspsmsTokenInput): Promise<AspsmsResult> {
    return this.call('SendTokenSMS', {
      ...tokenFields(input, recipientString(input.recipients)),
      ...(input.affiliateId !== undefined ? { AffiliateId: input.affiliateId } : {}),
    })
  }

  /** VerifyToken: 1 when right, 36–39 otherwise. */
  verifyToken(input: AspsmsVerifyInput): Promise<AspsmsResult> {
    return this.call('VerifyToken', verifyFields(input))
  }

  /** GetStatusCodeDescription: the result is the text itself, not `StatusCode:n`. */
  getStatusCodeDescription(code: number): Promise<AspsmsResult> {
    return this.call('GetStatusCodeDescription', { StatusCode: String(code) })
  }

  /** VersionInfo: free text; tschiemer reads its first token as the version. */
  versionInfo(): Promise<AspsmsResult> {
    return this.call('VersionInfo')
  }

  #sendFields(input: AspsmsSendInput): Record<string, string> {
    return {
      Recipients: recipientString(input.recipients),
      Originator: input.originator ?? '',
      MessageText: input.text,
      DeferredDeliveryTime:
        input.deferred instanceof Date
          ? formatDeferred(input.deferred, input.timeZone)
          : (input.deferred ?? ''),
      // tschiemer's `setFlashingSMS`: 'True' or nothing.
      FlashingSMS: input.flashing ? 'True' : '',
      TimeZone: input.timeZone === undefined ? '' : String(input.timeZone),
      ...notificationFields(input),
      ...(input.affiliateId !== undefined ? { AffiliateId: input.affiliateId } : {}),
    }
  }
}
