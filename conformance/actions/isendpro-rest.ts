/**
 * iSendPro's verbs over its REST API (`/cgi-bin/sms`, `/smsmulti`, `/comptage`, `/credit`,
 * `/hlr`, the liste noire): `rest` sends one request as the generated clients do — a JSON body
 * with the keyid inside (the scenario account's unless the step names another, `null` leaves it
 * out) — and reads the answer into fields a suite can expect on.
 *
 * @see shared/research/french-providers.md — §C.1
 */
import { providerBase, type ActionSet, type ScenarioContext } from '../context.ts'

interface RestArgs {
  /** `/sms`, `/smsmulti`, `/comptage`, `/credit`, `/hlr`, `/setlistenoire`… */
  path: string
  /** Default POST. */
  method?: 'GET' | 'POST'
  /** The JSON body's fields; `keyid` defaults to the account's, `null` leaves a field out. */
  json?: Record<string, unknown>
  /** Instead of a JSON body: a query string's fields (GET `/credit`, the liste noire). */
  query?: Record<string, string | null>
  /** A body sent as written (malformed JSON…). */
  raw?: string
  /** `num` of the JSON body: this many numbers of a range no scenario uses (`078…`). */
  bulk?: number
}

/** What a `rest` step returns. */
export interface IsendproRestOutcome {
  status: number
  /** The answer, parsed (`undefined` when it is not JSON: a zip). */
  body?: unknown
  /** `etat.etat[].code` as numbers, in order (`[]` when there is no such list). */
  codes: number[]
  /** The item of a code that answered the whole request (no `tel`), its code a number. */
  general?: { code: number; message: string }
}

const withKeyid = <T extends Record<string, unknown>>(fields: T, ctx: ScenarioContext) =>
  Object.fromEntries(
    Object.entries({ keyid: String(ctx.vars.account), ...fields }).filter(([, v]) => v !== null),
  )

async function rest(args: RestArgs, ctx: ScenarioContext): Promise<IsendproRestOutcome> {
  const base = providerBase(ctx, '/isendpro/cgi-bin')
  const query = args.query
    ? `?${new URLSearchParams(withKeyid(args.query, ctx) as Record<string, string>)}`
    : ''
  const json =
    args.bulk !== undefined
      ? {
          ...args.json,
          num: Array.from({ length: args.bulk }, (_, i) => `078${String(i + 1).padStart(7, '0')}`),
        }
      : args.json
  const body = args.raw ?? (json ? JSON.stringify(withKeyid(json, ctx)) : undefined)
  const response = await fetch(`${base}${args.path}${query}`, {
    method: args.method ?? 'POST',
    ...(body !== undefined ? { body, headers: { 'content-type': 'application/json' } } : {}),
    signal: AbortSignal.timeout(ctx.timeoutMs),
  })
  const text = await response.text()
  let parsed: unknown
  try {
    parsed = JSON.parse(text)
  } catch {
    parsed = undefined
  }
  const etat = (parsed as { etat?: { etat?: unknown } } | undefined)?.etat?.etat
  const items = (Array.isArray(etat) ? etat : []) as Record<string, unknown>[]
  const codes = items
    .filter((i) => i.code !== undefined)
    .map((i) => Number.parseInt(String(i.code), 10))
  const first = items[0]
  const general =
    first && first.tel === undefined && first.code !== undefined
      ? { code: Number.parseInt(String(first.code), 10), message: String(first.message ?? '') }
      : undefined
  return {
    status: response.status,
    ...(parsed !== undefined ? { body: parsed } : {}),
    codes,
    ...(general ? { general } : {}),
  }
}

/**
 * The verbs of iSendPro's REST API.
 *
 * @example
 * // scenarios/isendpro/rest.yaml
 * // - rest: { path: /sms, json: { num: '${phone}', sms: Bonjour } }
 * //   expect: { status: 200, codes: [0] }
 */
export const ISENDPRO_REST_ACTIONS: ActionSet = {
  provider: 'isendpro',
  transport: 'http',
  actions: {
    rest: {
      description:
        'a REST call: `rest: { path, method?, json?|query?|raw?, bulk? }` (keyid the account’s unless given; `null` leaves a field out) → `{ status, body, codes, general? }`',
      run: (raw, ctx) => rest(raw as RestArgs, ctx),
    },
  },
}
