/**
 * Memory probe (issue 10, item 3), run by hand, never in tests:
 *
 *   npx tsx --expose-gc test/stress/memory.ts
 *   npx tsx --expose-gc test/stress/memory.ts --nested 300 --depth 120000 --messages 1000 --message-kib 200
 *
 * Starts smsim in this process on 127.0.0.1 and sends, over real HTTP:
 * 1. `--nested` ASPSMS JSON requests (`/aspsms/json/CheckCredits`) whose `UserName` is an array
 *    nested `--depth` deep (240 KB at 120,000: the issue's input);
 * 2. `--messages` SMStoB `http.php` POSTs, each with a `--message-kib` message (distinct texts).
 * Before and after each phase it forces two garbage collections and prints the process's RSS
 * and V8's `heapUsed`, what the store holds, and the size of `GET /_smsim/journal` (which must
 * answer 200). Without `--expose-gc` the figures include garbage and say so.
 */
import { request } from 'node:http'
import { parseArgs } from 'node:util'
import { startSmsim } from '../../simulators/server/app.ts'

const { values } = parseArgs({
  options: {
    nested: { type: 'string', default: '300' },
    depth: { type: 'string', default: '120000' },
    messages: { type: 'string', default: '1000' },
    'message-kib': { type: 'string', default: '200' },
  },
})
const NESTED = Number(values.nested)
const DEPTH = Number(values.depth)
const MESSAGES = Number(values.messages)
const MESSAGE_BYTES = Number(values['message-kib']) * 1024

const gc = (globalThis as { gc?: () => void }).gc
const MiB = 1024 * 1024

function measure(): { rss: number; heap: number } {
  gc?.()
  gc?.()
  const { rss, heapUsed } = process.memoryUsage()
  return { rss: rss / MiB, heap: heapUsed / MiB }
}

const smsim = await startSmsim({ httpPort: 0, smtpPort: 0, host: '127.0.0.1' })
const { sim, url } = smsim
sim.store.createAccount(
  {
    provider: 'smstob',
    id: 'stress@example.fr',
    secret: 'stress-pass',
    credits: 1e9,
    options: { duplicateCheck: false },
  },
  sim.clock.now(),
)

/** One request on a fresh connection (no keep-alive: a reused socket must not skew a phase). */
function http(method: string, path: string, body?: string, type?: string) {
  const { hostname, port } = new URL(url)
  return new Promise<{ status: number; text: string }>((resolve, reject) => {
    const req = request(
      {
        host: hostname,
        port,
        method,
        path,
        agent: false,
        headers: type ? { 'content-type': type } : {},
      },
      (res) => {
        const chunks: Buffer[] = []
        res.on('data', (chunk: Buffer) => chunks.push(chunk))
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString() }),
        )
        res.on('error', reject)
      },
    )
    req.on('error', reject)
    req.end(body)
  })
}

async function post(path: string, body: string, type: string): Promise<number> {
  return (await http('POST', path, body, type)).status
}

async function journalRead(): Promise<string> {
  const { status, text } = await http('GET', '/_smsim/journal')
  return `GET /_smsim/journal ${status}, ${(text.length / MiB).toFixed(2)} MiB`
}

const rows: string[][] = []
function row(phase: string, before: { rss: number; heap: number }, after: typeof before) {
  const perRequest = (n: number) =>
    n > 0 ? `${(((after.heap - before.heap) * MiB) / n / 1024).toFixed(1)} KiB` : '—'
  const count = phase.startsWith('nested') ? NESTED : MESSAGES
  rows.push([
    phase,
    `${before.rss.toFixed(0)} → ${after.rss.toFixed(0)} MiB`,
    `${before.heap.toFixed(0)} → ${after.heap.toFixed(0)} MiB`,
    perRequest(count),
  ])
  console.log(`| ${rows.at(-1)!.join(' | ')} |`)
}

console.log(
  `node ${process.version}, gc ${gc ? 'forced' : 'NOT available (run with --expose-gc)'}; ` +
    `${NESTED} nested JSON requests ${DEPTH} deep, ${MESSAGES} SMStoB messages of ${values['message-kib']} KiB`,
)

const nested = `{"UserName":${'['.repeat(DEPTH)}${']'.repeat(DEPTH)},"Password":"x"}`
let start = measure()
const statuses = new Map<number, number>()
for (let i = 0; i < NESTED; i++) {
  const status = await post('/aspsms/json/CheckCredits', nested, 'application/json')
  statuses.set(status, (statuses.get(status) ?? 0) + 1)
}
let end = measure()
row(`nested JSON (${(nested.length / 1024).toFixed(0)} KiB each)`, start, end)
console.log(
  `nested JSON: statuses ${JSON.stringify(Object.fromEntries(statuses))}; ${await journalRead()}`,
)

start = measure()
statuses.clear()
for (let i = 0; i < MESSAGES; i++) {
  const message = `${i} ${'a'.repeat(MESSAGE_BYTES)}`.slice(0, MESSAGE_BYTES)
  const form = new URLSearchParams({
    email: 'stress@example.fr',
    pass: 'stress-pass',
    numero: '0660919010',
    message,
  })
  const status = await post(
    '/smstob/http.php',
    form.toString(),
    'application/x-www-form-urlencoded',
  )
  statuses.set(status, (statuses.get(status) ?? 0) + 1)
}
end = measure()
row(`SMStoB http.php (${values['message-kib']} KiB message each)`, start, end)
console.log(
  `SMStoB: statuses ${JSON.stringify(Object.fromEntries(statuses))}; ${await journalRead()}`,
)
console.log(
  `store: ${sim.store.journal().length} journal entries, ${sim.store.messages().length} SMS, ` +
    `${sim.store.mails().length} mails`,
)
// The store's own estimate of what it keeps, where it has one (MemoryStore, since issue 10).
const retention = (sim.store.inner as { retention?: () => unknown }).retention?.()
if (retention) console.log(`store estimate (bytes kept per list): ${JSON.stringify(retention)}`)

console.log('\n| phase | RSS | heapUsed | heap kept per request |\n| --- | --- | --- | --- |')
for (const r of rows) console.log(`| ${r.join(' | ')} |`)
await smsim.close()
