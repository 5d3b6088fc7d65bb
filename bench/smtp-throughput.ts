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
import { execFileSync } from 'node:child_process'
import { cpus, release } from 'node:os'
import { parseArgs } from 'node:util'
import { Gateway, hasTaskset, serve } from './lib/smtp-gateway.ts'
import { load } from './lib/smtp-load.ts'
import { CLIENT_MODES, type ClientMode, type Greeting, type Recipient } from './lib/smtp-setup.ts'

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
