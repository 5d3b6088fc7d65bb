/**
 * Soak (issue 17): accepted SMStoB sends with distinct texts, in process through
 * `sim.handleHttp` (no HTTP), as fast as one core allows for `--minutes`, and the heap sampled
 * every `--every` seconds after two forced GCs. Past the first minute the store is at its caps
 * (MAX_RECORDS): a heap that still grows means a structure without bound. Run by hand, never
 * in tests:
 *
 *   npx tsx --expose-gc bench/soak.ts                 # 10 minutes
 *   npx tsx --expose-gc bench/soak.ts --minutes 3 --every 30
 *
 * Prints one row per sample (sends so far, sends/s since the last sample, heapUsed, RSS, the
 * records kept) and, at the end, each sample's heap against the one at minute 2. A list trims
 * a tenth of its bound at once (retention.ts), so at the cap it holds between 90 % and 100 % of
 * MAX_RECORDS records: the heap goes up and down by about that much between samples.
 */
import { parseArgs } from 'node:util'
import { Clock } from '../simulators/core/clock.ts'
import type { SimRequest } from '../simulators/core/provider.ts'
import { Simulator } from '../simulators/server/simulator.ts'

const { values } = parseArgs({
  options: {
    minutes: { type: 'string', default: '10' },
    every: { type: 'string', default: '30' },
  },
})
const DURATION_MS = Number(values.minutes) * 60_000
const EVERY_MS = Number(values.every) * 1000

const gc = (globalThis as { gc?: () => void }).gc
if (!gc) throw new Error('run with node --expose-gc (npx tsx --expose-gc bench/soak.ts)')

const sim = new Simulator({ demo: false, clock: new Clock() })
sim.store.createAccount(
  {
    provider: 'smstob',
    id: 'bench@example.fr',
    secret: 'pw',
    credits: 1e12,
    options: { duplicateCheck: false },
  },
  sim.clock.now(),
)
const route = sim.route('127.0.0.1', '/smstob/http.php')!
const SEND = 'email=bench@example.fr&pass=pw&numero=0660919010&message=Bonjour+'
const request = (i: number): SimRequest => ({
  method: 'GET',
  host: '127.0.0.1',
  path: '/smstob/http.php',
  query: `${SEND}${i}`,
  headers: {},
  body: new Uint8Array(),
})

interface Sample {
  at: number
  sends: number
  heap: number
  rss: number
  kept: string
}
const MiB = 2 ** 20
const samples: Sample[] = []
const start = Date.now()
function sample(sends: number): void {
  gc!()
  gc!()
  const { heapUsed, rss } = process.memoryUsage()
  const kept = `${sim.store.messages().length} SMS, ${sim.store.ledger().length} ledger, ${sim.store.journal().length} journal`
  const at = Date.now() - start
  const last = samples.at(-1)
  const rate = last ? ((sends - last.sends) * 1000) / (at - last.at) : 0
  samples.push({ at, sends, heap: heapUsed, rss, kept })
  console.log(
    `| ${(at / 60_000).toFixed(1)} min | ${sends.toLocaleString('en')} | ${rate.toFixed(0)} | ` +
      `${(heapUsed / MiB).toFixed(1)} MiB | ${(rss / MiB).toFixed(0)} MiB | ${kept} |`,
  )
}

console.log(`node ${process.version}, ${values.minutes} min, a sample every ${values.every} s`)
console.log(
  '| time | sends | sends/s | heapUsed | RSS | kept |\n| --- | --: | --: | --: | --: | --- |',
)
let sends = 0
let next = EVERY_MS
sample(0)
while (Date.now() - start < DURATION_MS) {
  for (let k = 0; k < 1000; k++) {
    const outcome = await sim.handleHttp(route, request(sends))
    if (outcome.kind !== 'response' || outcome.response.status !== 200)
      throw new Error(`send ${sends}: ${JSON.stringify(outcome)}`)
    sends++
  }
  if (Date.now() - start >= next) {
    sample(sends)
    next += EVERY_MS
  }
}
sample(sends)

const reference = samples.find((s) => s.at >= 120_000) ?? samples.at(-1)!
console.log(
  `\nagainst minute ${(reference.at / 60_000).toFixed(1)} (${(reference.heap / MiB).toFixed(1)} MiB):`,
)
for (const s of samples.filter((s) => s.at >= reference.at))
  console.log(
    `  ${(s.at / 60_000).toFixed(1)} min: ${(((s.heap - reference.heap) / reference.heap) * 100).toFixed(1)} %`,
  )
const later = samples.filter((s) => s.at >= reference.at).map((s) => s.heap)
console.log(
  `heap from minute 2 on: ${(Math.min(...later) / MiB).toFixed(1)}–${(Math.max(...later) / MiB).toFixed(1)} MiB; ` +
    `last against minute 2: ${(((later.at(-1)! - reference.heap) / reference.heap) * 100).toFixed(1)} %`,
)
