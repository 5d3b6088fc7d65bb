/**
 * allmysms HTTP API 9.0's decisions: a send (`sendSms`, the simplified send), its simulation
 * (`simulateCampaign`) and the reads (`getInfo`, `getAcks`, `getAckBySmsId`, `getBlacklist`).
 * Pure: from the request's fields, the account state and the clock, the answer and the effects.
 *
 * The account is the one Mail2SMS uses (same login, same apiKey, same credits, same phones),
 * and so are the rules that are the account's whatever the interface: the sender rule and its
 * STOP mention (sender.ts), one credit per part per recipient, the Europe/Paris dates.
 *
 * Precedence, when several codes could apply (ours; nothing public gives one):
 * 102 → 105 → 106 → 107 / 109 / 112 (the stream, as read) → 108 → 118 → 110 → 107 (too many
 * recipients) → 111 → 117 → 114 → 115 → 103 → 104 → 113 / 101 / 100. The credentials come first because they are outside
 * the stream; credit last because it needs the parts and the recipients.
 *
 * @see shared/research/french-providers.md — §B.1.1, §B.1.4
 */
import type { Effect } from '../core/effects.ts'
import type { Account, Sms } from '../core/model.ts'
import type { ParsedNumber } from '../core/phone.ts'
import { countSegments } from '../core/segments.ts'
import type { StateView } from '../core/store.ts'
import { blacklistOf } from './blacklist.ts'
import { CREDITS_PER_PART, SMS_VALIDITY_MS } from './decide.ts'
import { httpStatusText, type AllmysmsHttpCode, type StreamTag } from './codes.ts'
import { mergeParams, type SendInput, type StreamReading } from './http-request.ts'
import { MAX_MESSAGE_CHARS, MAX_RECIPIENTS, MAX_TRACKED_LINK_CHARS } from './wire.ts'
import { chooseSender } from './sender.ts'
import { parseRecipient } from './subject.ts'
import { formatMail2SmsDate, parseMail2SmsDate } from './wire.ts'

/** An answer of the API: a JSON object (written by http.ts). */
export type HttpAnswer = Record<string, unknown>

export interface HttpDecision {
  answer: HttpAnswer
  effects: Effect[]
  code?: AllmysmsHttpCode
  account?: string
}

/** The error answer every operation shares: `{"status":102,"statusText":"…"}`. */
export function errorAnswer(
  code: AllmysmsHttpCode,
  fill: { tag?: StreamTag; needed?: number; available?: number } = {},
): HttpAnswer {
  return { status: code, statusText: httpStatusText(code, fill) }
}

/** The account `login` + `apiKey` name, or undefined (102). */
export function authenticate(
  view: StateView,
  login: string | undefined,
  apiKey: string | undefined,
): Account | undefined {
  if (!login || !apiKey) return undefined
  const account = view.account('allmysms', login)
  return account && account.secret === apiKey ? account : undefined
}

/** A number without its `+`, as allmysms writes them (`336XXXXXXXX`). */
const bare = (e164: string) => e164.replace(/^\+/, '')

/**
 * Decides a send or its simulation.
 *
 * @param reading the stream read (sendSms), or the simplified send's input
 * @param simulate `simulateCampaign`: the same checks and figures, nothing sent or debited
 */
export function decideHttpSend(
  auth: { login?: string; apiKey?: string },
  reading: StreamReading,
  view: StateView,
  now: Date,
  simulate = false,
): HttpDecision {
  const account = authenticate(view, auth.login, auth.apiKey)
  const fail = (
    code: AllmysmsHttpCode,
    fill: { tag?: StreamTag; needed?: number; available?: number } = {},
  ): HttpDecision => ({
    answer: errorAnswer(code, fill),
    effects: [],
    code,
    ...(account ? { account: account.id } : {}),
  })
  if (!account) return fail(102)
  if (!reading.ok) return fail(reading.code, reading.tag ? { tag: reading.tag } : {})
  const input: SendInput = reading.input
  if (input.client !== undefined && input.client !== account.id.toUpperCase()) return fail(108)
  if (input.masterAccount !== undefined && !view.account('allmysms', input.masterAccount))
    return fail(118)
  if (input.message.trim() === '') return fail(110)
  if (input.recipients.length > MAX_RECIPIENTS) return fail(107, { tag: 'SMS' })

  // One text per recipient once merged; the longest decides 111.
  const texts = input.recipients.map((r) => mergeParams(input.message, input.dynamic, r.params))
  if (texts.some((t) => t.length > MAX_MESSAGE_CHARS)) return fail(111)
  if (input.tracking && texts.some(hasLongLink)) return fail(117)

  const invalid: string[] = []
  const blacklisted: string[] = []
  const listed = new Set(blacklistOf(account).map((e) => e.phoneNumber))
  const sends = new Map<string, { number: ParsedNumber; text: string }>()
  input.recipients.forEach((recipient, i) => {
    const number = parseRecipient(recipient.mobile)
    if (!number) invalid.push(recipient.mobile)
    else if (
      view.numberState(number.e164).status === 'blacklisted' ||
      listed.has(bare(number.e164))
    )
      blacklisted.push(recipient.mobile)
    // The same phone twice gets the SMS once (ours, as Mail2SMS).
    else if (!sends.has(number.e164)) sends.set(number.e164, { number, text: texts[i]! })
  })
  if (sends.size === 0) return fail(114)

  let sendAt: Date | undefined
  if (input.date !== undefined) {
    const parsed = parseMail2SmsDate(input.date)
    if (!parsed) return fail(115)
    // A time already past is sent at once (ours, as Mail2SMS).
    if (parsed.getTime() > now.getTime()) sendAt = parsed
  }

  const counted = [...sends.values()].map((s) => ({ ...s, count: countSegments(s.text) }))
  const parts = counted.reduce((sum, s) => sum + s.count.segments, 0)
  const cost = parts * CREDITS_PER_PART
  if (account.credits <= 0) return fail(103)
  if (cost > account.credits) return fail(104, { needed: cost, available: account.credits })

  const code: AllmysmsHttpCode = invalid.length ? 113 : sendAt ? 101 : 100
  const invalidNumbers = [...invalid, ...blacklisted].join('|')
  if (simulate)
    return {
      // simulateCampaign's figures are JSON numbers, unlike sendSms's ([DAVAXI-OUT] verbatim).
      answer: {
        status: code,
        statusText: httpStatusText(code),
        invalidNumbers,
        nbCredits: cost,
        nbContacts: sends.size,
        nbSms: parts,
      },
      effects: [],
      code,
      account: account.id,
    }

  const campaignId = nextCampaignId(view, account.id)
  const effects: Effect[] = [
    { kind: 'debit', provider: 'allmysms', account: account.id, amount: cost, reason: 'HTTP API' },
  ]
  const newlyListed = blacklisted
    .map((m) => parseRecipient(m)!)
    .filter((n) => !listed.has(bare(n.e164)))
  if (newlyListed.length)
    effects.push({
      kind: 'options',
      provider: 'allmysms',
      account: account.id,
      set: {
        blacklist: [
          ...blacklistOf(account),
          ...[...new Set(newlyListed.map((n) => bare(n.e164)))].map((phoneNumber) => ({
            phoneNumber,
            comment: 'stop',
            receptionDate: formatMail2SmsDate(now),
          })),
        ],
      },
    })
  const smsIds: { phoneNumber: string; smsId: string }[] = []
  counted.forEach(({ number, text, count }, i) => {
    const smsId = smsIdOf(campaignId, i)
    smsIds.push({ phoneNumber: bare(number.e164), smsId })
    const sender = chooseSender(input.tpoa, text.trimEnd(), number)
    effects.push({
      kind: 'sms',
      sms: {
        provider: 'allmysms',
        account: account.id,
        transport: 'http',
        from: sender.from,
        to: number.e164,
        text,
        encoding: count.encoding,
        segments: count.segments,
        class: input.flash ? 'flash' : 'normal',
        validityMs: SMS_VALIDITY_MS,
        ...(sendAt ? { scheduledAt: sendAt.toISOString() } : {}),
        meta: {
          campaignId,
          smsId,
          ...(input.cliMsgId !== undefined ? { cliMsgId: input.cliMsgId } : {}),
          ...(input.campaignName !== undefined ? { campaignName: input.campaignName } : {}),
          ...(input.tpoa !== undefined ? { senderAsked: input.tpoa } : {}),
          ...(sender.replaced ? { senderReplaced: sender.replaced } : {}),
        },
      },
    })
  })
  return {
    // Counts as strings and `status` a number, as the public answers ([DAVAXI-OUT]).
    answer: {
      status: code,
      statusText: httpStatusText(code),
      invalidNumbers,
      campaignId,
      credits: String(account.credits - cost),
      creditsUsed: String(cost),
      nbContacts: String(sends.size),
      nbSms: String(parts),
      smsIds,
    },
    effects,
    code,
    account: account.id,
  }
}

/** A link of the text longer than code 117 allows. */
function hasLongLink(text: string): boolean {
  return (text.match(/https?:\/\/\S+/gi) ?? []).some((l) => l.length > MAX_TRACKED_LINK_CHARS)
}

/** The account's campaigns so far, by id, oldest first. */
function campaignsOf(view: StateView, account: string): Map<string, Sms[]> {
  const campaigns = new Map<string, Sms[]>()
  for (const sms of view.messages({ provider: 'allmysms', account })) {
    const id = sms.meta.campaignId
    if (typeof id !== 'string') continue
    const list = campaigns.get(id)
    if (list) list.push(sms)
    else campaigns.set(id, [sms])
  }
  return campaigns
}

/**
 * The next campaign id of an account: `ap_` and a sequence, the shape of the public example
 * `ap_28423xxxxx` (ours: the real numbering is not public).
 */
function nextCampaignId(view: StateView, account: string): string {
  // The newest campaign's number plus one: the ids are this sequence and the list is oldest
  // first, so the last SMS with an id carries the highest — the count of campaigns, as
  // campaignsOf(…).size, without walking the account's whole history on every send (that made
  // each send cost in proportion to the SMS already stored). The account is compared here, not
  // by the store's filter, which normalises both ids of every SMS (allmysms's ids are not
  // normalised: the same test).
  const sms = view.messages({ provider: 'allmysms' })
  let seq = 1
  for (let i = sms.length - 1; i >= 0; i--) {
    if (sms[i]!.account !== account) continue
    const id = sms[i]!.meta.campaignId
    if (typeof id !== 'string') continue
    const n = CAMPAIGN_ID.exec(id)
    if (n) seq = Number(n[1]) + 1
    break
  }
  return `ap_${String(seq).padStart(10, '0')}`
}

const CAMPAIGN_ID = /^ap_(\d+)$/

/** A UUID-shaped smsId (the public example is a UUID), made of the campaign and the rank. */
function smsIdOf(campaignId: string, rank: number): string {
  const seq = Number(campaignId.slice(3)).toString(16).padStart(8, '0')
  return `${seq}-0000-4000-8000-${rank.toString(16).padStart(12, '0')}`
}

/**
 * An SMS's delivery report: `statut` as davaxi labels them ('1' Issued, '2' Not delivered,
 * '3' Transmitted to operator, '4' Message rejected, '5' SMS rejected — probably unknown
 * number / absent subscriber) [DAVAXI-ACK]; which state maps to which is ours.
 */
export function ackOf(sms: Sms): Record<string, string> {
  const [statut, comment] = ((): [string, string] => {
    if (sms.status === 'delivered') return ['1', 'Delivered']
    if (sms.status === 'scheduled' || sms.status === 'buffered')
      return ['3', 'Transmitted to operator']
    if (sms.status === 'expired' || sms.reason === 'memory-full')
      return ['2', 'Not delivered (sent by Operator)']
    if (sms.reason === 'unassigned' || sms.reason === 'absent')
      return ['5', 'SMS rejected (probably unknown number / absent subscriber)']
    return ['4', 'Message rejected']
  })()
  const at = sms.deliveredAt ?? sms.failedAt
  return {
    phoneNumber: bare(sms.to),
    statut,
    comment,
    receptionDate: at ? formatMail2SmsDate(new Date(at)) : '',
  }
}

/** `getAcks`: the reports of one campaign of the account (none for an unknown one: ours). */
export function decideGetAcks(account: Account, campId: string, view: StateView): HttpAnswer {
  const sms = campaignsOf(view, account.id).get(campId) ?? []
  const cliMsgId = sms[0]?.meta.cliMsgId
  return {
    acks: sms.map(ackOf),
    ...(typeof cliMsgId === 'string' ? { cliMsgId } : {}),
  }
}

/** `getAckBySmsId`: one SMS's report with its ids; an unknown smsId answers `statut` "0" (ours). */
export function decideGetAckBySmsId(account: Account, smsId: string, view: StateView): HttpAnswer {
  const sms = view
    .messages({ provider: 'allmysms', account: account.id })
    .find((s) => s.meta.smsId === smsId)
  if (!sms) return { smsId, statut: '0', comment: 'Unknown smsId' }
  return { smsId, campaignId: sms.meta.campaignId, ...ackOf(sms) }
}

/** `getInfo`: the account, credits as a string ([DAVAXI-ACCOUNT]). */
export function decideGetInfo(account: Account): HttpAnswer {
  const opt = (name: string) =>
    typeof account.options[name] === 'string' ? (account.options[name] as string) : ''
  return {
    status: 'Active Account',
    credits: String(account.credits),
    apiKey: account.secret,
    lastName: opt('lastName'),
    firstName: opt('firstName'),
    society: opt('society'),
    email: opt('email'),
  }
}

/**
 * `getBlacklist`: the numbers the account's sends found on the STOP list (recorded at the send
 * that met them, ours), and those a Mail2SMS SMS of the account failed on.
 */
export function decideGetBlacklist(account: Account, view: StateView): HttpAnswer {
  const list = [...blacklistOf(account)]
  const seen = new Set(list.map((e) => e.phoneNumber))
  for (const sms of view.messages({ provider: 'allmysms', account: account.id })) {
    if (sms.reason !== 'blacklisted' || seen.has(bare(sms.to))) continue
    seen.add(bare(sms.to))
    list.push({
      phoneNumber: bare(sms.to),
      comment: 'stop',
      receptionDate: formatMail2SmsDate(new Date(sms.failedAt ?? sms.submittedAt)),
    })
  }
  return { blacklist: list }
}

/**
 * `deleteCampaign`: the campaign's SMS still scheduled are cancelled (they fail with the reason
 * `cancelled`) and their credits given back; `{"status":"OK"}` ([DAVAXI-ACCOUNT]). What is
 * already on the network stays sent. An unknown campaign answers `{"status":"KO"}` (ours: the
 * public answers show only OK), and so does a campaign with nothing left to cancel (ours).
 */
export function decideDeleteCampaign(
  account: Account,
  campId: string,
  view: StateView,
): { answer: HttpAnswer; effects: Effect[] } {
  const scheduled = (campaignsOf(view, account.id).get(campId) ?? []).filter(
    (sms) => sms.status === 'scheduled',
  )
  if (scheduled.length === 0) return { answer: { status: 'KO' }, effects: [] }
  const refund = scheduled.reduce((sum, sms) => sum + sms.segments * CREDITS_PER_PART, 0)
  return {
    answer: { status: 'OK' },
    effects: [
      {
        kind: 'cancel',
        provider: 'allmysms',
        account: account.id,
        ids: scheduled.map((sms) => sms.id),
        reason: 'cancelled',
      },
      // A negative debit gives the credits back (ours: the public sources say nothing of it).
      {
        kind: 'debit',
        provider: 'allmysms',
        account: account.id,
        amount: -refund,
        reason: `deleteCampaign ${campId}`,
      },
    ],
  }
}
