/**
 * `--data-dir` at scale (issue 15): a data directory filled with a full store (200,000 accepted
 * SMStoB sends, each with its debit and journal entry), its size on disk, and the start to
 * healthy of the installed package on it, beside the same start with no data directory and
 * with an empty one. Run by hand, never in tests:
 *
 *   npx tsx bench/data-dir.ts                 # ~5 min (the fill, one npm install, 3 × 3 starts)
 *   npx tsx bench/data-dir.ts --sends 50000 --runs 5
 *
 * The fill goes through the engine in-process (the HTTP request's decision, minus the socket),
 * in groups of concurrent sends, so that the group commit of the real server applies. The
 * accepted-send throughput over HTTP with and without `--data-dir` is bench/http-throughput.ts
 * (target `smsim-80-disk`). bench/README.md has the figures.
 */
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import Database from 'better-sqlite3'
import { startSmsim } from '../simulators/server/app.ts'
import { fmt, log, median } from './lib/format.ts'
import { live } from './lib/processes.ts'
import { installPackage, startOnce, type Target } from './lib/start.ts'

/** Sends decided together: one event-loop turn, one commit, as a server under load sees them. */
const GROUP = 500
const ACCOUNT = 'bench@example.fr'

const { values } = parseArgs({
  options: {
    sends: { type: 'string', default: '200000' },
    runs: { type: 'string', default: '3' },
  },
})
const sends = Number(values.sends)
const runs = Number(values.runs)

const scratch = mkdtempSync(join(tmpdir(), 'smsim-datadir-'))
process.on('exit', () => {
  for (const child of live) child.kill('SIGKILL')
  rmSync(scratch, { recursive: true, force: true })
})

/** Fills `dir` with `count` accepted sends; returns the seconds it took. */
async function fill(dir: string, count: number): Promise<number> {
  const running = await startSmsim({ httpPort: 0, smtpPort: 0, demo: false, dataDir: dir })
  const { sim } = running
  sim.store.createAccount(
    {
      provider: 'smstob',
      id: ACCOUNT,
      secret: 'pw',
      credits: 1e12,
      options: { duplicateCheck: false },
    },
    sim.clock.now(),
  )
  const request = (i: number) => ({
    method: 'GET',
    host: '127.0.0.1',
    path: '/smstob/http.php',
    query: `email=${ACCOUNT}&pass=pw&numero=0660919010&message=Bonjour%20${i}`,
    headers: { host: '127.0.0.1' },
    body: new Uint8Array(),
  })
  const route = sim.route('127.0.0.1', '/smstob/http.php')!
  const began = performance.now()
  for (let i = 0; i < count; i += GROUP) {
    const group = Array.from({ length: Math.min(GROUP, count - i) }, (_, j) =>
      sim.handleHttp(route, request(i + j)),
    )
    await Promise.all(group)
    if ((i / GROUP) % 40 === 0) log(`filled ${fmt(i)} of ${fmt(count)}`)
  }
  const seconds = (performance.now() - began) / 1000
  log(
    `kept: ${fmt(sim.store.messages().length)} SMS, ${fmt(sim.store.journal().length)} journal entries`,
  )
  await running.close()
  return seconds
}

function sizeOf(dir: string): number {
  return readdirSync(dir).reduce((sum, file) => sum + statSync(join(dir, file)).size, 0)
}

const full = join(scratch, 'full')
const empty = join(scratch, 'empty')
const seconds = await fill(full, sends)
const db = new Database(join(full, 'smsim.db'), { readonly: true })
const { writes } = db.prepare('SELECT count(*) AS writes FROM writes').get() as { writes: number }
const snapshot = db
  .prepare("SELECT length(value) AS bytes FROM settings WHERE name = 'snapshot'")
  .get() as { bytes: number } | undefined
db.close()
log(
  `fill: ${fmt(sends)} sends in ${seconds.toFixed(1)} s (${fmt(Math.round(sends / seconds))}/s); ` +
    `on disk ${(sizeOf(full) / 1e6).toFixed(1)} MB: ${fmt(writes)} writes after a snapshot of ` +
    `${snapshot ? (snapshot.bytes / 1e6).toFixed(1) + ' MB' : 'none'}`,
)

const app = installPackage(scratch)
const bin = join(app, 'node_modules', 'smsim', 'bin', 'smsim.js')
const smsim =
  (...extra: string[]): Target['command'] =>
  (port) => ({
    file: process.execPath,
    args: [bin, 'start', '--http-port', String(port), '--smtp-port', '0', '--no-demo', ...extra],
  })
const targets: Target[] = [
  { name: 'no --data-dir', command: smsim(), health: '/_smsim/health' },
  { name: '--data-dir, empty', command: smsim('--data-dir', empty), health: '/_smsim/health' },
  {
    name: `--data-dir, ${fmt(sends)} SMS`,
    command: smsim('--data-dir', full),
    health: '/_smsim/health',
  },
]
const times = new Map<string, number[]>(targets.map((t) => [t.name, []]))
for (const target of targets) await startOnce(target)
for (let round = 1; round <= runs; round++) {
  for (const target of targets) times.get(target.name)!.push(await startOnce(target))
  log(`round ${round}/${runs}`)
}
console.log(`\nStart to healthy, installed package, median of ${runs} (node ${process.version})\n`)
console.log('| state | median | min–max |')
console.log('|---|--:|--:|')
for (const target of targets) {
  const ms = times.get(target.name)!
  console.log(
    `| ${target.name} | ${median(ms).toFixed(0)} ms | ${Math.min(...ms).toFixed(0)}–${Math.max(...ms).toFixed(0)} ms |`,
  )
}
