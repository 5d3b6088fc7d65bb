/**
 * The cost of one request in process, without HTTP: `Simulator.route` then `handleHttp` for SMStoB's
 * `http.php`, in CPU time (process.cpuUsage), which other processes on a shared machine change
 * far less than wall time or wrk's req/s. Run by hand, never in tests:
 *
 *   npx tsx bench/send-in-process.ts
 *   npx tsx bench/send-in-process.ts --requests 100000 --rounds 7
 *
 * Three paths: an accepted send (80) with the same text, with distinct texts (the duplicate
 * index grows), and a wrong password (82, the cheapest). Each round starts from an emptied
 * store after a warm-up; the median and the range of the rounds are printed. To compare two
 * trees, run it in each, alternately, a few times (bench/README.md).
 */
import { parseArgs } from 'node:util'
import { Clock } from '../simulators/core/clock.ts'
import type { SimRequest } from '../simulators/core/provider.ts'
import { Simulator } from '../simulators/server/simulator.ts'

const { values } = parseArgs({
  options: {
    requests: { type: 'string', default: '50000' },
    rounds: { type: 'string', default: '5' },
  },
})
const REQUESTS = Number(values.requests)
const ROUNDS = Number(values.rounds)
const WARMUP = 20_000

const sim = new Simulator({
  demo: false,
  clock: new Clock({ now: '2026-01-05T09:00:00Z', frozen: true }),
})
const ACCOUNT = {
  provider: 'smstob' as const,
  id: 'bench@example.fr',
  secret: 'pw',
  credits: 1e12,
  options: { duplicateCheck: false },
}
function reset(): void {
  sim.reset()
  sim.store.createAccount(ACCOUNT, sim.clock.now())
}
const request = (query: string): SimRequest => ({
  method: 'GET',
  host: '127.0.0.1',
  path: '/smstob/http.php',
  query,
  headers: {},
  body: new Uint8Array(),
})

/** What an adapter does with a request: route it, then hand it over. */
const handle = (request: SimRequest) =>
  sim.handleHttp(sim.route(request.host, request.path)!, request)

async function measure(label: string, query: (i: number) => string): Promise<void> {
  reset()
  for (let i = 0; i < WARMUP; i++) await handle(request(query(i)))
  const rounds: number[] = []
  for (let r = 0; r < ROUNDS; r++) {
    reset()
    const start = process.cpuUsage()
    for (let i = 0; i < REQUESTS; i++) await handle(request(query(i)))
    const used = process.cpuUsage(start)
    rounds.push((used.user + used.system) / REQUESTS)
  }
  rounds.sort((a, b) => a - b)
  const median = rounds[Math.floor(rounds.length / 2)]!
  console.log(
    `${label.padEnd(36)} ${median.toFixed(2)} µs CPU per request ` +
      `(rounds ${rounds[0]!.toFixed(2)}–${rounds.at(-1)!.toFixed(2)})`,
  )
}

const SEND = 'email=bench@example.fr&pass=pw&numero=0660919010&message=Bonjour'
await measure('accepted send (80)', () => SEND)
await measure('accepted send, distinct texts (80)', (i) => `${SEND}+${i}`)
await measure('wrong password (82)', () => SEND.replace('pass=pw', 'pass=wrong'))
