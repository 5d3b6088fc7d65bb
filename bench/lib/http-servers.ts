/** Starting and stopping the servers under test: Node children over IPC, or WireMock's JVM. */
import { spawn } from 'node:child_process'
import { mkdirSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { join } from 'node:path'
import type { Options } from './http-options.ts'
import {
  PATH,
  ROOT,
  SCRIPT,
  targetUrl,
  wrkLua,
  type FromChild,
  type Stats,
  type Target,
  type TargetId,
  type ToChild,
} from './http-targets.ts'
import { sleep, track } from './processes.ts'

/** A server under test: a Node child talking over IPC, or WireMock's JVM. */
export interface Running {
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

export async function startNodeTarget(id: TargetId, opts: Options): Promise<Running> {
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

export async function startWiremock(opts: Options, scratch: string): Promise<Running> {
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

export function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer()
    server.once('error', fail)
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo
      server.close(() => done(port))
    })
  })
}

/** One request, the load's, to check that the target answers what it should. */
export async function check(port: number, t: Target): Promise<void> {
  const res = await fetch(
    targetUrl(t, port),
    t.post ? { method: 'POST', body: t.post.body, headers: t.post.headers } : {},
  )
  const body = (await res.text()).trim()
  const ok = typeof t.expect === 'string' ? body === t.expect : t.expect.test(body)
  if (res.status !== 200 || !ok)
    throw new Error(`${t.id}: expected 200 "${t.expect}", got ${res.status} "${body}"`)
}

/** What wrk is given for a target: its URL, and for a POST the Lua script, written to `dir`. */
export function wrkTarget(
  t: Target,
  port: number,
  dir: string,
): { url: string; script?: { file: string; args: string[] } } {
  const lua = wrkLua(t)
  if (!lua) return { url: targetUrl(t, port) }
  const file = join(dir, `${t.id}.lua`)
  writeFileSync(file, lua)
  return { url: targetUrl(t, port), script: { file, args: [] } }
}
