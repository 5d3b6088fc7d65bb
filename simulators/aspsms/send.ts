/**
 * ASPSMS sends: text (SendTextSMS, SendUnicodeSMS, SendSimpleTextSMS), binary and UCS-2 through
 * XSer (SendBinaryData), WAP push, and the XML interface's logos, ringtones, pictures and
 * vCards. One decision for every interface. Pure.
 *
 * Checks, in order (our choice where the sources are silent): recipients (20, 27) → originator
 * (10, 30) → content (11, 12, 13, 14, 15, 16, 21, 27) → deferred time (22) → notification URLs
 * (17, 18, 19) → credits (5) → accepted (1).
 *
 * @see shared/research/aspsms.md — §1.2, §2.3 (actions and their cost), §6 "Rules"
 */
import type { Effect } from '../core/effects.ts'
import type { Account, NewSms, SmsDataCoding } from '../core/model.ts'
import { countSegments, longestText, replaceNonGsm } from '../core/segments.ts'
import type { StateView } from '../core/store.ts'
import { parseDeferred } from './dates.ts'
import { classifyOriginator, MAX_RECIPIENTS, parseRecipient } from './numbers.ts'
import { aspsmsOptions, derivedCode } from './options.ts'
import type { AspsmsReply } from './reply.ts'
import type { AspsmsOperation, AspsmsRequest } from './request.ts'

/** Longest text accepted, in parts (our choice; 27 "Message too long" beyond). */
export const MAX_PARTS = 16
/** LifeTime bounds of the XML interface, in minutes: "not shorter than 3 … not exceed 1440". */
export const LIFETIME_MINUTES = { min: 3, max: 1440, default: 1440 } as const
/** Originator shown when the request gives none (our choice; the real default is unknown). */
export const DEFAULT_ORIGINATOR = 'aspsms.com'

/** Credits per recipient of the actions that are not priced per text part (XMLSPEC §6.3.27). */
const FLAT_PRICE: Partial<Record<AspsmsOperation, number>> = {
  SimpleWAPPush: 1,
  SendLogo: 1,
  SendGroupLogo: 1,
  SendRandomLogo: 1,
  SendRingtone: 1,
  SendVCard: 1,
  SendPictureMessage: 3,
}

type Content =
  { text: string; encoding: SmsDataCoding; segments: number; flash: boolean } | { status: number }

const isUrl = (value: string) => /^https?:\/\/[^\s/]+/i.test(value)

/** The path of a URL, or `undefined` when `new URL` would throw ("http://a b/", a bad port). */
function urlPath(value: string): string | undefined {
  try {
    return new URL(value).pathname
  } catch {
    return undefined
  }
}

export interface SendOutcome {
  reply: AspsmsReply
  effects: Effect[]
}

/** Decides a send for an authenticated account. */
export function decideAspsmsSend(
  request: AspsmsRequest,
  account: Account,
  view: StateView,
  now: Date,
): SendOutcome {
  const refuse = (status: number): SendOutcome => ({
    reply: { kind: 'status', status },
    effects: [],
  })
  if (request.recipients.length === 0) return refuse(20)
  if (request.recipients.length > MAX_RECIPIENTS) return refuse(27)

  const originator = request.originator === '' ? DEFAULT_ORIGINATOR : request.originator
  const kind = classifyOriginator(originator)
  if (kind.kind === 'invalid') return refuse(10)
  if (kind.kind === 'numeric' && !aspsmsOptions(account).unlockedOriginators.includes(kind.digits))
    return refuse(30)

  const content = contentOf(request)
  if ('status' in content) return refuse(content.status)

  const deferred = parseDeferred(
    request.deferredDeliveryTime,
    request.timeZone,
    request.transport === 'json',
  )
  if (deferred === 'invalid') return refuse(22)
  const sendAt = deferred && deferred.getTime() > now.getTime() ? deferred : undefined

  for (const [url, status] of [
    [request.urlBuffered, 17],
    [request.urlDelivered, 18],
    [request.urlNonDelivered, 19],
  ] as const) {
    if (url !== '' && !isUrl(url)) return refuse(status)
  }

  const recipients = request.recipients.map((r) => ({ ...r, parsed: parseRecipient(r.number) }))
  const valid = recipients.filter((r) => r.parsed).length
  const perRecipient = FLAT_PRICE[request.operation] ?? content.segments
  const cost = perRecipient * valid
  if (cost > account.credits) return refuse(5)

  const lifetime = Number(request.extra.LifeTime || LIFETIME_MINUTES.default)
  const validityMs =
    Math.min(
      LIFETIME_MINUTES.max,
      Math.max(
        LIFETIME_MINUTES.min,
        Number.isFinite(lifetime) ? lifetime : LIFETIME_MINUTES.default,
      ),
    ) * 60_000
  const effects: Effect[] =
    cost > 0
      ? [
          {
            kind: 'debit',
            provider: 'aspsms',
            account: account.id,
            amount: cost,
            reason: request.operation,
          },
        ]
      : []
  for (const [index, r] of recipients.entries()) {
    // Every recipient gets a TRN: the client's, or one of ours that the notification URLs carry.
    const trn =
      r.trn ||
      derivedCode(`${account.id}|${r.number}|${now.toISOString()}|${index}`, '0123456789', 10)
    const sms: NewSms = {
      provider: 'aspsms',
      account: account.id,
      transport: request.transport,
      from: originator,
      to: r.parsed?.e164 ?? r.number,
      text: content.text,
      encoding: content.encoding,
      segments: content.segments,
      class: content.flash || request.flashing ? 'flash' : 'normal',
      validityMs,
      ...(sendAt ? { scheduledAt: sendAt.toISOString() } : {}),
      ...(r.parsed ? {} : { failed: 'invalid-destination' }),
      meta: {
        operation: request.operation,
        recipient: r.number,
        trn,
        ...(r.trn ? {} : { trnGenerated: true }),
        ...(request.urlBuffered ? { urlBuffered: request.urlBuffered } : {}),
        ...(request.urlDelivered ? { urlDelivered: request.urlDelivered } : {}),
        ...(request.urlNonDelivered ? { urlNonDelivered: request.urlNonDelivered } : {}),
        ...(request.affiliateId ? { affiliateId: request.affiliateId } : {}),
      },
    }
    effects.push({ kind: 'sms', sms })
  }
  const usedCredits = request.extra.UsedCredits === '1'
  return {
    reply: { kind: 'status', status: 1, ...(usedCredits ? { creditsUsed: cost } : {}) },
    effects,
  }
}

/** What goes on the air for each operation, or the status that refuses it. */
function contentOf(request: AspsmsRequest): Content {
  const x = request.extra
  switch (request.operation) {
    case 'SendTextSMS':
    case 'SendSimpleTextSMS':
    case 'SendTokenSMS':
      return textContent(request.forceGsm7 ? toGsm7(request.text) : request.text, 'auto')
    case 'SendUnicodeSMS':
      return textContent(request.text, 'ucs2')
    case 'SimpleWAPPush': {
      const url = x.WapURL ?? x.WAPPushURL ?? ''
      if (!isUrl(url)) return { status: 11 }
      return binary(`${x.WapDescription ?? x.WAPPushDescription ?? ''} ${url}`.trim(), 1)
    }
    case 'SendBinaryData':
      return binaryData(request.text, x.XSer ?? '')
    case 'SendLogo':
      if (!/^\d{3}$/.test(x.MCC ?? '')) return { status: 14 }
      if (!/^\d{1,3}$/.test(x.MNC ?? '')) return { status: 15 }
      return fileContent(`operator logo ${x.MCC}/${x.MNC}`, /\.(bmp|gif|png|ngg|otb)$/i)
    case 'SendGroupLogo':
      return fileContent('group logo', /\.(bmp|gif|png|ngg|otb)$/i)
    case 'SendRandomLogo':
      return binary('random logo', 1)
    case 'SendRingtone':
      return fileContent('ringtone', /\.(ott|rtttl|rtx|mid|midi)$/i)
    case 'SendPictureMessage': {
      const picture = fileContent('picture', /\.(bmp|gif|png|ngg|otb)$/i)
      return 'status' in picture
        ? picture
        : { ...picture, text: `${picture.text} ${request.text}`.trim(), segments: 3 }
    }
    case 'SendVCard': {
      const name = x['VCard.VName'] ?? ''
      const phone = x['VCard.VPhoneNumber'] ?? ''
      if (name === '' || !/^\+?\d+$/.test(phone)) return { status: 21 }
      return binary(`BEGIN:VCARD\nN:${name}\nTEL:${phone}\nEND:VCARD`, 1)
    }
    default:
      return { status: 11 }
  }

  function fileContent(what: string, types: RegExp): Content {
    const url = x.URLBinaryFile ?? ''
    const hex = x.BinaryFileDataHex ?? ''
    if (url === '' && hex === '') return { status: 21 }
    if (hex !== '') return /^([0-9a-f]{2})+$/i.test(hex) ? binary(what, 1) : { status: 12 }
    const path = isUrl(url) ? urlPath(url) : undefined
    if (path === undefined) return { status: 4 }
    if (!types.test(path)) return { status: 13 }
    return binary(`${what} ${url}`, 1)
  }
}

function textContent(text: string, encoding: 'auto' | 'ucs2'): Content {
  if (text.trim() === '') return { status: 11 }
  // Longer than 16 parts can carry whatever its characters: 27 without counting it.
  if (text.length > longestText(MAX_PARTS)) return { status: 27 }
  const count = countSegments(text, encoding)
  if (count.segments > MAX_PARTS) return { status: 27 }
  return { text, encoding: count.encoding, segments: count.segments, flash: false }
}

function binary(text: string, segments: number): Content {
  return { text, encoding: 'binary', segments, flash: false }
}

/**
 * JSON's `ForceGSM7bit`: every character outside GSM 03.38 becomes `?`.
 * @note by character as the segment counter counts them (grapheme clusters): `👍🏽` or `e` +
 * U+0301 becomes one `?`. Not with `Intl.Segmenter`, whose iteration is quadratic in the text
 * on Node 20 (40,000 characters: 2 s; issue 10), and whose clusters are not the counter's.
 */
function toGsm7(text: string): string {
  return replaceNonGsm(text, '?')
}

/**
 * SendBinaryData: `XSer` carries TLVs, of which type 02 is the data coding scheme (`020108` =
 * UCS-2, `020118` = UCS-2 flash, §6.3.9.1); `MessageData` is hexadecimal.
 */
function binaryData(hex: string, xser: string): Content {
  if (!/^([0-9a-f]{2})+$/i.test(xser)) return { status: 16 }
  const data = hex.replace(/\s+/g, '')
  if (data === '') return { status: 21 }
  if (!/^([0-9a-f]{2})+$/i.test(data)) return { status: 12 }
  const dcs = dataCodingScheme(xser)
  const bytes = Buffer.from(data, 'hex')
  const flash = dcs !== undefined && (dcs & 0x13) === 0x10
  if (dcs !== undefined && (dcs & 0x0c) === 0x08) {
    if (bytes.length % 2 !== 0) return { status: 12 }
    const text = Buffer.from(bytes).swap16().toString('utf16le')
    if (text.length > longestText(MAX_PARTS)) return { status: 27 }
    const count = countSegments(text, 'ucs2')
    if (count.segments > MAX_PARTS) return { status: 27 }
    return { text, encoding: 'ucs2', segments: count.segments, flash }
  }
  // 8-bit data: 140 octets in one SMS, 134 per part with a concatenation header.
  const segments = bytes.length <= 140 ? 1 : Math.ceil(bytes.length / 134)
  if (segments > MAX_PARTS) return { status: 27 }
  return { text: data.toUpperCase(), encoding: 'binary', segments, flash }
}

function dataCodingScheme(xser: string): number | undefined {
  const bytes = Buffer.from(xser, 'hex')
  for (let i = 0; i + 1 < bytes.length;) {
    const type = bytes[i]!
    const length = bytes[i + 1]!
    if (type === 0x02 && length >= 1) return bytes[i + 2]
    i += 2 + length
  }
  return undefined
}
