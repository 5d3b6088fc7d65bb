/**
 * The cost of one request in process, without HTTP: `Simulator.route` then `handleHttp` for SMStoB's
 * `http.php`, in CPU time (process.cpuUsage), which other processes on a shared machine change
 * far less than wall time or wrk's req/s. Run by hand, never in tests:
 *
 *   npx tsx bench/send-in-process.ts
 *   npx tsx bench/send-in-process.ts --requests 100000 --rounds 7
 *
 * Three SMStoB paths: an accepted send (80) with the same text, with distinct texts (the
 * duplicate index grows), and a wrong password (82, the cheapest); then the other providers'
 * sends that bench/http-throughput.ts loads (issue 17): ASPSMS's JSON `SendSimpleTextSMS` and
 * SOAP 1.1 `SendTextSMS`, allmysms's HTTP API 9.0 `sendSms` (urlencoded `smsData` JSON) and
 * iSendPro's REST `/sms` (JSON). `--only a,b` runs the paths whose label starts with one of
 * these (`smstob`, `aspsms-json`, `aspsms-soap`, `allmysms`, `isendpro`). Each round starts
 * from an emptied store after a warm-up; the median and the range of the rounds are printed.
 * To compare two trees, run it in each, alternately, a few times (bench/README.md).
 */
import { parseArgs } from 'node:util'
import { Clock } from '../simulators/core/clock.ts'
import type { SimRequest } from '../simulators/core/provider.ts'
import { Simulator } from '../simulators/server/simulator.ts'
import {
  ALLMYSMS_BODY,
  ASPSMS_JSON_BODY,
  ASPSMS_SOAP_ACTION,
  ASPSMS_SOAP_BODY,
  ISENDPRO_BODY,
} from './lib/http-targets.ts'

const { values } = parseArgs({
  options: {
    requests: { type: 'string', default: '50000' },
    rounds: { type: 'string', default: '5' },
    only: { type: 'string' },
  },
})
const REQUESTS = Number(values.requests)
const ROUNDS = Number(values.rounds)
const WARMUP = 20_000

const sim = new Simulator({
  demo: false,
  clock: new Clock({ now: '2026-01-05T09:00:00Z', frozen: true }),
})
const ONLY = values.only?.split(',').map((s) => s.trim())
const ACCOUNTS = [
  {
    provider: 'smstob' as const,
    id: 'bench@example.fr',
    secret: 'pw',
    credits: 1e12,
    options: { duplicateCheck: false },
  },
  // The same accounts as bench/lib/http-serve.ts's (PROVIDER_ACCOUNTS there).
  { provider: 'aspsms' as const, id: 'BENCHKEY', secret: 'pw', credits: 1e12, options: {} },
  { provider: 'allmysms' as const, id: 'bench', secret: 'key', credits: 1e12, options: {} },
  {
    provider: 'isendpro' as const,
    id: 'benchkey',
    secret: '',
    credits: 1e12,
    options: { commercialExempt: true },
  },
]
function reset(): void {
  sim.reset()
  for (const account of ACCOUNTS) sim.store.createAccount(account, sim.clock.now())
}
const request = (query: string): SimRequest => ({
  method: 'GET',
  host: '127.0.0.1',
  path: '/smstob/http.php',
  query,
  headers: {},
  body: new Uint8Array(),
})
const utf8 = new TextEncoder()
const post = (path: string, contentType: string, body: string, soapAction?: string) => {
  const bytes = utf8.encode(body)
  return (): SimRequest => ({
    method: 'POST',
    host: '127.0.0.1',
    path,
    query: '',
    headers: {
      'content-type': contentType,
      'content-length': String(bytes.length),
      ...(soapAction ? { soapaction: soapAction } : {}),
    },
    body: bytes,
  })
}

/** What an adapter does with a request: route it, then hand it over. */
const handle = (request: SimRequest) =>
  sim.handleHttp(sim.route(request.host, request.path)!, request)

async function measure(label: string, make: (i: number) => SimRequest): Promise<void> {
  if (ONLY && !ONLY.some((prefix) => label.startsWith(prefix))) return
  reset()
  for (let i = 0; i < WARMUP; i++) await handle(make(i))
  const rounds: number[] = []
  for (let r = 0; r < ROUNDS; r++) {
    reset()
    const start = process.cpuUsage()
    for (let i = 0; i < REQUESTS; i++) await handle(make(i))
    const used = process.cpuUsage(start)
    rounds.push((used.user + used.system) / REQUESTS)
  }
  rounds.sort((a, b) => a - b)
  const median = rounds[Math.floor(rounds.length / 2)]!
  console.log(
    `${label.padEnd(44)} ${median.toFixed(2)} µs CPU per request ` +
      `(rounds ${rounds[0]!.toFixed(2)}–${rounds.at(-1)!.toFixed(2)})`,
  )
}

const SEND = 'email=bench@example.fr&pass=pw&numero=0660919010&message=Bonjour'
await measure('smstob accepted send (80)', () => request(SEND))
await measure('smstob accepted send, distinct texts (80)', (i) => request(`${SEND}+${i}`))
await measure('smstob wrong password (82)', () => request(SEND.replace('pass=pw', 'pass=wrong')))
// The bodies of bench/lib/http-targets.ts's POST targets.
await measure(
  'aspsms-json SendSimpleTextSMS (1)',
  post('/aspsms/json/SendSimpleTextSMS', 'application/json', ASPSMS_JSON_BODY),
)
await measure(
  'aspsms-soap SOAP 1.1 SendTextSMS (1)',
  post('/aspsms/aspsmsx2.asmx', 'text/xml; charset=utf-8', ASPSMS_SOAP_BODY, ASPSMS_SOAP_ACTION),
)
await measure(
  'allmysms sendSms, smsData JSON (100)',
  post('/allmysms/http/9.0/sendSms/', 'application/x-www-form-urlencoded', ALLMYSMS_BODY),
)
await measure(
  'isendpro REST /sms, JSON (0)',
  post('/isendpro/cgi-bin/sms', 'application/json', ISENDPRO_BODY),
)
