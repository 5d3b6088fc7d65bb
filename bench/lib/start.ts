/** Cold starts of a server command, to its first healthy answer (bench/start-time.ts, bench/data-dir.ts). */
import { execFileSync, spawn } from 'node:child_process'
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { log } from './format.ts'
import { freePort } from './http-servers.ts'
import { sleep, track } from './processes.ts'

export const ROOT = join(import.meta.dirname, '..', '..')
/** How often a start is polled: well under the figures measured, cheap for the machine. */
const POLL_MS = 5
/** A start slower than this is a failure, not a figure. */
const START_DEADLINE_MS = 60_000

export interface Target {
  name: string
  /** The command, given a free port when the target cannot pick and print its own. */
  command(port: number): { file: string; args: string[] }
  health: string
}

/** One cold start: spawn, poll the health endpoint, stop. Milliseconds to the first 200. */
export async function startOnce(target: Target): Promise<number> {
  const port = await freePort()
  const { file, args } = target.command(port)
  const started = performance.now()
  const child = track(spawn(file, args, { stdio: 'ignore', cwd: tmpdir() }))
  try {
    for (;;) {
      if (child.exitCode !== null) throw new Error(`${target.name} exited (${child.exitCode})`)
      try {
        const res = await fetch(`http://127.0.0.1:${port}${target.health}`)
        await res.arrayBuffer()
        if (res.ok) return performance.now() - started
      } catch {
        // not listening yet
      }
      if (performance.now() - started > START_DEADLINE_MS)
        throw new Error(`${target.name} not healthy within ${START_DEADLINE_MS} ms`)
      await sleep(POLL_MS)
    }
  } finally {
    const exited = new Promise((done) => child.once('exit', done))
    child.kill('SIGKILL')
    await exited
  }
}

/** The package as a user installs it: packed (which builds dist/), installed in a scratch dir. */
export function installPackage(scratch: string): string {
  log('packing and installing smsim (npm pack, npm install)')
  const tarball = execFileSync('npm', ['pack', '--silent', '--pack-destination', scratch], {
    cwd: ROOT,
    encoding: 'utf8',
  }).trim()
  const app = join(scratch, 'app')
  mkdirSync(app)
  writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'app', private: true }))
  // Without install scripts, better-sqlite3's binary copied from this clone: what
  // prebuild-install would download, which this machine cannot (test/package does the same).
  execFileSync(
    'npm',
    ['install', '--silent', '--no-audit', '--no-fund', '--ignore-scripts', join(scratch, tarball)],
    { cwd: app, stdio: 'inherit' },
  )
  const binary = join('node_modules', 'better-sqlite3', 'build', 'Release', 'better_sqlite3.node')
  mkdirSync(dirname(join(app, binary)), { recursive: true })
  copyFileSync(join(ROOT, binary), join(app, binary))
  return app
}
