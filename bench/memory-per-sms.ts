/**
 * Heap kept per accepted send (issue 17), in process, without HTTP: `sim.handleHttp` of SMStoB's
 * `http.php` with distinct texts (`Bonjour N`), as bench/http-throughput.ts `--memory` sends
 * them. Each send keeps an SMS (delivered, with its history), a ledger entry, a journal entry,
 * a duplicate-check key and an id-index entry. Run by hand, never in tests:
 *
 *   npx tsx --expose-gc bench/memory-per-sms.ts
 *   npx tsx --expose-gc bench/memory-per-sms.ts --sends 100000 --breakdown
 *
 * Prints heapUsed after two forced GCs before and after the sends, and the growth per send.
 * `--breakdown` also measures, on a bare MemoryStore, what each kind of record costs alone.
 */
import { parseArgs } from 'node:util'
import { Clock } from '../simulators/core/clock.ts'
import { MemoryStore } from '../simulators/core/memory-store.ts'
import type { SimRequest } from '../simulators/core/provider.ts'
import { Simulator } from '../simulators/server/simulator.ts'

const { values } = parseArgs({
  options: {
    sends: { type: 'string', default: '100000' },
    rounds: { type: 'string', default: '3' },
    breakdown: { type: 'boolean', default: false },
  },
})
const SENDS = Number(values.sends)
const ROUNDS = Number(values.rounds)

const gc = (globalThis as { gc?: () => void }).gc
if (!gc) throw new Error('run with node --expose-gc (npx tsx --expose-gc bench/memory-per-sms.ts)')
function heap(): number {
  gc!()
  gc!()
  return process.memoryUsage().heapUsed
}

const sim = new Simulator({
  demo: false,
  clock: new Clock({ now: '2026-01-05T09:00:00Z' }),
})
const ACCOUNT = {
  provider: 'smstob' as const,
  id: 'bench@example.fr',
  secret: 'pw',
  credits: 1e12,
  options: { duplicateCheck: false },
}
const request = (query: string): SimRequest => ({
  method: 'GET',
  host: '127.0.0.1',
  path: '/smstob/http.php',
  query,
  headers: {},
  body: new Uint8Array(),
})
const route = sim.route('127.0.0.1', '/smstob/http.php')!
const SEND = 'email=bench@example.fr&pass=pw&numero=0660919010&message=Bonjour+'

const perSend: number[] = []
for (let r = 0; r < ROUNDS; r++) {
  sim.reset()
  sim.store.createAccount(ACCOUNT, sim.clock.now())
  const before = heap()
  for (let i = 0; i < SENDS; i++) await sim.handleHttp(route, request(`${SEND}${r * SENDS + i}`))
  const after = heap()
  const counts = {
    sms: sim.store.messages().length,
    ledger: sim.store.ledger().length,
    journal: sim.store.journal().length,
  }
  perSend.push((after - before) / SENDS)
  console.log(
    `round ${r + 1}: ${SENDS} sends, heapUsed ${(before / 2 ** 20).toFixed(1)} → ` +
      `${(after / 2 ** 20).toFixed(1)} MiB, ${perSend.at(-1)!.toFixed(0)} B per send ` +
      `(kept: ${JSON.stringify(counts)})`,
  )
}
perSend.sort((a, b) => a - b)
console.log(
  `node ${process.version}: heap kept per accepted send (SMS + ledger + journal + indexes): ` +
    `median ${perSend[Math.floor(perSend.length / 2)]!.toFixed(0)} B ` +
    `(rounds ${perSend[0]!.toFixed(0)}–${perSend.at(-1)!.toFixed(0)})`,
)

/**
 * Each kind of record alone, on a bare MemoryStore, as a send of the loop above makes it: an
 * SMS (delivered, with its duplicate-check key), a debit (a ledger entry), a journal entry.
 */
async function breakdown(): Promise<void> {
  const now = new Date('2026-01-05T09:00:00Z')
  const kinds: [string, (store: MemoryStore, i: number) => void][] = [
    [
      'SMS (+ duplicate key)',
      (store, i) =>
        store.apply(
          [
            {
              kind: 'sms',
              sms: {
                provider: 'smstob',
                account: 'bench@example.fr',
                transport: 'http',
                to: '+33660919010',
                text: `Bonjour ${i}`,
                encoding: 'gsm7',
                segments: 1,
                class: 'normal',
                validityMs: 259_200_000,
                meta: { format: 'normal' },
              },
            },
          ],
          now,
        ),
    ],
    [
      'ledger entry',
      (store) =>
        store.apply(
          [
            {
              kind: 'debit',
              provider: 'smstob',
              account: 'bench@example.fr',
              amount: 1,
              reason: 'send (http)',
            },
          ],
          now,
        ),
    ],
    [
      'journal entry',
      (store, i) =>
        store.addJournal({
          at: now.toISOString(),
          provider: 'smstob',
          transport: 'http',
          request: {
            method: 'GET',
            params: {
              email: 'bench@example.fr',
              pass: 'pw',
              numero: '0660919010',
              message: `Bonjour ${i}`,
            },
          },
          code: 80,
          account: 'bench@example.fr',
          meaning: 'Le message a été envoyé',
          status: 200,
          messages: [`sms-${String(i).padStart(6, '0')}`],
        }),
    ],
  ]
  for (const [label, add] of kinds) {
    const store = new MemoryStore()
    store.createAccount({ provider: 'smstob', id: 'bench@example.fr', credits: 1e12 }, now)
    const before = heap()
    for (let i = 0; i < SENDS; i++) add(store, 100_000 + i)
    const after = heap()
    const kept = store.retention()
    console.log(
      `${label.padEnd(24)} ${((after - before) / SENDS).toFixed(0)} B each ` +
        `(store's estimate: ${JSON.stringify(kept)})`,
    )
  }
}
if (values.breakdown) await breakdown()
