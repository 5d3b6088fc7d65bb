/**
 * Start time: from spawning a server's command to its first `200` on its health endpoint, as a
 * CI job or a `docker run` waits for it (issue 12's target: < 500 ms for `smsim start` from the
 * installed package). Run by hand, never in tests:
 *
 *   npx tsx bench/start-time.ts                  # 20 cold starts of each target, ~2 min
 *   npx tsx bench/start-time.ts --runs 50 --wiremock-jar path/to/wiremock-standalone.jar
 *
 * Targets, started in turn (one of each per round, so that the machine's noise spreads evenly):
 * bare `node:http` (the floor: Node's own start), smsim from its packed and installed package
 * (what `npx smsim start` runs), smsim from this clone's sources through tsx (`npm start`), and
 * WireMock's standalone jar when it is found. Each start is a fresh process; the files are in the
 * page cache after the first round, as on a CI machine's second job. bench/README.md has the
 * figures.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { median, log } from './lib/format.ts'
import { live } from './lib/processes.ts'
import { installPackage, ROOT, startOnce, type Target } from './lib/start.ts'

/** Where `npm install --prefix /tmp/wiremock wiremock@3.13.2` puts the standalone jar. */
const DEFAULT_WIREMOCK_JAR =
  '/tmp/wiremock/node_modules/wiremock/build/wiremock-standalone-3.13.2.jar'

const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '20' },
    'wiremock-jar': { type: 'string', default: process.env.WIREMOCK_JAR ?? DEFAULT_WIREMOCK_JAR },
  },
})
const runs = Number(values.runs)
const jar = values['wiremock-jar']!

const BARE_NODE = `require('node:http').createServer((q, r) => r.end('ok'))
  .listen(Number(process.argv[1]), '127.0.0.1')`

function targets(installed: string): Target[] {
  const smsim =
    (bin: string): Target['command'] =>
    (port) => ({
      file: process.execPath,
      args: [bin, 'start', '--http-port', String(port), '--smtp-port', '0'],
    })
  const list: Target[] = [
    {
      name: 'bare node:http',
      command: (port) => ({ file: process.execPath, args: ['-e', BARE_NODE, String(port)] }),
      health: '/',
    },
    {
      name: 'smsim, installed package',
      command: smsim(join(installed, 'node_modules', 'smsim', 'bin', 'smsim.js')),
      health: '/_smsim/health',
    },
    {
      name: 'smsim, clone (tsx)',
      command: smsim(join(ROOT, 'bin', 'smsim.js')),
      health: '/_smsim/health',
    },
  ]
  if (existsSync(jar))
    list.push({
      name: 'WireMock 3.13 jar',
      command: (port) => ({
        file: 'java',
        args: [
          '-jar',
          jar,
          '--port',
          String(port),
          '--bind-address',
          '127.0.0.1',
          '--disable-banner',
        ],
      }),
      health: '/__admin/health',
    })
  else log(`no WireMock jar at ${jar}: WireMock left out`)
  return list
}

const scratch = mkdtempSync(join(tmpdir(), 'smsim-start-'))
process.on('exit', () => {
  for (const child of live) child.kill('SIGKILL')
  rmSync(scratch, { recursive: true, force: true })
})

const list = targets(installPackage(scratch))
const times = new Map<string, number[]>(list.map((t) => [t.name, []]))
// One unmeasured start of each: the first run of a binary reads it from disk.
for (const target of list) await startOnce(target)
for (let round = 1; round <= runs; round++) {
  for (const target of list) times.get(target.name)!.push(await startOnce(target))
  log(`round ${round}/${runs}`)
}

const floor = median(times.get('bare node:http')!)
const rows = list.map((t) => {
  const ms = times.get(t.name)!
  const m = median(ms)
  return `| ${t.name} | ${m.toFixed(0)} ms | ${Math.min(...ms).toFixed(0)}–${Math.max(...ms).toFixed(0)} ms | ${(m / floor).toFixed(1)}× |`
})
console.log(`Start to healthy, median of ${runs} cold starts each (node ${process.version})\n`)
console.log('| target | median | min–max | × bare node |')
console.log('|---|--:|--:|--:|')
console.log(rows.join('\n'))
