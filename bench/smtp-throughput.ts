/**
 * SMTP throughput of smsim's mail gateway, with and without smtp-server's 100 ms greeting
 * delay (docs/decisions/007-smtp-greeting-delay.md; DESIGN.md "Performance facts"). Run by
 * hand, never in tests:
 *
 *   npx tsx bench/smtp-throughput.ts                          # 3 rounds, about 4 minutes
 *   npx tsx bench/smtp-throughput.ts --seconds 2 --repeat 1   # a quick look
 *
 * The gateway runs in a child process pinned to one core (`taskset`, when there is one), the
 * nodemailer clients in this process, pinned to the other; all traffic is on 127.0.0.1. Each
 * run sends for at most `--seconds` and `--max-mails`, after a short warm-up, and checks that
 * the gateway handed over every mail it answered 250. bench/README.md has the figures.
 */
import { execFileSync, fork, type ChildProcess } from 'node:child_process'
import { connect } from 'node:net'
import { cpus, release } from 'node:os'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import nodemailer, { type Transporter } from 'nodemailer'
import type { Provider } from '../simulators/core/provider.ts'

const SCRIPT = fileURLToPath(import.meta.url)

/** The address of the bench's own sink provider: the gateway's cost with a trivial decision. */
const SINK = 'sink@bench.smsim.test'
/** allmysms' Mail2SMS with a bench account: the gateway plus a real provider's decision. */
const ALLMYSMS = {
  to: 'mail2sms@allmysms.com',
  login: 'bench',
  apiKey: 'benchkey',
  subject: 'bench@benchkey|0660919010',
}

type Greeting = 'library' | 'prompt'
type Recipient = 'sink' | 'allmysms'

/** How the clients send. */
interface ClientMode {
  id: 'per-mail' | 'per-mail-x8' | 'pooled' | 'raw-pipelined'
  label: string
  /** Senders running at once; each awaits its mail before sending the next. */
  senders: number
  pool: boolean
  /** Raw SMTP sessions instead of nodemailer: the gateway's own ceiling, client cost aside. */
  raw?: boolean
}

const CLIENT_MODES: readonly ClientMode[] = [
  {
    id: 'per-mail',
    label: 'one connection per mail, 1 sender (nodemailer default)',
    senders: 1,
    pool: false,
  },
  { id: 'per-mail-x8', label: 'one connection per mail, 8 senders', senders: 8, pool: false },
  {
    id: 'pooled',
    label: 'pooled (5 connections, 100 mails each), 32 senders',
    senders: 32,
    pool: true,
  },
  {
    id: 'raw-pipelined',
    label: 'raw SMTP, 16 connections kept open, PIPELINING (no nodemailer)',
    senders: 16,
    pool: true,
    raw: true,
  },
]

// ————————————————————————————————————————————————————————————————————————————————————————————
// The gateway under test (child mode: `--serve library|prompt`).
// ————————————————————————————————————————————————————————————————————————————————————————————

type ToChild = { type: 'reset' } | { type: 'count' } | { type: 'close' }
type FromChild =
  | { type: 'ready'; port: number; allmysms: boolean }
  | { type: 'reset-done' }
  | { type: 'count'; handled: number; codes: Record<string, number>; cpuMs: number }

async function serve(greeting: Greeting): Promise<void> {
  const { Simulator } = await import('../simulators/server/simulator.ts')
  const { PROVIDERS } = await import('../simulators/providers.ts')
  const { startSmtpGateway } = await import('../simulators/mail/smtp-gateway.ts')
  const sink: Provider = {
    id: 'benchsink' as Provider['id'],
    name: 'Sink',
    prefix: '/benchsink',
    codes: [],
    http: [],
    mail: [
      {
        name: 'sink',
        addresses: [SINK],
        accepts: (address) => address.toLowerCase() === SINK,
        handle: (mail) => ({ effects: [], journal: { request: { text: mail.text }, code: 'ok' } }),
      },
    ],
    demo: { accounts: [], usage: () => [] },
  }
  const allmysms = PROVIDERS.some((p) => p.id === 'allmysms' && p.mail?.length)
  const accounts = allmysms
    ? [
        {
          provider: 'allmysms' as const,
          id: ALLMYSMS.login,
          secret: ALLMYSMS.apiKey,
          credits: 1e12,
        },
      ]
    : []
  const sim = new Simulator({ demo: false, providers: [...PROVIDERS, sink], accounts })
  const smtp = await startSmtpGateway(sim, { port: 0, promptGreeting: greeting === 'prompt' })
  const send = (message: FromChild) => process.send!(message)
  let cpuAtReset = process.cpuUsage()
  process.on('message', (message: ToChild) => {
    if (message.type === 'reset') {
      sim.reset()
      cpuAtReset = process.cpuUsage()
      send({ type: 'reset-done' })
    } else if (message.type === 'count') {
      const codes: Record<string, number> = {}
      const journal = sim.store.journal()
      for (const entry of journal) codes[String(entry.code)] = (codes[String(entry.code)] ?? 0) + 1
      const cpu = process.cpuUsage(cpuAtReset)
      send({ type: 'count', handled: journal.length, codes, cpuMs: (cpu.user + cpu.system) / 1000 })
    } else if (message.type === 'close') {
      void smtp.close().then(() => process.exit(0))
    }
  })
  send({ type: 'ready', port: smtp.port, allmysms })
}

// ————————————————————————————————————————————————————————————————————————————————————————————
// The orchestrator: starts each gateway, runs each client mode against it, prints the table.
// ————————————————————————————————————————————————————————————————————————————————————————————

interface Options {
  seconds: number
  repeat: number
  maxMails: number
  warmupMs: number
  serverCpu: string
  clientCpu: string
}

interface Result {
  greeting: Greeting
  recipient: Recipient
  mode: ClientMode
  mails: number
  seconds: number
  perSecond: number
  errors: number
  codes: Record<string, number>
  /** Share of one core each side used during the run. */
  serverCpu: number
  clientCpu: number
}

class Gateway {
  #child: ChildProcess
  #waiting: ((message: FromChild) => void)[] = []
  constructor(child: ChildProcess) {
    this.#child = child
    child.on('message', (message: FromChild) => this.#waiting.shift()?.(message))
  }
  static async start(
    greeting: Greeting,
    cpu: string,
  ): Promise<Gateway & { port: number; allmysms: boolean }> {
    // taskset execs node in place: the IPC channel fork sets up is inherited.
    const pinned = hasTaskset()
    const child = fork(SCRIPT, ['--serve', greeting], {
      execPath: pinned ? 'taskset' : process.execPath,
      execArgv: pinned ? ['-c', cpu, process.execPath, '--import', 'tsx'] : ['--import', 'tsx'],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    })
    const gateway = new Gateway(child)
    const ready = (await gateway.#next()) as Extract<FromChild, { type: 'ready' }>
    return Object.assign(gateway, { port: ready.port, allmysms: ready.allmysms })
  }
  #next(): Promise<FromChild> {
    return new Promise((resolve) => this.#waiting.push(resolve))
  }
  async ask<T extends FromChild['type']>(
    message: ToChild,
  ): Promise<Extract<FromChild, { type: T }>> {
    const answer = this.#next()
    this.#child.send(message)
    return (await answer) as Extract<FromChild, { type: T }>
  }
  async close(): Promise<void> {
    const exited = new Promise((resolve) => this.#child.once('exit', resolve))
    this.#child.send({ type: 'close' })
    await exited
  }
}

function hasTaskset(): boolean {
  try {
    execFileSync('taskset', ['-p', String(process.pid)], { stdio: 'ignore' })
    return cpus().length > 1
  } catch {
    return false
  }
}

/**
 * A raw SMTP session that keeps one mail's commands in flight with the previous mail's final
 * dot (RFC 2920 PIPELINING): one round trip per mail, and next to no client CPU.
 */
async function rawSession(port: number, to: string, raw: string, keepGoing: () => boolean) {
  const socket = connect(port, '127.0.0.1')
  socket.setNoDelay(true)
  socket.setEncoding('latin1')
  let buffer = ''
  const waiting: ((code: number) => void)[] = []
  socket.on('data', (chunk: string) => {
    buffer += chunk
    let end: number
    while ((end = buffer.indexOf('\r\n')) >= 0) {
      const line = buffer.slice(0, end)
      buffer = buffer.slice(end + 2)
      if (line[3] !== '-') waiting.shift()?.(Number(line.slice(0, 3)))
    }
  })
  const reply = () => new Promise<number>((resolve) => waiting.push(resolve))
  const expect = async (...codes: number[]) => {
    const got = await Promise.all(codes.map(() => reply()))
    if (got.some((code, i) => code !== codes[i])) throw new Error(`SMTP replies ${got.join(' ')}`)
  }
  const envelope = `MAIL FROM:<ecole@example.fr>\r\nRCPT TO:<${to}>\r\nDATA\r\n`
  let mails = 0
  await expect(220)
  socket.write('EHLO bench.example\r\n')
  await expect(250)
  if (keepGoing()) {
    socket.write(envelope)
    await expect(250, 250, 354)
    // Each mail's final dot goes with the next mail's envelope, or with QUIT after the last.
    for (;;) {
      mails++
      if (!keepGoing()) break
      socket.write(`${raw}.\r\n${envelope}`)
      await expect(250, 250, 250, 354)
    }
    socket.write(`${raw}.\r\n`)
    await expect(250)
  }
  socket.write('QUIT\r\n')
  await expect(221)
  socket.end()
  return mails
}

/** Sends for `seconds` (or `maxMails`), `mode.senders` at a time; returns what went through. */
async function load(
  port: number,
  mode: ClientMode,
  recipient: Recipient,
  options: { seconds: number; maxMails: number },
): Promise<{ mails: number; errors: number; seconds: number; clientCpuMs: number }> {
  if (mode.raw) {
    const [to, subject] = recipient === 'sink' ? [SINK, 'bench'] : [ALLMYSMS.to, ALLMYSMS.subject]
    const raw = `From: ecole@example.fr\r\nTo: ${to}\r\nSubject: ${subject}\r\n\r\nBonjour\r\n`
    const cpuBefore = process.cpuUsage()
    const startedAt = performance.now()
    const deadline = startedAt + options.seconds * 1000
    let started = 0
    // Each session claims the mail it is about to send, so that the total stays within maxMails.
    const keepGoing = () => {
      if (performance.now() >= deadline || started >= options.maxMails) return false
      started++
      return true
    }
    const counts = await Promise.all(
      Array.from({ length: mode.senders }, () => rawSession(port, to, raw, keepGoing)),
    )
    const cpu = process.cpuUsage(cpuBefore)
    return {
      mails: counts.reduce((a, b) => a + b, 0),
      errors: 0,
      seconds: (performance.now() - startedAt) / 1000,
      clientCpuMs: (cpu.user + cpu.system) / 1000,
    }
  }
  const transport: Transporter = nodemailer.createTransport({
    host: '127.0.0.1',
    port,
    secure: false,
    ignoreTLS: true,
    ...(mode.pool ? { pool: true, maxConnections: 5, maxMessages: 100 } : {}),
  })
  const message =
    recipient === 'sink'
      ? { from: 'ecole@example.fr', to: SINK, subject: 'bench', text: 'Bonjour, cours annulé.' }
      : { from: 'ecole@example.fr', to: ALLMYSMS.to, subject: ALLMYSMS.subject, text: 'Bonjour' }
  let mails = 0
  let errors = 0
  let started = 0
  const cpuBefore = process.cpuUsage()
  const deadline = performance.now() + options.seconds * 1000
  const startedAt = performance.now()
  const sender = async () => {
    while (performance.now() < deadline && started < options.maxMails) {
      started++
      try {
        await transport.sendMail(message)
        mails++
      } catch {
        errors++
      }
    }
  }
  await Promise.all(Array.from({ length: mode.senders }, sender))
  const seconds = (performance.now() - startedAt) / 1000
  const cpu = process.cpuUsage(cpuBefore)
  transport.close()
  return { mails, errors, seconds, clientCpuMs: (cpu.user + cpu.system) / 1000 }
}

/** One run: a warm-up (JIT, the pool's first connections; not counted), then the load. */
async function measure(
  gateway: Gateway & { port: number },
  greeting: Greeting,
  recipient: Recipient,
  mode: ClientMode,
  options: Options,
): Promise<Result> {
  await load(gateway.port, mode, recipient, { seconds: options.warmupMs / 1000, maxMails: 500 })
  await gateway.ask<'reset-done'>({ type: 'reset' })
  const run = await load(gateway.port, mode, recipient, options)
  const count = await gateway.ask<'count'>({ type: 'count' })
  if (count.handled !== run.mails)
    throw new Error(
      `the gateway handled ${count.handled} mails, the clients saw ${run.mails} accepted`,
    )
  const result: Result = {
    greeting,
    recipient,
    mode,
    ...run,
    perSecond: run.mails / run.seconds,
    codes: count.codes,
    serverCpu: count.cpuMs / (run.seconds * 1000),
    clientCpu: run.clientCpuMs / (run.seconds * 1000),
  }
  console.error(
    `${greeting.padEnd(7)} ${recipient.padEnd(8)} ${mode.id.padEnd(13)} ${result.perSecond.toFixed(0).padStart(6)} mails/s  (${run.mails} in ${run.seconds.toFixed(1)} s, ${run.errors} errors, codes ${JSON.stringify(count.codes)}, CPU gateway ${pct(result.serverCpu)} clients ${pct(result.clientCpu)})`,
  )
  return result
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      serve: { type: 'string' },
      seconds: { type: 'string', default: '5' },
      repeat: { type: 'string', default: '3' },
      'max-mails': { type: 'string', default: '40000' },
      'server-cpu': { type: 'string', default: '0' },
      'client-cpu': { type: 'string', default: '1' },
      help: { type: 'boolean', default: false },
    },
  })
  if (values.serve) return serve(values.serve as Greeting)
  if (values.help) {
    console.log(
      'Usage: npx tsx bench/smtp-throughput.ts [--seconds 5] [--repeat 3] [--max-mails 40000] [--server-cpu 0] [--client-cpu 1]',
    )
    return
  }
  const options: Options = {
    seconds: Number(values.seconds),
    repeat: Number(values.repeat),
    maxMails: Number(values['max-mails']),
    warmupMs: 1000,
    serverCpu: values['server-cpu']!,
    clientCpu: values['client-cpu']!,
  }
  if (hasTaskset())
    execFileSync('taskset', ['-pc', options.clientCpu, String(process.pid)], { stdio: 'ignore' })

  const results: Result[] = []
  // Rounds alternate the two gateways, so that a slower minute on a shared machine weighs on
  // both alike; the table shows the median of the rounds.
  for (let round = 1; round <= options.repeat; round++) {
    for (const greeting of ['library', 'prompt'] as const) {
      const gateway = await Gateway.start(greeting, options.serverCpu)
      const recipients: Recipient[] =
        greeting === 'prompt' && gateway.allmysms ? ['sink', 'allmysms'] : ['sink']
      for (const recipient of recipients) {
        for (const mode of CLIENT_MODES) {
          if (recipient === 'allmysms' && mode.id === 'per-mail-x8') continue
          results.push(await measure(gateway, greeting, recipient, mode, options))
        }
      }
      await gateway.close()
    }
  }
  console.log(table(results, options))
}

const pct = (share: number) => `${Math.round(share * 100)} %`

function table(results: Result[], options: Options): string {
  const cpu = cpus()
  const median = (values: number[]) => [...values].sort((a, b) => a - b)[values.length >> 1]!
  const groups = new Map<string, Result[]>()
  for (const r of results) {
    const key = `${r.mode.id} ${r.greeting} ${r.recipient}`
    groups.set(key, [...(groups.get(key) ?? []), r])
  }
  const rows = [...groups.values()].map((runs) => {
    const { mode, greeting, recipient } = runs[0]!
    const rates = runs.map((r) => r.perSecond)
    const shown = `${median(rates).toFixed(0)} (${Math.min(...rates).toFixed(0)}–${Math.max(...rates).toFixed(0)})`
    const greetingLabel = greeting === 'library' ? 'smtp-server as is (100 ms)' : 'at once (smsim)'
    const decision = recipient === 'sink' ? 'trivial (sink)' : 'allmysms Mail2SMS'
    return `| ${mode.label} | ${greetingLabel} | ${decision} | ${shown} | ${pct(median(runs.map((r) => r.serverCpu)))} | ${pct(median(runs.map((r) => r.clientCpu)))} |`
  })
  return [
    `Machine: ${cpu.length} × ${cpu[0]?.model ?? 'unknown CPU'}, Linux ${release()}, Node ${process.version}; gateway pinned to CPU ${options.serverCpu}, clients to CPU ${options.clientCpu}; ${options.seconds} s per run after a 1 s warm-up, ${options.repeat} rounds: median (min–max).`,
    '',
    '| clients | greeting | decision | mails/s | gateway CPU | clients CPU |',
    '|---|---|---|---|---|---|',
    ...rows,
  ].join('\n')
}

await main()
