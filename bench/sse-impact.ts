/**
 * What the live event stream costs the hot path: SMStoB's accepted send (code 80) under wrk,
 * with no `/_smsim/events` stream open and with 20 open streams that read everything, side by
 * side in one run. Run by hand, never in tests:
 *
 *   npx tsx bench/sse-impact.ts                          # 4 rounds of each, 5 s each
 *   npx tsx bench/sse-impact.ts --rounds 6 --streams 20 --duration 5
 *
 * The server runs alone in a child process pinned to cpu 0 (`taskset`), as in
 * bench/http-throughput.ts; wrk (one thread, 50 connections) and the stream readers run on cpu 1,
 * the readers in this process (node:http, counting bytes and events, nothing parsed). Rounds
 * alternate (0, N, N, 0, …) so that a slow spell of this shared machine hits both alike; the
 * store is emptied before each round. Before each round the script waits (up to `--quiet-wait`
 * s) for the machine to be idle, and runs a round again (up to `--retries` times) when other
 * processes used more than `--max-foreign` cores during it. Each round also reports the server's CPU per request,
 * which other processes disturb less than req/s, and the events each stream received per
 * request (three: `sms`, `account`, `journal`). The figures go to bench/README.md ("Live
 * events").
 */
import { spawn } from 'node:child_process'
import { get, type IncomingMessage } from 'node:http'
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import { fmt, log, median } from './lib/format.ts'
import { live, run, sleep, track } from './lib/processes.ts'
import { CPUS, machineTicks, parseWrk, processTicks, type WrkResult } from './lib/wrk.ts'

const ACCOUNT = 'bench@example.fr'
const PATH = `/smstob/http.php?email=${ACCOUNT}&pass=pw&numero=0660919010&message=Bonjour`

const { values } = parseArgs({
  options: {
    serve: { type: 'boolean', default: false },
    rounds: { type: 'string', default: '4' },
    streams: { type: 'string', default: '20' },
    duration: { type: 'string', default: '5' },
    warmup: { type: 'string', default: '3' },
    connections: { type: 'string', default: '50' },
    'server-cpu': { type: 'string', default: '0' },
    'load-cpu': { type: 'string', default: '1' },
    'max-foreign': { type: 'string', default: '0.3' },
    retries: { type: 'string', default: '2' },
    'quiet-wait': { type: 'string', default: '60' },
  },
})

/** The server under test (`--serve`): smsim with the bench account, its port sent over IPC. */
async function serve(): Promise<void> {
  const { startSmsim } = await import('../simulators/server/app.ts')
  const running = await startSmsim({
    httpPort: 0,
    smtpPort: 0,
    demo: false,
    accounts: [
      {
        provider: 'smstob',
        id: ACCOUNT,
        secret: 'pw',
        credits: 1e12,
        options: { duplicateCheck: false },
      },
    ],
  })
  process.send!({ port: running.http.port })
  process.on('disconnect', () => void running.close().then(() => process.exit(0)))
}

/** One stream reader: bytes and events received, and whether the server cut it. */
interface Reader {
  bytes: number
  events: number
  cut: boolean
  close(): void
}

function openStream(port: number): Promise<Reader> {
  return new Promise((resolve, reject) => {
    const request = get(
      { host: '127.0.0.1', port, path: '/_smsim/events' },
      (res: IncomingMessage) => {
        if (res.statusCode !== 200) return reject(new Error(`/events answered ${res.statusCode}`))
        let closing = false
        const reader: Reader = {
          bytes: 0,
          events: 0,
          cut: false,
          close: () => {
            closing = true
            request.destroy()
          },
        }
        res.on('data', (chunk: Buffer) => {
          reader.bytes += chunk.length
          // Each event has one `event:` field at the start of a line.
          for (
            let at = chunk.indexOf('\nevent: ');
            at >= 0;
            at = chunk.indexOf('\nevent: ', at + 1)
          )
            reader.events++
        })
        res.once('close', () => (reader.cut = !closing))
        res.once('data', () => resolve(reader))
      },
    )
    request.once('error', (error) => {
      if (!(error as NodeJS.ErrnoException).code?.includes('ECONNRESET')) reject(error)
    })
  })
}

interface Round extends WrkResult {
  streams: number
  /** Cores the server used during the round (1 = one core all along). */
  serverCores: number
  /** Cores of every other process: this machine is shared. */
  foreign: number
  /** Events each stream received per request answered (median over the streams). */
  eventsPerRequest: number
  cut: number
}

async function measure(
  port: number,
  serverPid: number,
  streams: number,
  seconds: number,
): Promise<Round> {
  await fetch(`http://127.0.0.1:${port}/_smsim/reset`, { method: 'POST' })
  const readers = await Promise.all(Array.from({ length: streams }, () => openStream(port)))
  const serverBefore = processTicks(readFileSync(`/proc/${serverPid}/stat`, 'utf8')).self
  const selfBefore = process.cpuUsage()
  const before = machineTicks()
  const out = await run('sh', [
    '-c',
    'taskset -c "$0" wrk "$@" && echo "@@stat $(cat /proc/$$/stat)"',
    values['load-cpu']!,
    '-t1',
    `-c${values.connections}`,
    `-d${seconds}s`,
    '--latency',
    `http://127.0.0.1:${port}${PATH}`,
  ])
  const after = machineTicks()
  const serverAfter = processTicks(readFileSync(`/proc/${serverPid}/stat`, 'utf8')).self
  const self = process.cpuUsage(selfBefore)
  const wallTicks = (after.total - before.total) / CPUS
  const wrkTicks = processTicks(/^@@stat (.*)$/m.exec(out)![1]!).children
  const serverCores = (serverAfter - serverBefore) / wallTicks
  // This process's CPU (the readers) in ticks: /proc/stat counts 100 a second.
  const selfTicks = ((self.user + self.system) / 1e6) * 100
  const foreign = Math.max(
    0,
    (after.busy - before.busy) / wallTicks - serverCores - (wrkTicks + selfTicks) / wallTicks,
  )
  // The last events of the round are still on their way: wait until the streams are quiet.
  for (let last = -1; ;) {
    const now = readers.reduce((sum, r) => sum + r.bytes, 0)
    if (now === last) break
    last = now
    await sleep(200)
  }
  for (const reader of readers) reader.close()
  const result = parseWrk(out)
  const perRequest = readers.map((r) => r.events / result.requests).sort((a, b) => a - b)
  return {
    ...result,
    streams,
    serverCores,
    foreign,
    eventsPerRequest: perRequest[Math.floor(perRequest.length / 2)] ?? 0,
    cut: readers.filter((r) => r.cut).length,
  }
}

/** Waits until other processes use under `--max-foreign` cores, or `--quiet-wait` s passed. */
async function quiet(): Promise<void> {
  const deadline = Date.now() + Number(values['quiet-wait']) * 1000
  for (;;) {
    const before = machineTicks()
    await sleep(1000)
    const after = machineTicks()
    const busy = ((after.busy - before.busy) / (after.total - before.total)) * CPUS
    if (busy <= Number(values['max-foreign']) || Date.now() > deadline) return
  }
}

/** A round, run again while other processes were too busy during it. */
async function measureQuietly(port: number, pid: number, streams: number, seconds: number) {
  for (let attempt = 0; ; attempt++) {
    await quiet()
    const result = await measure(port, pid, streams, seconds)
    if (result.foreign <= Number(values['max-foreign']) || attempt >= Number(values.retries))
      return result
    log(`${streams} streams: run again, other processes used ${result.foreign.toFixed(2)} cores`)
  }
}

async function main(): Promise<void> {
  const rounds = Number(values.rounds)
  const streams = Number(values.streams)
  const seconds = Number(values.duration)
  await run('sh', ['-c', 'command -v wrk && command -v taskset']).catch(() => {
    throw new Error('wrk or taskset not found: apt-get install -y wrk util-linux')
  })
  // This script reads the streams: on the load core, beside wrk, away from the server's.
  await run('taskset', ['-pc', values['load-cpu']!, String(process.pid)])
  const script = fileURLToPath(import.meta.url)
  const child = track(
    spawn(
      'taskset',
      ['-c', values['server-cpu']!, process.execPath, '--import', 'tsx', script, '--serve'],
      { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] },
    ),
  )
  const port = await new Promise<number>((resolve) =>
    child.once('message', (m: { port: number }) => resolve(m.port)),
  )
  try {
    log(`server on 127.0.0.1:${port} (pid ${child.pid}); warm-up ${values.warmup} s`)
    await measure(port, child.pid!, 0, Number(values.warmup))
    const results: Round[] = []
    for (let i = 0; i < rounds; i++) {
      // 0, N, N, 0, 0, N…: each kind runs as often first as second.
      const order = i % 2 === 0 ? [0, streams] : [streams, 0]
      for (const count of order) {
        const result = await measureQuietly(port, child.pid!, count, seconds)
        results.push(result)
        log(
          `round ${i + 1}/${rounds}, ${count} streams: ${fmt(result.reqPerSec)} req/s, ` +
            `p99 ${result.p99Ms.toFixed(1)} ms, server ${result.serverCores.toFixed(2)} cores ` +
            `(${((result.serverCores / result.reqPerSec) * 1e6).toFixed(1)} µs/request), ` +
            `others ${result.foreign.toFixed(2)} cores` +
            (count ? `, ${result.eventsPerRequest.toFixed(2)} events/request/stream` : '') +
            (result.cut ? `, ${result.cut} streams cut` : '') +
            (result.errors.length ? `  !! ${result.errors.join('; ')}` : ''),
        )
      }
    }
    const of = (count: number) => results.filter((r) => r.streams === count)
    const row = (count: number) => {
      const rs = of(count)
      return {
        reqPerSec: median(rs.map((r) => r.reqPerSec)),
        range: `${fmt(Math.min(...rs.map((r) => r.reqPerSec)))}–${fmt(Math.max(...rs.map((r) => r.reqPerSec)))}`,
        p99: median(rs.map((r) => r.p99Ms)),
        usPerRequest: median(rs.map((r) => (r.serverCores / r.reqPerSec) * 1e6)),
        events: median(rs.map((r) => r.eventsPerRequest)),
        cut: rs.reduce((sum, r) => sum + r.cut, 0),
        foreign: median(rs.map((r) => r.foreign)),
      }
    }
    const [none, some] = [row(0), row(streams)]
    console.log(
      `\n| streams | req/s (median) | rounds min–max | p99 (median) | server µs CPU/request | events/request/stream | streams cut | other load (cores) |`,
    )
    console.log('| --: | --: | --: | --: | --: | --: | --: | --: |')
    for (const [count, r] of [
      [0, none],
      [streams, some],
    ] as const)
      console.log(
        `| ${count} | ${fmt(r.reqPerSec)} | ${r.range} | ${r.p99.toFixed(1)} ms | ${r.usPerRequest.toFixed(1)} | ${count ? r.events.toFixed(2) : '—'} | ${r.cut} | ${r.foreign.toFixed(2)} |`,
      )
    console.log(
      `\nratio ${streams} streams / none: req/s ${(some.reqPerSec / none.reqPerSec).toFixed(2)}, ` +
        `server CPU per request ${(some.usPerRequest / none.usPerRequest).toFixed(2)}`,
    )
  } finally {
    child.disconnect()
    for (const started of live) started.kill()
  }
}

if (values.serve) await serve()
else await main()
