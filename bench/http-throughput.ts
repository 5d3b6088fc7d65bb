/**
 * HTTP throughput of smsim's provider endpoints (DESIGN.md, "Performance facts that shape the
 * design"): SMStoB's `http.php` must reach ≥ 60 % of bare Node's req/s, ahead of WireMock,
 * measured in the same run. Run by hand, never in tests:
 *
 *   npx tsx bench/http-throughput.ts              # everything: 10 min idle, 20 min on a busy machine
 *   npx tsx bench/http-throughput.ts --help       # options
 *
 * Each server under test runs alone, in a fresh process pinned to one core (`taskset`); `wrk`
 * (Debian's, a separate process) loads it from the other core over 127.0.0.1. This script only
 * waits while wrk runs. bench/README.md has the figures and what they mean.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import { Session } from 'node:inspector/promises'
import type { AddressInfo } from 'node:net'
import { cpus, tmpdir } from 'node:os'
import { dirname, join, relative, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import { MAX_RECORDS } from '../simulators/core/memory-store.ts'

const SCRIPT = fileURLToPath(import.meta.url)
const ROOT = resolve(dirname(SCRIPT), '..')

/** The SMStoB send every target is hit with; the servers that are not smsim ignore the query. */
const ACCOUNT = 'bench@example.fr'
const QUERY_80 = `email=${ACCOUNT}&pass=pw&numero=0660919010&message=Bonjour`
const QUERY_82 = `email=${ACCOUNT}&pass=wrong&numero=0660919010&message=Bonjour`
const PATH = '/smstob/http.php'

type TargetId =
  'node' | 'express' | 'smsim-80' | 'smsim-82' | 'smsim-80-full' | 'smsim-82-full' | 'wiremock'

interface Target {
  id: TargetId
  label: string
  query: string
  /** The body every answer must carry. */
  expect: string
  smsim?: {
    /** The account's duplicate check (code 91), on or off. */
    duplicateCheck: boolean
    /**
     * Fill the store to its cap (MAX_RECORDS) before listening: the state of a simulator left
     * running under a long load test. Otherwise the store is emptied before each round.
     */
    full: boolean
  }
}

const TARGETS: readonly Target[] = [
  { id: 'node', label: 'bare `node:http`', query: QUERY_80, expect: '80' },
  { id: 'express', label: 'express 5, one route', query: QUERY_80, expect: '80' },
  {
    id: 'smsim-80',
    label: 'smsim, accepted send (80)',
    query: QUERY_80,
    expect: '80',
    smsim: { duplicateCheck: false, full: false },
  },
  {
    id: 'smsim-82',
    label: 'smsim, wrong password (82)',
    query: QUERY_82,
    expect: '82',
    smsim: { duplicateCheck: true, full: false },
  },
  {
    id: 'smsim-80-full',
    label: 'smsim, accepted send (80), store full',
    query: QUERY_80,
    expect: '80',
    smsim: { duplicateCheck: false, full: true },
  },
  {
    id: 'smsim-82-full',
    label: 'smsim, wrong password (82), store full',
    query: QUERY_82,
    expect: '82',
    smsim: { duplicateCheck: true, full: true },
  },
  { id: 'wiremock', label: 'WireMock 3.13 (JVM, journal off)', query: QUERY_80, expect: '80' },
]

const target = (id: TargetId) => TARGETS.find((t) => t.id === id)!

// ————————————————————————————————————————————————————————————————————————————————————————————
// The servers under test (child mode, `--serve <target>`, started by the orchestrator below).
// ————————————————————————————————————————————————————————————————————————————————————————————

type ToChild =
  | { type: 'stats' }
  | { type: 'memory' }
  | { type: 'count' }
  | { type: 'reset' }
  | { type: 'profile-start' }
  | { type: 'profile-stop'; file: string }
  | { type: 'close' }

type FromChild =
  | { type: 'ready'; port: number }
  | { type: 'stats'; stats: Stats }
  | { type: 'count'; requests: number }
  | { type: 'reset-done' }
  | { type: 'profile-started' }
  | { type: 'profile-written' }
  | { type: 'closed' }

interface Stats {
  rss: number
  heapUsed: number
  /** Requests the server received since it started (resets do not zero it). */
  requests: number
  /** smsim only: what the store holds, and the codes the kept journal entries answered. */
  sms?: number
  journal?: number
  ledger?: number
  codes?: Record<string, number>
}

async function serve(id: TargetId): Promise<void> {
  const send = (message: FromChild) => process.send!(message)
  const t = target(id)
  let server: Server
  let close: () => Promise<void>
  let reset = () => {}
  let storeStats: () => Partial<Stats> = () => ({})
  if (id === 'node') {
    server = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html; charset=ISO-8859-1', 'content-length': '2' })
      res.end('80')
    })
    close = await listen(server)
  } else if (id === 'express') {
    const { default: express } = await import('express')
    const app = express()
    app.get(PATH, (_req, res) => {
      res.send('80')
    })
    server = createServer(app)
    close = await listen(server)
  } else if (t.smsim) {
    const options = t.smsim
    const { startSmsim } = await import('../simulators/server/app.ts')
    const running = await startSmsim({ httpPort: 0, smtpPort: 0, demo: false })
    const createAccount = () =>
      running.sim.store.createAccount(
        {
          provider: 'smstob',
          id: ACCOUNT,
          secret: 'pw',
          credits: 1e12,
          options: { duplicateCheck: options.duplicateCheck },
        },
        running.sim.clock.now(),
      )
    createAccount()
    if (options.full) {
      // The same request as the load, through the same code minus the socket.
      const request = {
        method: 'GET',
        host: '127.0.0.1',
        path: PATH,
        query: t.query,
        headers: { host: '127.0.0.1' },
        body: new Uint8Array(),
      }
      for (let i = 0; i < MAX_RECORDS; i++) await running.sim.handleHttp(request)
    }
    server = running.http.server
    close = () => running.close()
    reset = () => {
      running.sim.reset()
      createAccount()
    }
    storeStats = () => {
      const store = running.sim.store
      const journal = store.journal()
      const codes: Record<string, number> = {}
      for (const entry of journal) codes[String(entry.code)] = (codes[String(entry.code)] ?? 0) + 1
      return {
        sms: store.messages().length,
        journal: journal.length,
        ledger: store.ledger().length,
        codes,
      }
    }
  } else throw new Error(`not a Node target: ${id}`)

  let requests = 0
  server.on('request', () => requests++)
  let closing: Promise<void> | undefined
  const closeOnce = () => (closing ??= close())
  const gc = (globalThis as { gc?: () => void }).gc
  const stats = (): Stats => {
    const { rss, heapUsed } = process.memoryUsage()
    return { rss, heapUsed, requests, ...storeStats() }
  }
  process.on('message', (message: ToChild) => {
    switch (message.type) {
      case 'count':
        return send({ type: 'count', requests })
      case 'stats':
        return send({ type: 'stats', stats: stats() })
      case 'memory':
        gc?.()
        gc?.()
        return send({ type: 'stats', stats: stats() })
      case 'reset':
        reset()
        gc?.()
        return send({ type: 'reset-done' })
      case 'profile-start':
        return void startProfiler().then(() => send({ type: 'profile-started' }))
      case 'profile-stop':
        return void stopProfiler(message.file).then(() => send({ type: 'profile-written' }))
      case 'close':
        return void closeOnce().then(() => {
          send({ type: 'closed' })
          process.disconnect() // nothing else holds the event loop: the process ends
        })
    }
  })
  // The orchestrator went away (Ctrl-C, crash): do not outlive it.
  process.on('disconnect', () => {
    if (!closing) void closeOnce().finally(() => process.exit(0))
  })
  send({ type: 'ready', port: (server.address() as AddressInfo).port })
}

async function listen(server: Server): Promise<() => Promise<void>> {
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done))
  return () =>
    new Promise<void>((done) => {
      server.close(() => done())
      server.closeAllConnections()
    })
}

let profiler: Session | undefined

/**
 * V8's sampling profiler (what `node --cpu-prof` uses) driven through the inspector, so that
 * the profile covers one measured round only, not start-up and warm-up.
 */
async function startProfiler(): Promise<void> {
  profiler = new Session()
  profiler.connect()
  await profiler.post('Profiler.enable')
  await profiler.post('Profiler.start')
}

async function stopProfiler(file: string): Promise<void> {
  const { profile } = await profiler!.post('Profiler.stop')
  writeFileSync(file, JSON.stringify(profile))
  profiler!.disconnect()
  profiler = undefined
}

// ————————————————————————————————————————————————————————————————————————————————————————————
// The orchestrator.
// ————————————————————————————————————————————————————————————————————————————————————————————

interface Options {
  passes: number
  rounds: number
  duration: number
  warmup: number
  jvmWarmup: number
  connections: number
  serverCpu: string
  loadCpu: string
  targets: TargetId[]
  memorySends: number[]
  wiremockJar: string | undefined
  profile: string | undefined
  profileTarget: TargetId
  maxForeign: number
  retries: number
  quietWait: number
}

const DEFAULT_JAR_DIR = '/tmp/wiremock/node_modules/wiremock/build'

const HELP = `Usage: npx tsx bench/http-throughput.ts [options]

  --passes N          passes over the targets, each target started afresh in each pass, so
                      that a slow spell of the machine hits every target alike (default 3)
  --rounds N          measured rounds per target and pass (default 2; medians over all
                      the rounds are reported)
  --duration S        seconds per round (default 5: smsim-82 then stays below the store's cap
                      of ${MAX_RECORDS} journal entries within a round)
  --warmup S          unmeasured seconds before the rounds (default 3)
  --jvm-warmup S      the same for WireMock, whose JIT needs longer (default 20)
  --connections N     wrk connections, one wrk thread (default 50)
  --max-foreign C     a round during which processes other than the server and wrk used
                      more than C cores (/proc/stat) is run again (default 0.25)
  --retries N         how many times a round is run again at most (default 3)
  --quiet-wait S      before each round, wait up to S seconds for the machine to be idle
                      (under --max-foreign cores busy; default 300)
  --server-cpu LIST   cores the server under test is pinned to (default 0)
  --load-cpu LIST     cores wrk is pinned to (default 1)
  --targets LIST      comma-separated, in order, from:
                      ${TARGETS.map((t) => t.id).join(', ')}
                      (default: all; wiremock only when its jar is found)
  --memory LIST       accepted sends at which smsim's memory is sampled
                      (default 50000,100000,150000,200000,205000; "none" skips it)
  --wiremock-jar P    WireMock's standalone jar (default $WIREMOCK_JAR, else the one of
                      \`npm install --prefix /tmp/wiremock wiremock@3.13.2\` if present)
  --profile DIR       afterwards, profile one target (V8 CPU profiler, one round after the
                      warm-up), print where the time goes, write the .cpuprofile to DIR
  --profile-target T  the target profiled (default smsim-80)
`

function parseOptions(): Options {
  const { values } = parseArgs({
    options: {
      passes: { type: 'string', default: '3' },
      rounds: { type: 'string', default: '2' },
      duration: { type: 'string', default: '5' },
      warmup: { type: 'string', default: '3' },
      'jvm-warmup': { type: 'string', default: '20' },
      connections: { type: 'string', default: '50' },
      'max-foreign': { type: 'string', default: '0.25' },
      retries: { type: 'string', default: '3' },
      'quiet-wait': { type: 'string', default: '300' },
      'server-cpu': { type: 'string', default: '0' },
      'load-cpu': { type: 'string', default: '1' },
      targets: { type: 'string' },
      memory: { type: 'string', default: '50000,100000,150000,200000,205000' },
      'wiremock-jar': { type: 'string' },
      profile: { type: 'string' },
      'profile-target': { type: 'string', default: 'smsim-80' },
      help: { type: 'boolean', default: false },
    },
  })
  if (values.help) {
    process.stdout.write(HELP)
    process.exit(0)
  }
  const positive = (name: string, value: string) => {
    const n = Number(value)
    if (!Number.isInteger(n) || n <= 0) throw new Error(`--${name} must be a positive integer`)
    return n
  }
  const known = TARGETS.map((t) => t.id as string)
  const targetId = (name: string, value: string) => {
    if (!known.includes(value)) throw new Error(`--${name}: unknown target "${value}"`)
    return value as TargetId
  }
  const wiremockJar = values['wiremock-jar'] ?? process.env.WIREMOCK_JAR ?? findWiremockJar()
  const profileTarget = targetId('profile-target', values['profile-target'])
  if (profileTarget === 'wiremock') throw new Error('--profile-target: only Node targets')
  const maxForeign = Number(values['max-foreign'])
  if (!(maxForeign > 0)) throw new Error('--max-foreign must be a positive number of cores')
  return {
    passes: positive('passes', values.passes),
    rounds: positive('rounds', values.rounds),
    duration: positive('duration', values.duration),
    warmup: positive('warmup', values.warmup),
    jvmWarmup: positive('jvm-warmup', values['jvm-warmup']),
    connections: positive('connections', values.connections),
    serverCpu: values['server-cpu'],
    loadCpu: values['load-cpu'],
    targets: values.targets
      ? values.targets.split(',').map((t) => targetId('targets', t.trim()))
      : TARGETS.map((t) => t.id).filter((t) => t !== 'wiremock' || wiremockJar),
    memorySends:
      values.memory === 'none' ? [] : values.memory.split(',').map((n) => positive('memory', n)),
    wiremockJar,
    profile: values.profile,
    profileTarget,
    maxForeign,
    retries: Number(values.retries) >= 0 ? Number(values.retries) : 3,
    quietWait: Number(values['quiet-wait']) >= 0 ? Number(values['quiet-wait']) : 300,
  }
}

function findWiremockJar(): string | undefined {
  try {
    const jar = readdirSync(DEFAULT_JAR_DIR).find((f) => /^wiremock-standalone-.*\.jar$/.test(f))
    return jar ? join(DEFAULT_JAR_DIR, jar) : undefined
  } catch {
    return undefined
  }
}

/** Every process this script started and has not seen end. */
const live = new Set<ChildProcess>()

function track(child: ChildProcess): ChildProcess {
  live.add(child)
  child.once('exit', () => live.delete(child))
  return child
}

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms))

/** Runs a command to its end; rejects on a non-zero exit. */
function run(command: string, args: string[]): Promise<string> {
  return new Promise((done, fail) => {
    const child = track(spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] }))
    let out = ''
    child.stdout!.setEncoding('utf8').on('data', (chunk: string) => (out += chunk))
    child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (out += chunk))
    child.once('error', fail)
    child.once('close', (code) =>
      code === 0 ? done(out) : fail(new Error(`${command} exited ${code}: ${out}`)),
    )
  })
}

/** A server under test: a Node child talking over IPC, or WireMock's JVM. */
interface Running {
  port: number
  /** The server's process (taskset execs it: the same pid). */
  pid: number
  /** Node targets only (undefined for WireMock). */
  stats(withGc?: boolean): Promise<Stats | undefined>
  count(): Promise<number>
  /** Empties smsim's store and re-creates the account; does nothing for the others. */
  reset(): Promise<void>
  /** Runs `during` with V8's CPU profiler on and writes the profile to `file` (Node only). */
  profile<T>(file: string, during: () => Promise<T>): Promise<T>
  stop(): Promise<void>
}

async function startNodeTarget(id: TargetId, opts: Options): Promise<Running> {
  const child = track(
    spawn(
      'taskset',
      [
        '-c',
        opts.serverCpu,
        process.execPath,
        '--import',
        'tsx',
        '--expose-gc',
        SCRIPT,
        '--serve',
        id,
      ],
      { cwd: ROOT, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] },
    ),
  )
  const next = <T extends FromChild['type']>(type: T, timeoutMs = 60_000) =>
    new Promise<Extract<FromChild, { type: T }>>((done, fail) => {
      const onMessage = (message: FromChild) => {
        if (message.type !== type) return
        settle()
        done(message as Extract<FromChild, { type: T }>)
      }
      const onExit = (code: number | null) => {
        settle()
        fail(new Error(`${id}: the server process ended (${code}) before "${type}"`))
      }
      const timer = setTimeout(() => {
        settle()
        fail(new Error(`${id}: no "${type}" within ${timeoutMs / 1000} s`))
      }, timeoutMs)
      const settle = () => {
        clearTimeout(timer)
        child.off('message', onMessage)
        child.off('exit', onExit)
      }
      child.on('message', onMessage)
      child.once('exit', onExit)
    })
  const ask = async <T extends FromChild['type']>(
    message: ToChild,
    reply: T,
    timeoutMs?: number,
  ) => {
    const answer = next(reply, timeoutMs)
    child.send(message)
    return answer
  }
  // Filling a store to its cap takes a while (200,000 sends through the simulator).
  const { port } = await next('ready', 600_000)
  return {
    port,
    pid: child.pid!,
    stats: async (withGc = false) =>
      (await ask({ type: withGc ? 'memory' : 'stats' }, 'stats')).stats,
    count: async () => (await ask({ type: 'count' }, 'count')).requests,
    reset: async () => void (await ask({ type: 'reset' }, 'reset-done')),
    async profile(file, during) {
      await ask({ type: 'profile-start' }, 'profile-started')
      const result = await during()
      await ask({ type: 'profile-stop', file }, 'profile-written')
      return result
    },
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return
      const exited = new Promise<void>((done) => child.once('exit', () => done()))
      await ask({ type: 'close' }, 'closed', 10_000).catch(() => undefined)
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000)
      await exited
      clearTimeout(timer)
    },
  }
}

async function startWiremock(opts: Options, scratch: string): Promise<Running> {
  if (!opts.wiremockJar) throw new Error('no WireMock jar: see --wiremock-jar')
  const root = join(scratch, 'wiremock')
  mkdirSync(join(root, 'mappings'), { recursive: true })
  writeFileSync(
    join(root, 'mappings', 'http-php.json'),
    JSON.stringify({
      request: { method: 'GET', urlPath: PATH },
      response: {
        status: 200,
        body: '80',
        headers: { 'Content-Type': 'text/html; charset=ISO-8859-1' },
      },
    }),
  )
  const port = await freePort()
  const child = track(
    spawn(
      'taskset',
      [
        '-c',
        opts.serverCpu,
        'java',
        '-jar',
        opts.wiremockJar,
        '--port',
        String(port),
        '--bind-address',
        '127.0.0.1',
        '--root-dir',
        root,
        '--no-request-journal',
        '--disable-banner',
      ],
      { stdio: ['ignore', 'ignore', 'inherit'] },
    ),
  )
  const deadline = Date.now() + 60_000
  for (;;) {
    if (child.exitCode !== null) throw new Error(`WireMock exited (${child.exitCode})`)
    try {
      const res = await fetch(`http://127.0.0.1:${port}/__admin/health`)
      await res.arrayBuffer()
      if (res.ok) break
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error('WireMock did not start within 60 s')
    await sleep(250)
  }
  return {
    port,
    pid: child.pid!,
    stats: async () => undefined,
    count: async () => NaN,
    reset: async () => {},
    profile: () => Promise.reject(new Error('WireMock cannot be profiled here')),
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return
      const exited = new Promise<void>((done) => child.once('exit', () => done()))
      child.kill('SIGTERM')
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000)
      await exited
      clearTimeout(timer)
    },
  }
}

function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer()
    server.once('error', fail)
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo
      server.close(() => done(port))
    })
  })
}

interface WrkResult {
  requests: number
  reqPerSec: number
  p50Ms: number
  p99Ms: number
  errors: string[]
}

/** CPU used during a round, in cores (1 = one core busy the whole round). */
interface CpuShare {
  server: number
  wrk: number
  /** Every other process on the machine, and time stolen by the hypervisor. */
  foreign: number
}

interface Round extends WrkResult {
  cpu: CpuShare
  /** Runs of this round thrown away because other processes were busy. */
  retried: number
}

/** The machine's cores (not this process's affinity): /proc/stat counts them all. */
const CPUS = cpus().length

/** Busy and total ticks of the whole machine, from /proc/stat. */
function machineTicks(): { busy: number; total: number } {
  const [user, nice, system, idle, iowait, irq, softirq, steal] = readFileSync('/proc/stat', 'utf8')
    .split('\n')[0]!
    .trim()
    .split(/\s+/)
    .slice(1)
    .map(Number) as number[]
  const busy = user! + nice! + system! + irq! + softirq! + (steal ?? 0)
  return { busy, total: busy + idle! + iowait! }
}

/** CPU ticks of a process (utime + stime) and of its reaped children (cutime + cstime). */
function processTicks(stat: string): { self: number; children: number } {
  const f = stat
    .slice(stat.lastIndexOf(')') + 2)
    .split(' ')
    .map(Number)
  return { self: f[11]! + f[12]!, children: f[13]! + f[14]! }
}

/**
 * Waits until the machine is idle (less than `maxForeign` cores busy over one second, our
 * idle server included) or `quietWait` seconds have passed: this machine is shared.
 */
async function waitQuiet(opts: Options, label: string): Promise<void> {
  const deadline = Date.now() + opts.quietWait * 1000
  for (let said = false; ; said = true) {
    const before = machineTicks()
    await sleep(1000)
    const after = machineTicks()
    const busy = ((after.busy - before.busy) / (after.total - before.total)) * CPUS
    if (busy <= opts.maxForeign || Date.now() > deadline) return
    if (!said) log(`${label}: waiting for the machine to be idle (${busy.toFixed(2)} cores busy)`)
  }
}

/** One measured round: wrk's figures, and who used the CPU meanwhile. */
async function round(opts: Options, url: string, serverPid: number): Promise<Round> {
  const serverBefore = processTicks(readFileSync(`/proc/${serverPid}/stat`, 'utf8')).self
  const before = machineTicks()
  // The shell reports its reaped children's CPU time: wrk's.
  const out = await run('sh', [
    '-c',
    'taskset -c "$0" wrk "$@" && echo "@@stat $(cat /proc/$$/stat)"',
    opts.loadCpu,
    '-t1',
    `-c${opts.connections}`,
    `-d${opts.duration}s`,
    '--latency',
    url,
  ])
  const after = machineTicks()
  const serverAfter = processTicks(readFileSync(`/proc/${serverPid}/stat`, 'utf8')).self
  const wallTicks = (after.total - before.total) / CPUS
  const wrkTicks = processTicks(/^@@stat (.*)$/m.exec(out)![1]!).children
  const server = (serverAfter - serverBefore) / wallTicks
  const wrkCores = wrkTicks / wallTicks
  const machine = (after.busy - before.busy) / wallTicks
  return {
    ...parseWrk(out),
    cpu: { server, wrk: wrkCores, foreign: Math.max(0, machine - server - wrkCores) },
    retried: 0,
  }
}

/**
 * Runs wrk (one thread, pinned) against `url` for `seconds`. With `stopWhen`, wrk is told to
 * stop (SIGINT: it reports what it measured) as soon as that turns true.
 */
async function wrk(
  opts: Options,
  url: string,
  seconds: number,
  more: { script?: { file: string; args: string[] }; stopWhen?: () => Promise<boolean> } = {},
): Promise<WrkResult> {
  const { script, stopWhen } = more
  const args = [
    '-c',
    opts.loadCpu,
    'wrk',
    '-t1',
    `-c${opts.connections}`,
    `-d${seconds}s`,
    '--latency',
    ...(script ? ['-s', script.file, url, '--', ...script.args] : [url]),
  ]
  const child = track(spawn('taskset', args, { stdio: ['ignore', 'pipe', 'pipe'] }))
  let out = ''
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => (out += chunk))
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (out += chunk))
  let finished = false
  const exited = new Promise<number | null>((done) =>
    child.once('close', (code) => {
      finished = true
      done(code)
    }),
  )
  const killer = setTimeout(() => child.kill('SIGKILL'), (seconds + 60) * 1000)
  while (stopWhen && !finished) {
    await sleep(100)
    if (!finished && (await stopWhen())) {
      child.kill('SIGINT')
      break
    }
  }
  const code = await exited
  clearTimeout(killer)
  if (code !== 0) throw new Error(`wrk exited ${code}: ${out}`)
  return parseWrk(out)
}

/** Reads wrk's report: `Requests/sec:`, the latency distribution, the error lines. */
function parseWrk(out: string): WrkResult {
  const match = (re: RegExp) => {
    const m = re.exec(out)
    if (!m) throw new Error(`unexpected wrk output:\n${out}`)
    return m
  }
  const latencyMs = (pct: number) => {
    const m = match(new RegExp(`^\\s+${pct}%\\s+([\\d.]+)(us|ms|s)\\s*$`, 'm'))
    return Number(m[1]) * { us: 0.001, ms: 1, s: 1000 }[m[2] as 'us' | 'ms' | 's']
  }
  return {
    requests: Number(match(/^\s+(\d+) requests in/m)[1]),
    reqPerSec: Number(match(/^Requests\/sec:\s+([\d.]+)/m)[1]),
    p50Ms: latencyMs(50),
    p99Ms: latencyMs(99),
    errors: [/^\s+Socket errors:.*$/m, /^\s+Non-2xx or 3xx responses:.*$/m]
      .map((re) => re.exec(out)?.[0].trim())
      .filter((e): e is string => e !== undefined),
  }
}

/** One GET to check that the target answers what it should. */
async function check(port: number, t: Target): Promise<void> {
  const res = await fetch(`http://127.0.0.1:${port}${PATH}?${t.query}`)
  const body = (await res.text()).trim()
  if (res.status !== 200 || body !== t.expect)
    throw new Error(`${t.id}: expected 200 "${t.expect}", got ${res.status} "${body}"`)
}

interface TargetResult {
  target: Target
  rounds: Round[]
  /** Rounds at whose end the journal held MAX_RECORDS entries (smsim). */
  roundsAtCap: number
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b)
  const mid = sorted.length >> 1
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2
}

/** One pass over one target: a fresh server, a warm-up, `opts.rounds` measured rounds. */
async function measure(t: Target, opts: Options, scratch: string, into: TargetResult) {
  const server =
    t.id === 'wiremock' ? await startWiremock(opts, scratch) : await startNodeTarget(t.id, opts)
  try {
    await check(server.port, t)
    const url = `http://127.0.0.1:${server.port}${PATH}?${t.query}`
    const warmup = t.id === 'wiremock' ? opts.jvmWarmup : opts.warmup
    log(`${t.id}: warm-up ${warmup} s`)
    await wrk(opts, url, warmup)
    for (let i = 1; i <= opts.rounds; i++) {
      let result: Round
      for (let attempt = 0; ; attempt++) {
        if (t.smsim && !t.smsim.full) await server.reset()
        await waitQuiet(opts, t.id)
        result = { ...(await round(opts, url, server.pid)), retried: attempt }
        if (result.cpu.foreign <= opts.maxForeign || attempt >= opts.retries) break
        log(
          `${t.id}: round ${i} run again: other processes used ` +
            `${result.cpu.foreign.toFixed(2)} cores (${fmt(result.reqPerSec)} req/s)`,
        )
      }
      into.rounds.push(result)
      const after = await server.stats()
      if (after?.journal !== undefined && after.journal >= MAX_RECORDS) into.roundsAtCap++
      log(
        `${t.id}: round ${i}/${opts.rounds}: ${fmt(result.reqPerSec)} req/s, ` +
          `p50 ${result.p50Ms.toFixed(2)} ms, p99 ${result.p99Ms.toFixed(2)} ms; ` +
          `cores: server ${result.cpu.server.toFixed(2)}, wrk ${result.cpu.wrk.toFixed(2)}, ` +
          `others ${result.cpu.foreign.toFixed(2)}` +
          (after?.journal !== undefined
            ? `; store: ${fmt(after.sms ?? 0)} SMS, ${fmt(after.journal)} journal entries`
            : '') +
          (result.errors.length ? `  !! ${result.errors.join('; ')}` : ''),
      )
    }
    await check(server.port, t)
    const last = await server.stats()
    if (last?.codes)
      log(
        `${t.id}: ${fmt(last.requests)} requests received in all; ` +
          `codes of the journal entries kept: ${JSON.stringify(last.codes)}`,
      )
  } finally {
    await server.stop()
  }
}

/**
 * wrk script for the memory phase: a distinct text per send (as in a real load test; each
 * text also leaves a duplicate-check key), and no more than `limit` requests answered.
 */
const DISTINCT_SENDS_LUA = `
local base, first, limit, n, answered
init = function(args)
  base = args[1]
  first = tonumber(args[2])
  limit = tonumber(args[3])
  n = 0
  answered = 0
end
request = function()
  n = n + 1
  return wrk.format("GET", base .. (first + n))
end
response = function(status, headers, body)
  answered = answered + 1
  if answered >= limit then wrk.thread:stop() end
end
`

interface MemoryPoint {
  sends: number
  stats: Stats
}

async function measureMemory(opts: Options, scratch: string): Promise<MemoryPoint[]> {
  const lua = join(scratch, 'distinct-sends.lua')
  writeFileSync(lua, DISTINCT_SENDS_LUA)
  const server = await startNodeTarget('smsim-80', opts)
  try {
    const points: MemoryPoint[] = []
    const sample = async () => {
      const stats = (await server.stats(true))!
      points.push({ sends: stats.requests, stats })
      log(
        `memory: ${fmt(stats.requests)} sends: rss ${mib(stats.rss)} MiB, ` +
          `heapUsed ${mib(stats.heapUsed)} MiB, ${fmt(stats.sms ?? 0)} SMS kept`,
      )
    }
    await sample()
    const base = `${PATH}?email=${ACCOUNT}&pass=pw&numero=0660919010&message=Bonjour+`
    for (const goal of opts.memorySends) {
      const done = points.at(-1)!.sends
      if (goal <= done) continue
      await wrk(opts, `http://127.0.0.1:${server.port}/`, 3600, {
        script: { file: lua, args: [base, String(done), String(goal - done)] },
        stopWhen: async () => (await server.count()) >= goal,
      })
      await sample()
    }
    return points
  } finally {
    await server.stop()
  }
}

/** Profiles one target during one round, after the warm-up. */
async function profile(opts: Options, dir: string): Promise<string> {
  mkdirSync(dir, { recursive: true })
  const t = target(opts.profileTarget)
  const server = await startNodeTarget(t.id, opts)
  const file = join(dir, `${t.id}-${new Date().toISOString().replace(/[:.]/g, '-')}.cpuprofile`)
  let result: WrkResult
  try {
    await check(server.port, t)
    const url = `http://127.0.0.1:${server.port}${PATH}?${t.query}`
    log(`profile: ${t.id}, warm-up ${opts.warmup} s, then ${opts.duration} s profiled`)
    await wrk(opts, url, opts.warmup)
    if (t.smsim && !t.smsim.full) await server.reset()
    result = await server.profile(file, () => wrk(opts, url, opts.duration))
  } finally {
    await server.stop()
  }
  return (
    `Profile of ${t.id} during one ${opts.duration} s round: ${fmt(result.reqPerSec)} req/s ` +
    `under the profiler; ${file}\n\n` +
    summariseProfile(JSON.parse(readFileSync(file, 'utf8')) as CpuProfile)
  )
}

interface CpuProfile {
  nodes: {
    id: number
    callFrame: { functionName: string; url: string; lineNumber: number }
    hitCount?: number
    children?: number[]
  }[]
}

/** Self time by file and by function, and total (inclusive) time by function. */
function summariseProfile(prof: CpuProfile): string {
  const byId = new Map(prof.nodes.map((n) => [n.id, n]))
  const parent = new Map<number, number>()
  for (const n of prof.nodes) for (const c of n.children ?? []) parent.set(c, n.id)
  const total = prof.nodes.reduce((sum, n) => sum + (n.hitCount ?? 0), 0)
  const fileOf = (url: string) => {
    if (!url) return '(V8)'
    if (url.startsWith('node:')) return url
    const path = url.startsWith('file://') ? fileURLToPath(url) : url
    const nm = path.lastIndexOf('node_modules/')
    if (nm < 0) return relative(ROOT, path)
    const [scope, name] = path.slice(nm + 'node_modules/'.length).split('/')
    return `npm:${scope!.startsWith('@') ? `${scope}/${name}` : scope}`
  }
  // tsx compiles each file to one line: function names, not line numbers, tell them apart.
  const fnOf = (n: CpuProfile['nodes'][number]) =>
    `${n.callFrame.functionName || '(anonymous)'}  ${fileOf(n.callFrame.url)}`
  const self = new Map<string, number>()
  const selfFile = new Map<string, number>()
  const inclusive = new Map<string, number>()
  const add = (map: Map<string, number>, key: string, n: number) =>
    map.set(key, (map.get(key) ?? 0) + n)
  for (const n of prof.nodes) {
    const hits = n.hitCount ?? 0
    if (!hits) continue
    add(self, fnOf(n), hits)
    add(selfFile, fileOf(n.callFrame.url), hits)
    const seen = new Set<string>()
    for (let id: number | undefined = n.id; id !== undefined; id = parent.get(id)) {
      const key = fnOf(byId.get(id)!)
      if (!seen.has(key)) add(inclusive, key, hits)
      seen.add(key)
    }
  }
  const top = (map: Map<string, number>, count: number) =>
    [...map]
      .sort((a, b) => b[1] - a[1])
      .slice(0, count)
      .map(([key, hits]) => `  ${((100 * hits) / total).toFixed(1).padStart(5)} %  ${key}`)
  return [
    `Self time by file (${fmt(total)} samples):`,
    ...top(selfFile, 12),
    '',
    'Self time by function:',
    ...top(self, 20),
    '',
    'Total time by function (self + callees):',
    ...top(inclusive, 35),
  ].join('\n')
}

const MiB = 1024 * 1024
const fmt = (n: number) => Math.round(n).toLocaleString('en-US')
const mib = (bytes: number) => (bytes / MiB).toFixed(1)
const pct = (n: number) => `${n.toFixed(0)} %`
const log = (line: string) => process.stderr.write(`[bench] ${line}\n`)

function report(opts: Options, results: TargetResult[], memory: MemoryPoint[]): string {
  const rps = (r: TargetResult) => median(r.rounds.map((x) => x.reqPerSec))
  const node = results.find((r) => r.target.id === 'node')
  const bare = node && rps(node)
  const lines = [
    '',
    `wrk -t1 -c${opts.connections} on cpu ${opts.loadCpu}, server on cpu ${opts.serverCpu}; ` +
      `${opts.passes} passes × ${opts.rounds} rounds of ${opts.duration} s, each pass after a ` +
      `${opts.warmup} s warm-up (WireMock ${opts.jvmWarmup} s); medians over the rounds`,
    '',
    '| target | req/s | rounds min–max | p99 | share of bare Node | server / wrk cores |',
    '|---|--:|--:|--:|--:|--:|',
  ]
  for (const r of results) {
    const all = r.rounds.map((x) => x.reqPerSec)
    const atCap = r.roundsAtCap && !r.target.smsim?.full ? ` (cap hit in ${r.roundsAtCap})` : ''
    lines.push(
      `| ${r.target.label} | ${fmt(rps(r))} | ${fmt(Math.min(...all))}–${fmt(Math.max(...all))}${atCap} | ` +
        `${median(r.rounds.map((x) => x.p99Ms)).toFixed(1)} ms | ` +
        `${bare ? pct((100 * rps(r)) / bare) : '—'} | ` +
        `${median(r.rounds.map((x) => x.cpu.server)).toFixed(2)} / ` +
        `${median(r.rounds.map((x) => x.cpu.wrk)).toFixed(2)} |`,
    )
  }
  const send = results.find((r) => r.target.id === 'smsim-80')
  const wiremock = results.find((r) => r.target.id === 'wiremock')
  if (send && bare) {
    const share = (100 * rps(send)) / bare
    lines.push(
      '',
      `Target (DESIGN.md): accepted send ≥ 60 % of bare Node: ${pct(share)}, ` +
        (share >= 60 ? 'met' : 'MISSED') +
        (wiremock ? `; ahead of WireMock: ${rps(send) > rps(wiremock) ? 'yes' : 'NO'}` : ''),
    )
  }
  const rounds = results.flatMap((r) => r.rounds)
  const retried = rounds.reduce((n, x) => n + x.retried, 0)
  const dirty = rounds.filter((x) => x.cpu.foreign > opts.maxForeign).length
  lines.push(
    '',
    `Other processes: median ${median(rounds.map((x) => x.cpu.foreign)).toFixed(2)} cores during ` +
      `the rounds kept; ${retried} runs thrown away and run again; ${dirty} rounds kept above ` +
      `${opts.maxForeign} cores.`,
  )
  const errors = results.flatMap((r) =>
    r.rounds.flatMap((x) => x.errors.map((e) => `${r.target.id}: ${e}`)),
  )
  if (errors.length) lines.push('', 'wrk reported errors:', ...errors.map((e) => `- ${e}`))
  if (memory.length) {
    const first = memory[0]!.stats
    lines.push(
      '',
      'smsim memory, accepted sends with distinct texts (after two forced GCs):',
      '',
      '| accepted sends | SMS kept | rss | heapUsed | heap growth per kept SMS |',
      '|--:|--:|--:|--:|--:|',
    )
    for (const { sends, stats } of memory) {
      const kept = stats.sms ?? 0
      const per = kept ? `${fmt((stats.heapUsed - first.heapUsed) / kept)} B` : '—'
      lines.push(
        `| ${fmt(sends)} | ${fmt(kept)} | ${mib(stats.rss)} MiB | ${mib(stats.heapUsed)} MiB | ${per} |`,
      )
    }
  }
  return `${lines.join('\n')}\n`
}

async function main(): Promise<void> {
  const opts = parseOptions()
  for (const tool of ['wrk', 'taskset']) {
    await run('sh', ['-c', `command -v ${tool}`]).catch(() => {
      throw new Error(`${tool} not found: apt-get install -y wrk util-linux`)
    })
  }
  // This process only waits while wrk runs; keep it off the server's core all the same.
  await run('taskset', ['-pc', opts.loadCpu, String(process.pid)]).catch(() => undefined)
  const scratch = mkdtempSync(join(tmpdir(), 'smsim-bench-'))
  const stopAll = () => {
    for (const child of live) child.kill('SIGKILL')
    rmSync(scratch, { recursive: true, force: true })
  }
  process.once('SIGINT', () => {
    stopAll()
    process.exit(130)
  })
  try {
    log(
      `server on cpu ${opts.serverCpu}, wrk -t1 -c${opts.connections} on cpu ${opts.loadCpu}; ` +
        `${opts.passes} passes of ${opts.rounds} rounds of ${opts.duration} s after a ` +
        `${opts.warmup} s warm-up; ${CPUS} cores`,
    )
    const results: TargetResult[] = opts.targets.map((id) => ({
      target: target(id),
      rounds: [],
      roundsAtCap: 0,
    }))
    for (let pass = 1; pass <= opts.passes; pass++) {
      log(`pass ${pass}/${opts.passes}`)
      for (const result of results) await measure(result.target, opts, scratch, result)
    }
    const memory = opts.memorySends.length ? await measureMemory(opts, scratch) : []
    const profiled = opts.profile ? await profile(opts, resolve(opts.profile)) : undefined
    process.stdout.write(report(opts, results, memory))
    if (profiled) process.stdout.write(`\n${profiled}\n`)
  } finally {
    stopAll()
  }
}

if (process.argv[2] === '--serve') {
  await serve(process.argv[3] as TargetId)
} else {
  try {
    await main()
  } catch (error) {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : error}\n`)
    for (const child of live) child.kill('SIGKILL')
    process.exitCode = 1
  }
}
