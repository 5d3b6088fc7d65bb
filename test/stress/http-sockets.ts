/**
 * Socket-exhaustion probe of the HTTP side, run by hand (never by vitest):
 *
 *   npx tsx test/stress/http-sockets.ts                        # both phases, default limits (~3 min)
 *   npx tsx test/stress/http-sockets.ts --abandoned 20000 --silent 0
 *   npx tsx test/stress/http-sockets.ts --root /tmp/smsim-before  # the same probe against another tree
 *
 * smsim runs in a child process (`--serve`), started from `--root` (default: this tree), with
 * its default limits, so that the probe's own sockets do not count against its descriptors.
 *
 * Phase 1, abandoned bodies: `--abandoned` connections, in batches of `--batch`, each send a
 * request head announcing `Content-Length: 50` and 9 bytes of it — half to SMStoB's
 * `http.php`, half to `/_smsim/accounts` — half-close, and are destroyed 100 ms later: the
 * clients are gone. The leak kept every server socket in CLOSE-WAIT until the process had no
 * descriptor left for HTTP or SMTP.
 *
 * Phase 2, silent clients: `--silent` connections stay open without finishing their request:
 * half send half a head, half a head and part of a body. Beyond the connection cap the server
 * should close them at once; the others should be answered 408 and closed when the headers and
 * request timeouts run out. The probe measures when, from each connection's first byte.
 *
 * First, one keep-alive connection is left idle after an answer: the probe measures when the
 * server closes it. After each phase the probe waits (up to `--settle` seconds) until no
 * server socket is left in CLOSE-WAIT, then checks that `GET /_smsim/health` and an SMTP
 * greeting both answer. It prints the server's CLOSE-WAIT sockets and open descriptors (`ss`,
 * `/proc/<pid>/fd`) as it goes, and a summary at the end.
 */
import { spawn, execFileSync, type ChildProcess } from 'node:child_process'
import { readdirSync } from 'node:fs'
import { connect, type Socket } from 'node:net'
import { resolve } from 'node:path'
import { parseArgs } from 'node:util'
import type * as App from '../../simulators/server/app.ts'

const { values: args } = parseArgs({
  options: {
    serve: { type: 'boolean', default: false },
    root: { type: 'string', default: resolve(import.meta.dirname, '../..') },
    abandoned: { type: 'string', default: '20000' },
    silent: { type: 'string', default: '4000' },
    batch: { type: 'string', default: '500' },
    settle: { type: 'string', default: '45' },
  },
})

/** The child: smsim with its default limits, on free ports; prints where, then waits. */
async function serve(root: string): Promise<void> {
  const { startSmsim } = (await import(resolve(root, 'simulators/server/app.ts'))) as typeof App
  const smsim = await startSmsim({ httpPort: 0, smtpPort: 0, logger: { error: () => {} } })
  process.stdout.write(`${JSON.stringify({ http: smsim.http.port, smtp: smsim.smtp.port })}\n`)
  // The probe holds this pipe: when it exits, however it exits, smsim goes too.
  process.stdin.resume()
  process.stdin.once('close', () => process.exit(0))
}

interface Server {
  child: ChildProcess
  http: number
  smtp: number
}

async function probe(): Promise<void> {
  const abandoned = Number(args.abandoned)
  const silent = Number(args.silent)
  const batch = Number(args.batch)
  const settleMs = Number(args.settle) * 1000
  console.log(`tree: ${args.root}`)
  console.log(`probe ulimit -n: ${execFileSync('sh', ['-c', 'ulimit -n']).toString().trim()}`)
  const server = await startServer(args.root)
  console.log(`smsim pid ${server.child.pid}: HTTP ${server.http}, SMTP ${server.smtp}`)
  console.log(`at start: ${state(server)}; ${await checks(server)}`)
  const summary: string[] = [await keepAliveIdle(server)]
  console.log(summary[0])
  try {
    if (abandoned > 0) summary.push(...(await abandonedPhase(server, abandoned, batch, settleMs)))
    if (silent > 0) summary.push(...(await silentPhase(server, silent, batch, settleMs)))
  } finally {
    server.child.kill()
  }
  console.log(`\nSummary\n${summary.map((line) => `  ${line}`).join('\n')}`)
}

async function startServer(root: string): Promise<Server> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', import.meta.filename, '--serve', '--root', root],
    { cwd: root, stdio: ['pipe', 'pipe', 'inherit'] },
  )
  const line = await new Promise<string>((done, fail) => {
    let out = ''
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString()
      if (out.includes('\n')) done(out.slice(0, out.indexOf('\n')))
    })
    child.once('exit', (code) => fail(new Error(`smsim exited (${code})`)))
  })
  const ports = JSON.parse(line) as { http: number; smtp: number }
  return { child, ...ports }
}

/** The server's CLOSE-WAIT sockets on its HTTP port, and its open descriptors. */
function counts(server: Server): { closeWait: number; fds: number } {
  const out = execFileSync('ss', [
    '-Htn',
    'state',
    'close-wait',
    '(',
    'sport',
    '=',
    `:${server.http}`,
    ')',
  ])
  const closeWait = out.toString().split('\n').filter(Boolean).length
  let fds = -1
  try {
    fds = readdirSync(`/proc/${server.child.pid}/fd`).length
  } catch {
    // not Linux: the CLOSE-WAIT count says enough
  }
  return { closeWait, fds }
}

const state = (server: Server) => {
  const { closeWait, fds } = counts(server)
  return `CLOSE-WAIT ${closeWait}, descriptors ${fds}`
}

/** `GET /_smsim/health` and an SMTP greeting, each with its time or why it failed. */
async function checks(server: Server): Promise<string> {
  const started = performance.now()
  const health = await fetch(`http://127.0.0.1:${server.http}/_smsim/health`, {
    signal: AbortSignal.timeout(5000),
  })
    .then((r) => `${r.status} in ${Math.round(performance.now() - started)} ms`)
    .catch(
      (error: Error) =>
        `FAILED (${error.cause instanceof Error ? error.cause.message : error.message})`,
    )
  const smtpStarted = performance.now()
  const greeting = await new Promise<string>((done) => {
    const socket = connect(server.smtp, '127.0.0.1')
    const timer = setTimeout(() => {
      socket.destroy()
      done('FAILED (no greeting in 5 s)')
    }, 5000)
    socket.once('data', (chunk: Buffer) => {
      clearTimeout(timer)
      socket.end('QUIT\r\n')
      done(`${chunk.toString().slice(0, 3)} in ${Math.round(performance.now() - smtpStarted)} ms`)
    })
    socket.once('error', (error) => {
      clearTimeout(timer)
      done(`FAILED (${error.message})`)
    })
  })
  return `health ${health}, SMTP greeting ${greeting}`
}

/** How long the server keeps an idle keep-alive connection after an answer. */
async function keepAliveIdle(server: Server): Promise<string> {
  const socket = await open(server.http)
  if (!socket) return 'keep-alive: could not connect'
  socket.on('error', () => {})
  let answered = 0
  socket.once('data', () => (answered = performance.now()))
  socket.write('GET /_smsim/health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n')
  await new Promise((done) => socket.once('end', done))
  socket.destroy()
  return `keep-alive: an idle connection closed ${((performance.now() - answered) / 1000).toFixed(2)} s after its answer`
}

const HEADS = [
  'POST /smstob/http.php HTTP/1.1\r\nHost: www.smstob.com\r\n' +
    'Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 50\r\n\r\nemail=abc',
  'POST /_smsim/accounts HTTP/1.1\r\nHost: 127.0.0.1\r\n' +
    'Content-Type: application/json\r\nContent-Length: 50\r\n\r\n{"provid',
]

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms))

/** Opens a connection; resolves once connected, or undefined when it failed. */
function open(port: number): Promise<Socket | undefined> {
  return new Promise((done) => {
    const socket = connect(port, '127.0.0.1')
    socket.once('connect', () => done(socket))
    socket.once('error', () => done(undefined))
  })
}

/** Waits until no CLOSE-WAIT is left (or `ms` passed), printing the counts every 5 s. */
async function settle(server: Server, ms: number): Promise<{ afterMs: number; left: number }> {
  const started = performance.now()
  for (let i = 0; ; i++) {
    const { closeWait } = counts(server)
    const elapsed = performance.now() - started
    if (closeWait === 0 || elapsed >= ms) return { afterMs: elapsed, left: closeWait }
    if (i % 5 === 0) console.log(`  +${Math.round(elapsed / 1000)} s: ${state(server)}`)
    await sleep(1000)
  }
}

async function abandonedPhase(
  server: Server,
  total: number,
  batch: number,
  settleMs: number,
): Promise<string[]> {
  console.log(`\nPhase 1: ${total} abandoned bodies (half-close, then the client is destroyed)`)
  let failed = 0
  let maxCloseWait = 0
  const started = performance.now()
  for (let sent = 0; sent < total; sent += batch) {
    const sockets = await Promise.all(
      Array.from({ length: Math.min(batch, total - sent) }, () => open(server.http)),
    )
    for (const [i, socket] of sockets.entries()) {
      if (!socket) failed++
      else {
        socket.on('error', () => {})
        socket.end(HEADS[i % 2]!)
      }
    }
    await sleep(100)
    for (const socket of sockets) socket?.destroy()
    if ((sent / batch) % 10 === 9 || sent + batch >= total) {
      const { closeWait } = counts(server)
      maxCloseWait = Math.max(maxCloseWait, closeWait)
      console.log(
        `  ${Math.min(sent + batch, total)} sent, ${failed} failed to connect: ${state(server)}`,
      )
    }
  }
  const sending = Math.round((performance.now() - started) / 1000)
  const settled = await settle(server, settleMs)
  const after = `${state(server)}; ${await checks(server)}`
  console.log(`  after ${Math.round(settled.afterMs / 1000)} s more: ${after}`)
  return [
    `abandoned bodies: ${total} sent in ${sending} s, ${failed} failed to connect, ` +
      `CLOSE-WAIT at most ${maxCloseWait} while sending`,
    `  ${settled.left === 0 ? `no CLOSE-WAIT ${Math.round(settled.afterMs / 1000)} s after the last` : `${settled.left} still in CLOSE-WAIT ${Math.round(settled.afterMs / 1000)} s after the last`}; ${after}`,
  ]
}

interface Silent {
  kind: 'half a head' | 'head, part of a body'
  firstByte: number
  ended?: number
  answer?: string
}

async function silentPhase(
  server: Server,
  total: number,
  batch: number,
  settleMs: number,
): Promise<string[]> {
  console.log(`\nPhase 2: ${total} silent clients (requests never finished, connections kept open)`)
  const clients: Silent[] = []
  const sockets: Socket[] = []
  let failed = 0
  let lettingGo = false
  for (let sent = 0; sent < total; sent += batch) {
    const opened = await Promise.all(
      Array.from({ length: Math.min(batch, total - sent) }, () => open(server.http)),
    )
    for (const [i, socket] of opened.entries()) {
      if (!socket) {
        failed++
        continue
      }
      const head = HEADS[i % 2]!
      const client: Silent =
        i % 4 < 2
          ? { kind: 'half a head', firstByte: performance.now() }
          : { kind: 'head, part of a body', firstByte: performance.now() }
      socket.write(client.kind === 'half a head' ? head.slice(0, 30) : head)
      let answer = ''
      socket.on('data', (chunk: Buffer) => (answer += chunk.toString('latin1')))
      // The server ending the connection (FIN or reset), not the probe letting go of it.
      const end = () => {
        if (client.ended !== undefined || lettingGo) return
        client.ended = performance.now()
        client.answer = answer.slice(0, answer.indexOf('\r\n')) || '(none)'
      }
      socket.on('end', end)
      socket.on('close', end)
      socket.on('error', () => {})
      clients.push(client)
      sockets.push(socket)
    }
  }
  await sleep(500)
  const closedAtOnce = clients.filter((c) => c.ended !== undefined && c.ended - c.firstByte < 1000)
  console.log(
    `  ${clients.length} connected (${failed} failed), ${closedAtOnce.length} closed by the server within 1 s: ${state(server)}`,
  )
  const during = await checks(server)
  console.log(`  while they are open: ${during}`)
  const settled = await settle(server, settleMs)
  // The clients that were kept: wait for the server to end them, up to the settle time.
  const waitStarted = performance.now()
  while (clients.some((c) => c.ended === undefined) && performance.now() - waitStarted < settleMs)
    await sleep(500)
  const stillOpen = clients.filter((c) => c.ended === undefined).length
  lettingGo = true
  for (const socket of sockets) socket.destroy()
  const settledAfter = await settle(server, settleMs)
  const after = `${state(server)}; ${await checks(server)}`
  console.log(`  after: ${after}`)
  const lines = [
    `silent clients: ${clients.length} connected, ${closedAtOnce.length} closed by the server within 1 s, ` +
      `${stillOpen} still open ${Math.round((performance.now() - waitStarted + settled.afterMs) / 1000)} s later`,
    `  while open: ${during}`,
  ]
  for (const kind of ['half a head', 'head, part of a body'] as const) {
    const cut = clients.filter(
      (c) => c.kind === kind && c.ended !== undefined && c.ended - c.firstByte >= 1000,
    )
    const times = cut.map((c) => (c.ended! - c.firstByte) / 1000).sort((a, b) => a - b)
    const answers = new Map<string, number>()
    for (const c of cut) answers.set(c.answer!, (answers.get(c.answer!) ?? 0) + 1)
    const at = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))]
    lines.push(
      times.length
        ? `  ${kind}: ${times.length} cut off after ${at(0)!.toFixed(2)}–${at(1)!.toFixed(2)} s ` +
            `(median ${at(0.5)!.toFixed(2)} s), answered ${[...answers].map(([a, n]) => `${n} × ${a}`).join(', ')}`
        : `  ${kind}: none cut off by the server`,
    )
  }
  lines.push(`  after the clients left: CLOSE-WAIT ${settledAfter.left}; ${after}`)
  return lines
}

if (args.serve) await serve(args.root)
else await probe()
