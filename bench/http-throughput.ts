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
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { MAX_RECORDS } from '../simulators/core/store-limits.ts'
import { fmt, log } from './lib/format.ts'
import { measureMemory } from './lib/http-memory.ts'
import { parseOptions, type Options } from './lib/http-options.ts'
import { profile } from './lib/http-profile.ts'
import { report, type TargetResult } from './lib/http-report.ts'
import { serve } from './lib/http-serve.ts'
import { check, startNodeTarget, startWiremock, wrkTarget } from './lib/http-servers.ts'
import { target, type Target, type TargetId } from './lib/http-targets.ts'
import { live, run } from './lib/processes.ts'
import { CPUS, round, waitQuiet, wrk, type Round } from './lib/wrk.ts'

/** One pass over one target: a fresh server, a warm-up, `opts.rounds` measured rounds. */
async function measure(t: Target, opts: Options, scratch: string, into: TargetResult) {
  const server =
    t.id === 'wiremock' ? await startWiremock(opts, scratch) : await startNodeTarget(t.id, opts)
  try {
    await check(server.port, t)
    const { url, script } = wrkTarget(t, server.port, scratch)
    const warmup = t.id === 'wiremock' ? opts.jvmWarmup : opts.warmup
    log(`${t.id}: warm-up ${warmup} s`)
    await wrk(opts, url, warmup, script ? { script } : {})
    for (let i = 1; i <= opts.rounds; i++) {
      let result: Round
      for (let attempt = 0; ; attempt++) {
        if (t.smsim && !t.smsim.full) await server.reset()
        await waitQuiet(opts, t.id)
        result = { ...(await round(opts, url, server.pid, script)), retried: attempt }
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
