/**
 * A typed client of allmysms's HTTP API 9.0: `sendSms` with a JSON or XML `smsData`, the
 * simplified send, `simulateCampaign`, `getInfo`, `getAcks`, `getAckBySmsId` and
 * `getBlacklist`. It posts a form (urlencoded, or multipart as PHP's curl does, or a GET query)
 * and reads the JSON the service answers as `text/html`. The base URL is configurable, so the
 * same client talks to smsim (`http://127.0.0.1:8780/allmysms/http/9.0`) or to the real
 * service (`https://api.allmysms.com/http/9.0`).
 *
 * @see shared/research/french-providers.md — §B.1.1
 */
import { codeEntry } from '../../simulators/core/codes.ts'
import {
  ALLMYSMS_HTTP_CODES,
  ALLMYSMS_HTTP_URL,
  formatMail2SmsDate as formatAllmysmsDate,
  type AllmysmsHttpCode,
} from '../../simulators/allmysms/wire.ts'

export { formatAllmysmsDate }

export interface AllmysmsHttpClientOptions {
  /** The API's base, version included (default the real service's). */
  baseUrl?: string
  login: string
  apiKey: string
  /** How the fields travel: urlencoded POST (default), multipart POST, or a GET query. */
  encoding?: 'urlencoded' | 'multipart' | 'query'
  /** `smsData` as JSON (default) or XML. */
  stream?: 'json' | 'xml'
  timeoutMs?: number
  fetch?: typeof fetch
}

export interface AllmysmsRecipient {
  mobile: string
  /** Values of `#param_1#`, `#param_2#`… in order. */
  params?: readonly string[]
}

export interface AllmysmsHttpSendInput {
  message: string
  /** Numbers, or recipients with their `#param_N#` values. */
  recipients: readonly (string | AllmysmsRecipient)[]
  tpoa?: string
  /** Send later: a Date (written as Europe/Paris `YYYY-MM-DD hh:mm:ss`) or the raw string. */
  date?: Date | string
  flash?: boolean
  campaignName?: string
  cliMsgId?: string
  masterAccount?: string
  tracking?: boolean
}

/** A send's answer, read. `ok` for 100, 101 and 113 (some numbers refused, the others sent). */
export interface AllmysmsHttpSendResult {
  ok: boolean
  /** The status, when it is one of the public codes. */
  code: AllmysmsHttpCode | undefined
  status: number | undefined
  statusText: string
  /** `invalidNumbers` split at `|`. */
  invalidNumbers: string[]
  campaignId?: string
  credits?: number
  creditsUsed?: number
  nbContacts?: number
  nbSms?: number
  smsIds: { phoneNumber: string; smsId: string }[]
  /** The answer as parsed. */
  raw: Record<string, unknown>
  httpStatus: number
}

export interface AllmysmsAck {
  phoneNumber: string
  statut: string
  comment: string
  receptionDate: string
}

/**
 * @example
 * const client = new AllmysmsHttpClient({ baseUrl: 'http://127.0.0.1:8780/allmysms/http/9.0', login: 'arthur45', apiKey: 'de135f8d2a091e4' })
 * const sent = await client.send({ message: 'Bonjour', recipients: ['0612121515'] })
 * const acks = await client.getAcks(sent.campaignId!)
 */
export class AllmysmsHttpClient {
  readonly #options: AllmysmsHttpClientOptions

  constructor(options: AllmysmsHttpClientOptions) {
    this.#options = options
  }

  /** `sendSms` with `smsData`. */
  async send(input: AllmysmsHttpSendInput): Promise<AllmysmsHttpSendResult> {
    return readSendAnswer(await this.call('sendSms/', { smsData: this.smsData(input) }))
  }

  /** `simulateCampaign`: the same checks, nothing sent; `nbCredits` is what it would cost. */
  async simulate(
    input: AllmysmsHttpSendInput,
  ): Promise<AllmysmsHttpSendResult & { nbCredits?: number }> {
    const answer = await this.call('simulateCampaign/', { smsData: this.smsData(input) })
    const result = readSendAnswer(answer)
    const nbCredits = numberOf(answer.json.nbCredits)
    return { ...result, ...(nbCredits !== undefined ? { nbCredits } : {}) }
  }

  /** The simplified send: plain parameters at the base path. */
  async sendSimple(input: {
    message: string
    mobiles: readonly string[]
    tpoa?: string
    date?: Date | string
    flash?: boolean
    campaign?: string
  }): Promise<AllmysmsHttpSendResult> {
    return readSendAnswer(
      await this.call('', {
        message: input.message,
        mobile: input.mobiles.join(';'),
        tpoa: input.tpoa ?? '',
        date: dateOf(input.date) ?? '',
        flash: input.flash ? '1' : '0',
        campaign: input.campaign ?? '',
      }),
    )
  }

  async getInfo(): Promise<{ credits: number | undefined; raw: Record<string, unknown> }> {
    const { json } = await this.call('getInfo/', { returnformat: 'json' })
    return { credits: numberOf(json.credits), raw: json }
  }

  async getAcks(campId: string): Promise<{ acks: AllmysmsAck[]; raw: Record<string, unknown> }> {
    const { json } = await this.call('getAcks/', { campId, returnformat: 'json' })
    return { acks: Array.isArray(json.acks) ? (json.acks as AllmysmsAck[]) : [], raw: json }
  }

  async getAckBySmsId(smsId: string): Promise<Record<string, unknown>> {
    return (await this.call('getAckBySmsId/', { smsId, returnformat: 'json' })).json
  }

  async getBlacklist(): Promise<{ phoneNumber: string; comment: string; receptionDate: string }[]> {
    const { json } = await this.call('getBlacklist/', { returnformat: 'json' })
    return Array.isArray(json.blacklist) ? json.blacklist : []
  }

  /** `deleteCampaign`: cancels what of a deferred campaign is not sent yet; `OK` or `KO`. */
  async deleteCampaign(campId: string): Promise<{ status: unknown; raw: Record<string, unknown> }> {
    const { json } = await this.call('deleteCampaign/', { campId, returnformat: 'json' })
    return { status: json.status, raw: json }
  }

  /** `smsData` for a send, JSON or XML per the options. */
  smsData(input: AllmysmsHttpSendInput): string {
    const recipients = input.recipients.map((r) => (typeof r === 'string' ? { mobile: r } : r))
    const dynamic = Math.max(0, ...recipients.map((r) => r.params?.length ?? 0))
    const date = dateOf(input.date)
    const data: Record<string, unknown> = {
      MESSAGE: input.message,
      ...(dynamic ? { DYNAMIC: dynamic } : {}),
      ...(input.flash !== undefined ? { FLASH: input.flash ? '1' : '0' } : {}),
      ...(input.campaignName !== undefined ? { CAMPAIGN_NAME: input.campaignName } : {}),
      ...(date !== undefined ? { DATE: date } : {}),
      ...(input.tpoa !== undefined ? { TPOA: input.tpoa } : {}),
      ...(input.tracking !== undefined ? { TRACKING: input.tracking ? '1' : '0' } : {}),
      ...(input.cliMsgId !== undefined ? { CLIMSGID: input.cliMsgId } : {}),
      ...(input.masterAccount !== undefined ? { MASTERACCOUNT: input.masterAccount } : {}),
      SMS: recipients.map((r) => ({
        MOBILEPHONE: r.mobile,
        ...Object.fromEntries((r.params ?? []).map((v, i) => [`PARAM_${i + 1}`, v])),
      })),
    }
    return this.#options.stream === 'xml' ? xmlStream(data) : JSON.stringify({ DATA: data })
  }

  /** Calls one operation (`sendSms/`, `''` for the simplified send) with these fields. */
  async call(
    operation: string,
    fields: Record<string, string>,
  ): Promise<{ json: Record<string, unknown>; status: number; contentType: string | null }> {
    const { baseUrl = ALLMYSMS_HTTP_URL, login, apiKey, encoding = 'urlencoded' } = this.#options
    const all = { ...fields, login, apiKey }
    const url = `${baseUrl.replace(/\/+$/, '')}/${operation}`
    const doFetch = this.#options.fetch ?? globalThis.fetch
    const signal = AbortSignal.timeout(this.#options.timeoutMs ?? 10_000)
    let response: Response
    if (encoding === 'query')
      response = await doFetch(`${url}?${new URLSearchParams(all)}`, { signal })
    else if (encoding === 'multipart') {
      const form = new FormData()
      for (const [name, value] of Object.entries(all)) form.append(name, value)
      response = await doFetch(url, { method: 'POST', body: form, signal })
    } else
      response = await doFetch(url, {
        method: 'POST',
        body: new URLSearchParams(all).toString(),
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        signal,
      })
    const text = await response.text()
    let json: Record<string, unknown> = {}
    try {
      const parsed: unknown = JSON.parse(text)
      if (parsed && typeof parsed === 'object') json = parsed as Record<string, unknown>
    } catch {
      json = { statusText: `not JSON (HTTP ${response.status}): ${text.slice(0, 200)}` }
    }
    return { json, status: response.status, contentType: response.headers.get('content-type') }
  }
}

/** Reads a send's (or a simulation's) answer. */
export function readSendAnswer(answer: {
  json: Record<string, unknown>
  status: number
}): AllmysmsHttpSendResult {
  const { json } = answer
  const status = typeof json.status === 'number' ? json.status : numberOf(json.status)
  const entry = status === undefined ? undefined : codeEntry(ALLMYSMS_HTTP_CODES, status)
  const code = entry?.code
  const invalid = typeof json.invalidNumbers === 'string' ? json.invalidNumbers : ''
  const opt = (name: string) => {
    const n = numberOf(json[name])
    return n === undefined ? {} : { [name]: n }
  }
  return {
    ok: code === 100 || code === 101 || code === 113,
    code,
    status,
    statusText: typeof json.statusText === 'string' ? json.statusText : '',
    invalidNumbers: invalid === '' ? [] : invalid.split('|'),
    ...(typeof json.campaignId === 'string' ? { campaignId: json.campaignId } : {}),
    ...opt('credits'),
    ...opt('creditsUsed'),
    ...opt('nbContacts'),
    ...opt('nbSms'),
    smsIds: Array.isArray(json.smsIds) ? (json.smsIds as AllmysmsHttpSendResult['smsIds']) : [],
    raw: json,
    httpStatus: answer.status,
  }
}

function numberOf(value: unknown): number | undefined {
  if (typeof value === 'number') return value
  if (typeof value === 'string' && /^-?\d+(\.\d+)?$/.test(value)) return Number(value)
  return undefined
}

function dateOf(date: Date | string | undefined): string | undefined {
  return date instanceof Date ? formatAllmysmsDate(date) : date
}

const escapeXml = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')

/** The stream as XML, allmysms's own sample's layout (`<DATA><MESSAGE><![CDATA[…]]>…`). */
function xmlStream(data: Record<string, unknown>): string {
  const body = Object.entries(data)
    .map(([tag, value]) => {
      if (tag === 'SMS')
        return (value as Record<string, string>[])
          .map(
            (sms) =>
              `<SMS>${Object.entries(sms)
                .map(([k, v]) => `<${k}>${escapeXml(v)}</${k}>`)
                .join('')}</SMS>`,
          )
          .join('')
      if (tag === 'MESSAGE')
        return `<MESSAGE><![CDATA[${String(value).replace(/]]>/g, ']]]]><![CDATA[>')}]]></MESSAGE>`
      return `<${tag}>${escapeXml(String(value))}</${tag}>`
    })
    .join('')
  return `<DATA>${body}</DATA>`
}
