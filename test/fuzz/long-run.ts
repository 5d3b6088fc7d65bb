/**
 * `npm run fuzz`: the fuzz suite's long run, by hand or in a nightly job — not part of
 * `npm test`. It runs the `fuzz` vitest project with 100,000 cases per parser, a random seed
 * (printed first, so that a failure can be replayed), and the 100 ms health budget,
 * then prints one row per property: cases, seed, duration, failures, worst health latency.
 *
 * Every setting can be overridden from the environment (test/fuzz/support/settings.ts), and
 * arguments go to vitest:
 *
 * @example
 * npm run fuzz                                        # 100,000 cases per parser, random seed
 * FUZZ_CASES=5000 npm run fuzz -- aspsms-json         # one file, fewer cases
 * FUZZ_SEED=1234567 npm run fuzz -- -t "form bodies"  # replay a seed on one property
 */
import { spawnSync } from 'node:child_process'
import { randomInt } from 'node:crypto'
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { FuzzStats } from './support/harness.ts'

/** The long run's defaults: the figures. */
const LONG_RUN = { cases: '100000', healthMs: '100' }

const env = process.env
const seed = env.FUZZ_SEED || String(randomInt(2 ** 31 - 1))
const cases = env.FUZZ_CASES || LONG_RUN.cases
const healthMs = env.FUZZ_HEALTH_MS || LONG_RUN.healthMs
const statsDir =
  env.FUZZ_STATS_DIR || join('reports', 'fuzz', new Date().toISOString().replace(/[:.]/g, '-'))

console.log(
  `smsim fuzz: seed ${seed}, ${Number(cases).toLocaleString('en')} cases per parser, ` +
    `health budget ${healthMs} ms; figures in ${statsDir}/`,
)
console.log(`replay with: FUZZ_SEED=${seed} FUZZ_CASES=${cases} npm run fuzz\n`)

const started = Date.now()
const run = spawnSync('npx', ['vitest', 'run', '--project', 'fuzz', ...process.argv.slice(2)], {
  stdio: 'inherit',
  env: {
    ...env,
    FUZZ_SEED: seed,
    FUZZ_CASES: cases,
    FUZZ_HEALTH_MS: healthMs,
    FUZZ_STATS_DIR: statsDir,
  },
})

const rows: FuzzStats[] = existsSync(statsDir)
  ? readdirSync(statsDir)
      .filter((f) => f.endsWith('.json'))
      .map((f) => JSON.parse(readFileSync(join(statsDir, f), 'utf8')) as FuzzStats)
      .sort((a, b) => a.parser.localeCompare(b.parser))
  : []

const ms = (value: number) => `${Math.round(value).toLocaleString('en')} ms`
const duration = (value: number) =>
  value < 120_000 ? `${(value / 1000).toFixed(1)} s` : `${(value / 60_000).toFixed(1)} min`

console.log(
  '\n| parser | cases | seed | duration | failures | max health latency | max event-loop stall | slowest case | batches re-sent for time |',
)
console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |')
for (const r of rows) {
  const failures = r.failures ? String(r.failures) : '0'
  console.log(
    `| ${r.parser} | ${r.cases.toLocaleString('en')} | ${r.seed} | ${duration(r.durationMs)} | ${failures} | ${ms(r.maxHealthMs)} | ${ms(r.maxLoopStallMs)} | ${ms(r.maxCaseMs)} | ${r.timingRetries ?? 0} |`,
  )
}
for (const r of rows.filter((r) => r.counterexample))
  console.log(`\n${r.parser}: counterexample ${r.counterexample}`)
console.log(`\ntotal ${duration(Date.now() - started)}; vitest exited with ${run.status}`)
process.exit(run.status ?? 1)
