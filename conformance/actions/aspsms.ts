/**
 * ASPSMS's verbs, one set per interface — `json` (json.aspsms.com), `soap` (aspsmsx2.asmx),
 * `http` (the ASMX HTTP GET/POST bindings of the same service) and `xml` (xmlsvr.asp) — through
 * the reference clients only. The verbs are the clients' method names, and every one answers
 * the clients' {@link AspsmsResult}, so that one scenario reads `status`, `credits` or
 * `records` alike over the four interfaces.
 *
 * Every verb takes `userKey` and `password` to replace the scenario account's (a wrong or an
 * empty credential).
 *
 * @see shared/research/aspsms.md — §1 (SOAP and HTTP), §2 (XML), §3 (JSON)
 */
import type { AsmxClientBase } from '../../client/aspsms/asmx.ts'
import type { AspsmsClient, AspsmsCommonClient, AspsmsResult } from '../../client/aspsms/common.ts'
import { AspsmsHttpClient } from '../../client/aspsms/http.ts'
import { AspsmsJsonClient } from '../../client/aspsms/json.ts'
import { AspsmsSoapClient } from '../../client/aspsms/soap.ts'
import { AspsmsXmlClient } from '../../client/aspsms/xml.ts'
import { providerBase, type ActionDef, type ActionSet, type ScenarioContext } from '../context.ts'
import type { Transport } from '../model.ts'
import {
  argsOf,
  clientOptions,
  codeOf,
  recipientsOf,
  sendInputOf,
  tokenInputOf,
  verifyInputOf,
  type CredentialArgs,
  type SendArgs,
  type TokenArgs,
  type VerifyArgs,
} from './aspsms-args.ts'

/** Where smsim serves each interface; a foreign target is the interface's URL itself. */
const PREFIX = {
  json: '/aspsms/json',
  soap: '/aspsms/aspsmsx2.asmx',
  http: '/aspsms/aspsmsx2.asmx',
  xml: '/aspsms/xmlsvr.asp',
} as const

/** The ASMX bindings' options a step may choose: SOAP 1.1 or 1.2, HTTP GET or POST. */
interface BindingArgs extends CredentialArgs {
  soapVersion?: '1.1' | '1.2'
  method?: 'GET' | 'POST'
}

type Make<C> = (args: BindingArgs, ctx: ScenarioContext) => C

const makeJson: Make<AspsmsJsonClient> = (args, ctx) =>
  new AspsmsJsonClient({ ...clientOptions(args, ctx), baseUrl: providerBase(ctx, PREFIX.json) })
const makeSoap: Make<AspsmsSoapClient> = (args, ctx) =>
  new AspsmsSoapClient({
    ...clientOptions(args, ctx),
    baseUrl: providerBase(ctx, PREFIX.soap),
    ...(args.soapVersion ? { soapVersion: args.soapVersion } : {}),
  })
const makeHttp: Make<AspsmsHttpClient> = (args, ctx) =>
  new AspsmsHttpClient({
    ...clientOptions(args, ctx),
    baseUrl: providerBase(ctx, PREFIX.http),
    ...(args.method ? { method: args.method } : {}),
  })
const makeXml: Make<AspsmsXmlClient> = (args, ctx) =>
  new AspsmsXmlClient({ ...clientOptions(args, ctx), baseUrl: providerBase(ctx, PREFIX.xml) })

/** A verb that builds the transport's client for the step and calls it. */
function verb<C, A extends BindingArgs>(
  description: string,
  make: Make<C>,
  call: (client: C, args: A) => Promise<unknown>,
): ActionDef {
  return {
    description,
    run: (raw, ctx) => {
      const args = argsOf<A>(raw)
      return call(make(args, ctx), args)
    },
  }
}

/** The operations of every interface (AspsmsCommonClient). */
function commonVerbs(make: Make<AspsmsCommonClient>): Record<string, ActionDef> {
  return {
    sendText: verb<AspsmsCommonClient, SendArgs>(
      'SendTextSMS: `{ recipients, text, originator?, deferred?, timeZone?, flashing?, urlDelivered?…, repeat? }` → `{ ok, status, statusText }`',
      make,
      (c, a) => c.sendText(sendInputOf(a)),
    ),
    sendUnicode: verb<AspsmsCommonClient, SendArgs>(
      'the text as UCS-2 whatever it holds (XML: SendBinaryData with XSer 020108), arguments as sendText',
      make,
      (c, a) => c.sendUnicode(sendInputOf(a)),
    ),
    checkCredits: verb('CheckCredits (XML: ShowCredits) → `{ status, credits }`', make, (c) =>
      c.checkCredits(),
    ),
    inquireDeliveryNotifications: verb<AspsmsCommonClient, BindingArgs & { trns?: unknown[] }>(
      'InquireDeliveryNotifications: `{ trns: [...] }` → `{ status, records: [{ trn, status, reason }] }` (0.25 credits per TRN)',
      make,
      (c, a) => c.inquireDeliveryNotifications((a.trns ?? []).map(String)),
    ),
    sendOriginatorUnlockCode: verb<AspsmsCommonClient, BindingArgs & { originator?: unknown }>(
      'SendOriginatorUnlockCode: `{ originator }` — the code is texted to that number',
      make,
      (c, a) => c.sendOriginatorUnlockCode(String(a.originator ?? '')),
    ),
    unlockOriginator: verb<
      AspsmsCommonClient,
      BindingArgs & { originator?: unknown; code?: string; codeIn?: string }
    >(
      'UnlockOriginator: `{ originator, code }`, or `codeIn`: the SMS text the code came in',
      make,
      (c, a) => c.unlockOriginator(String(a.originator ?? ''), codeOf(a)),
    ),
    checkOriginatorAuthorization: verb<AspsmsCommonClient, BindingArgs & { originator?: unknown }>(
      'CheckOriginatorAuthorization: `{ originator }` → status 28–31, `authorized`',
      make,
      (c, a) => c.checkOriginatorAuthorization(String(a.originator ?? '')),
    ),
  }
}

/** What JSON, SOAP and HTTP offer besides: tokens, SendSimpleTextSMS, vouchers, service info. */
function serviceVerbs<C extends AspsmsClient>(
  make: Make<C>,
  extra: {
    sendSimpleText(c: C, input: ReturnType<typeof sendInputOf>): Promise<AspsmsResult>
    createVoucher(c: C, count: number, credits: number, remarks: string): Promise<unknown>
    redeemVoucher(c: C, code: string): Promise<AspsmsResult>
    getStatusCodeDescription(c: C, code: number): Promise<AspsmsResult>
    versionInfo(c: C): Promise<AspsmsResult>
  },
): Record<string, ActionDef> {
  return {
    sendToken: verb<C, TokenArgs>(
      'SendTokenSMS: `{ recipients, reference?, text?, mask?, validityMinutes?, verificationCode?, caseSensitive?, originator? }`',
      make,
      (c, a) => c.sendToken(tokenInputOf(a)),
    ),
    verifyToken: verb<C, VerifyArgs>(
      'VerifyToken: `{ phoneNumber, reference?, code }` (or `codeIn`: the SMS text) → 1, 36–39',
      make,
      (c, a) => c.verifyToken(verifyInputOf(a)),
    ),
    sendSimpleText: verb<C, SendArgs>(
      'SendSimpleTextSMS: `{ recipients, text, originator? }` (no TRN, no options)',
      make,
      (c, a) => extra.sendSimpleText(c, sendInputOf(a)),
    ),
    createVoucher: verb<C, BindingArgs & { count?: number; credits?: number; remarks?: string }>(
      'CreateVoucher (reseller accounts): `{ count, credits, remarks? }` → `{ status, voucherCodes }`',
      make,
      (c, a) =>
        extra.createVoucher(c, Number(a.count ?? 1), Number(a.credits ?? 1), a.remarks ?? ''),
    ),
    redeemVoucher: verb<C, BindingArgs & { code?: unknown }>(
      "RedeemVoucher: `{ code }` — the voucher's credits go to the account",
      make,
      (c, a) => extra.redeemVoucher(c, String(a.code ?? '')),
    ),
    getStatusCodeDescription: verb<C, BindingArgs & { code?: number }>(
      'GetStatusCodeDescription: `{ code }` → `{ status: 1, text }` (no credentials needed)',
      make,
      (c, a) => extra.getStatusCodeDescription(c, Number(a.code)),
    ),
    versionInfo: verb('VersionInfo → `{ status: 1, text }`', make, (c) => extra.versionInfo(c)),
  }
}

/**
 * CreateVoucher over ASMX answers the new codes as one `;`-joined string: `voucherCodes` lists
 * them as the JSON client does, so that a scenario saves `voucherCodes.0` over any interface.
 */
async function asmxCreateVoucher(
  c: AsmxClientBase,
  count: number,
  credits: number,
  remarks: string,
) {
  const result = await c.call('CreateVoucher', {
    NumberOfVouchers: String(count),
    AmountCreditsPerVoucher: String(credits),
    Remarks: remarks,
  })
  return result.status === 1 && result.text
    ? { ...result, voucherCodes: result.text.split(';') }
    : result
}

const ASMX_EXTRA = {
  sendSimpleText: (c: AsmxClientBase, input: ReturnType<typeof sendInputOf>) =>
    c.sendSimpleText(input),
  createVoucher: asmxCreateVoucher,
  redeemVoucher: (c: AsmxClientBase, code: string) => c.call('RedeemVoucher', { RedeemCode: code }),
  getStatusCodeDescription: (c: AsmxClientBase, code: number) => c.getStatusCodeDescription(code),
  versionInfo: (c: AsmxClientBase) => c.versionInfo(),
}

const JSON_EXTRA = {
  sendSimpleText: (c: AspsmsJsonClient, input: ReturnType<typeof sendInputOf>) =>
    c.sendSimpleText(input),
  createVoucher: (c: AspsmsJsonClient, count: number, credits: number, remarks: string) =>
    c.createVoucher(count, credits, remarks),
  redeemVoucher: (c: AspsmsJsonClient, code: string) => c.redeemVoucher(code),
  getStatusCodeDescription: (c: AspsmsJsonClient, code: number) => c.getStatusCodeDescription(code),
  versionInfo: (c: AspsmsJsonClient) => c.versionInfo(),
}

/** An element of an XML document: a text, or children (`VCard: { VName, VPhoneNumber }`). */
type XmlValue = string | number | Record<string, string | number>

interface XmlActionArgs extends CredentialArgs {
  action?: string
  recipients?: Parameters<typeof recipientsOf>[0]
  elements?: Record<string, XmlValue>
}

/**
 * Any Action of the XML interface (SendBinaryData, SendLogo, SendRingtone, SendVCard,
 * SendWAPPushSMS… or one it does not know), with its `<Recipient>`s and other elements.
 */
const xmlAction: ActionDef = verb<AspsmsXmlClient, XmlActionArgs>(
  'any XML Action: `{ action, recipients?, elements?: { XSer, MessageData, URLBinaryFile, MCC, VCard: { VName }… } }`',
  makeXml,
  (c, a) =>
    c.call(String(a.action ?? ''), [
      ...recipientsOf(a.recipients).map((r): [string, string[][]] => {
        const { number, trn } = typeof r === 'string' ? { number: r, trn: undefined } : r
        return ['Recipient', [['PhoneNumber', number], ...(trn ? [['TransRefNumber', trn]] : [])]]
      }),
      ...Object.entries(a.elements ?? {}).map(([name, value]): [string, string | string[][]] => [
        name,
        typeof value === 'object'
          ? Object.entries(value).map(([child, text]) => [child, String(text)])
          : String(value),
      ]),
    ]),
)

const set = (transport: Transport, actions: Record<string, ActionDef>): ActionSet => ({
  provider: 'aspsms',
  transport,
  actions,
})

/**
 * JSON (json.aspsms.com): the common operations, tokens, vouchers and service information.
 *
 * @example
 * // scenarios/aspsms/service.yaml
 * // - createVoucher: { count: 1, credits: 4 }
 * //   save: { voucher: voucherCodes.0 }
 */
export const ASPSMS_JSON_ACTIONS = set('json', {
  ...commonVerbs(makeJson),
  ...serviceVerbs(makeJson, JSON_EXTRA),
  getVoucherTransactions: verb('GetVoucherTransactions → `{ status, vouchers }`', makeJson, (c) =>
    c.getVoucherTransactions(),
  ),
})
/**
 * SOAP (aspsmsx2.asmx), 1.1 unless a step says `soapVersion: '1.2'`.
 *
 * @example
 * // - checkCredits: { soapVersion: '1.2' }
 * //   expect: { status: 1, credits: 10 }
 */
export const ASPSMS_SOAP_ACTIONS = set('soap', {
  ...commonVerbs(makeSoap),
  ...serviceVerbs(makeSoap, ASMX_EXTRA),
})
/**
 * The ASMX HTTP bindings (`aspsmsx2.asmx/<Operation>`), POST unless a step says `method: GET`.
 *
 * @example
 * // - sendText: { method: GET, recipients: ['${phone}'], text: Bonjour }
 * //   expect: { status: 1 }
 */
export const ASPSMS_HTTP_ACTIONS = set('http', {
  ...commonVerbs(makeHttp),
  ...serviceVerbs(makeHttp, ASMX_EXTRA),
})
/**
 * The XML interface (xmlsvr.asp): the common operations, and any other Action through `xmlAction`.
 *
 * @example
 * // - xmlAction: { action: SendRingtone, recipients: ['${phone}'], elements: { URLBinaryFile: 'ftp://x/t.ott' } }
 * //   expect: { status: 4 }
 */
export const ASPSMS_XML_ACTIONS = set('xml', { ...commonVerbs(makeXml), xmlAction })

/**
 * Every ASPSMS set, registered in actions/index.ts.
 *
 * @example
 * findAction('aspsms', 'xml', 'checkCredits', ASPSMS_ACTION_SETS) // the XML client's ShowCredits
 */
export const ASPSMS_ACTION_SETS: readonly ActionSet[] = [
  ASPSMS_JSON_ACTIONS,
  ASPSMS_SOAP_ACTIONS,
  ASPSMS_HTTP_ACTIONS,
  ASPSMS_XML_ACTIONS,
]
