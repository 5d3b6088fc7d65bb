/**
 * Slow SMTP clients against the gateway's connection slots (issue 10, item 5), with the default
 * limits. Run by hand, never in tests (test/mail/slow-clients.test.ts checks the behaviour with
 * lowered bounds):
 *
 *   npx tsx test/stress/smtp-slow-clients.ts                  # the case, 80 s
 *   npx tsx test/stress/smtp-slow-clients.ts --mode noop      # NOOP loopers only
 *   npx tsx test/stress/smtp-slow-clients.ts --mode data --seconds 180   # mails trickled
 *   npx tsx test/stress/smtp-slow-clients.ts --port 2525      # against a running smsim
 *
 * `--connections` slow clients connect at once, alternately a trickler (one byte of a command
 * line every `--trickle-ms`, 3 s) and a NOOP looper (`NOOP` every `--noop-ms`, 10 s), or with
 * `--mode data` clients that open a mail and trickle it a byte every `--trickle-ms`; none
 * connects again once turned away or cut off. Meanwhile a normal client sends a mail with
 * nodemailer, one connection per mail, every second. The probe prints how many slow clients
 * were greeted `220` or turned away `421`, when and why each greeted one was cut off, and how
 * long the normal mail was refused.
 */
import { connect, type Socket } from 'node:net'
import { parseArgs } from 'node:util'
import nodemailer from 'nodemailer'
import { startTestSmsim, type TestSmsim } from '../../simulators/testing.ts'

const { values: args } = parseArgs({
  options: {
    connections: { type: 'string', default: '200' },
    seconds: { type: 'string', default: '80' },
    'trickle-ms': { type: 'string', default: '3000' },
    'noop-ms': { type: 'string', default: '10000' },
    mode: { type: 'string', default: 'mixed' },
    port: { type: 'string' },
  },
})
const CONNECTIONS = Number(args.connections)
const SECONDS = Number(args.seconds)
const TRICKLE_MS = Number(args['trickle-ms'])
const NOOP_MS = Number(args['noop-ms'])
const MODE = args.mode as 'mixed' | Kind
/** An address every smsim takes mail for: allmysms's (the mail is refused later, by allmysms). */
const TO = 'mail2sms@allmysms.com'

/** `data`: a trickler that first opens a mail (EHLO, MAIL, RCPT, DATA), then trickles it. */
type Kind = 'trickle' | 'noop' | 'data'
interface SlowClient {
  kind: Kind
  greeting?: number
  /** Seconds from the start to the server closing the connection, and its last reply. */
  cutAt?: number
  lastReply?: string
}

const started = performance.now()
const elapsed = () => (performance.now() - started) / 1000

/** One slow client: reads the greeting, then trickles or loops until the server closes. */
function slowClient(port: number, kind: Kind, stop: { now: boolean }): SlowClient {
  const client: SlowClient = { kind }
  const socket: Socket = connect(port, '127.0.0.1')
  let buffer = ''
  let timer: NodeJS.Timeout | undefined
  socket.setEncoding('latin1')
  socket.on('error', () => undefined)
  socket.on('data', (chunk: string) => {
    buffer += chunk
    let end: number
    while ((end = buffer.indexOf('\r\n')) >= 0) {
      const line = buffer.slice(0, end)
      buffer = buffer.slice(end + 2)
      client.lastReply = line
      if (client.greeting === undefined) {
        client.greeting = Number(line.slice(0, 3))
        if (client.greeting === 220) begin()
      }
    }
  })
  socket.on('close', () => {
    clearInterval(timer)
    if (client.greeting === 220 && !stop.now) client.cutAt = elapsed()
  })
  const begin = () => {
    if (kind === 'noop') {
      timer = setInterval(() => socket.write('NOOP\r\n'), NOOP_MS)
      return
    }
    const line = kind === 'data' ? 'Subject: lent\r\n' : 'EHLO slow.client.example\r\n'
    if (kind === 'data') {
      socket.write(
        `EHLO slow.client.example\r\nMAIL FROM:<slow@example.org>\r\nRCPT TO:<${TO}>\r\nDATA\r\n`,
      )
    }
    let at = 0
    timer = setInterval(() => socket.write(line[at++ % line.length]!), TRICKLE_MS)
  }
  stopAll.push(() => {
    clearInterval(timer)
    socket.destroy()
  })
  return client
}
const stopAll: (() => void)[] = []

/** Sends one normal mail; its outcome in a word. */
async function normalMail(port: number): Promise<string> {
  const transport = nodemailer.createTransport({
    host: '127.0.0.1',
    port,
    secure: false,
    ignoreTLS: true,
    connectionTimeout: 2_000,
    greetingTimeout: 2_000,
    socketTimeout: 5_000,
  })
  try {
    const info = await transport.sendMail({
      from: 'ecole@example.fr',
      to: TO,
      subject: 'normal',
      text: 'Bonjour',
    })
    return String(info.response).slice(0, 3)
  } catch (error) {
    const code = (error as { responseCode?: number }).responseCode
    return code ? String(code) : ((error as { code?: string }).code ?? 'error')
  } finally {
    transport.close()
  }
}

const quantiles = (values: number[]) => {
  if (!values.length) return '—'
  const sorted = [...values].sort((a, b) => a - b)
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!
  return `min ${at(0).toFixed(1)} s, median ${at(0.5).toFixed(1)} s, max ${at(1).toFixed(1)} s`
}

let smsim: TestSmsim | undefined
const port = args.port ? Number(args.port) : (smsim = await startTestSmsim()).smtp.port
const stop = { now: false }
const clients: SlowClient[] = []
for (let i = 0; i < CONNECTIONS; i++) {
  const kind: Kind = MODE === 'mixed' ? (i % 2 ? 'noop' : 'trickle') : MODE
  clients.push(slowClient(port, kind, stop))
}
console.log(
  `${CONNECTIONS} slow clients (${MODE}: a byte every ${TRICKLE_MS} ms / NOOP every ${NOOP_MS} ms) on 127.0.0.1:${port}, ${SECONDS} s`,
)

const attempts: { at: number; outcome: string }[] = []
while (elapsed() < SECONDS) {
  const at = elapsed()
  attempts.push({ at, outcome: await normalMail(port) })
  await new Promise((resolve) => setTimeout(resolve, Math.max(0, 1_000 - (elapsed() - at) * 1000)))
}
stop.now = true
stopAll.forEach((end) => end())

const count = (greeting: number) => clients.filter((c) => c.greeting === greeting).length
console.log(
  `greetings: ${count(220)} × 220, ${count(421)} × 421, ${clients.length - count(220) - count(421)} none`,
)
for (const kind of ['trickle', 'noop', 'data'] as const) {
  const greeted = clients.filter((c) => c.kind === kind && c.greeting === 220)
  const cut = greeted.filter((c) => c.cutAt !== undefined)
  if (!greeted.length) continue
  console.log(
    `${kind}: ${greeted.length} greeted, ${cut.length} cut off (${quantiles(cut.map((c) => c.cutAt!))})` +
      (cut[0] ? `; last reply "${cut[0].lastReply}"` : ''),
  )
}
const accepted = attempts.filter((a) => a.outcome === '250')
const refused = attempts.filter((a) => a.outcome !== '250')
const tally = new Map<string, number>()
for (const { outcome } of attempts) tally.set(outcome, (tally.get(outcome) ?? 0) + 1)
const outcomes = [...tally].map(([outcome, n]) => `${n} × ${outcome}`)
console.log(`normal mail: ${attempts.length} attempts, one a second: ${outcomes.join(', ')}`)
console.log(
  accepted[0]
    ? `normal mail refused for the first ${accepted[0].at.toFixed(1)} s; ${refused.filter((a) => a.at > accepted[0]!.at).length} refused after that`
    : `normal mail refused for the whole ${SECONDS} s`,
)
await smsim?.close()
