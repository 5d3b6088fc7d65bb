// ————————————————————————————————————————————————————————————————————————————————————————————
// The servers under test (child mode, `--serve <target>`, started by the orchestrator).
// ————————————————————————————————————————————————————————————————————————————————————————————
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createServer, type Server } from 'node:http'
import { Session } from 'node:inspector/promises'
import type { AddressInfo } from 'node:net'
import { MAX_RECORDS } from '../../simulators/core/store-limits.ts'
import {
  ACCOUNT,
  PATH,
  PROVIDER_ACCOUNTS,
  target,
  type FromChild,
  type Stats,
  type TargetId,
  type ToChild,
} from './http-targets.ts'

export async function serve(id: TargetId): Promise<void> {
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
    const { startSmsim } = await import('../../simulators/server/app.ts')
    const dataDir = options.disk ? mkdtempSync(join(tmpdir(), 'smsim-bench-')) : undefined
    const running = await startSmsim({
      httpPort: 0,
      smtpPort: 0,
      demo: false,
      ...(dataDir ? { dataDir } : {}),
    })
    const createAccount = () => {
      const now = running.sim.clock.now()
      running.sim.store.createAccount(
        {
          provider: 'smstob',
          id: ACCOUNT,
          secret: 'pw',
          credits: 1e12,
          options: { duplicateCheck: options.duplicateCheck },
        },
        now,
      )
      for (const account of PROVIDER_ACCOUNTS) running.sim.store.createAccount(account, now)
    }
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
      const route = running.sim.route(request.host, request.path)!
      for (let i = 0; i < MAX_RECORDS; i++) await running.sim.handleHttp(route, request)
    }
    server = running.http.server
    close = async () => {
      await running.close()
      if (dataDir) rmSync(dataDir, { recursive: true, force: true })
    }
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
