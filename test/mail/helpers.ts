/**
 * Shared setup of the gateway's transport tests (STYLE.md §18–23): smsim started on free ports
 * with a small fake mail provider next to the real ones, so that these tests check the gateway
 * — address policy, limits, reading, faults, outbox — whatever the real providers decide.
 * Mails go over real SMTP sessions: nodemailer's SMTP client, or {@link rawSmtp} for what
 * nodemailer will not send (a bare LF, a mail cut short, a client that never says QUIT).
 *
 * Unexpected errors go to a recording logger, and every test ends by checking that nothing was
 * logged: a mail answered 451 by the catch-all fails the test that caused it.
 *
 * @example
 * const gateway = useGateway()
 * it('hands the mail over', async () => {
 *   await gateway.smsim.sendMail({ from: 'a@example.org', to: FAKE_ADDRESS, text: 'Bonjour' })
 *   expect(gateway.received).toHaveLength(1)
 * })
 */
import { connect, type Socket } from 'node:net'
import { afterEach, beforeEach, expect } from 'vitest'
import type { InboundMail, MailEndpoint, MailResult } from '../../simulators/core/mail.ts'
import type { ProviderId } from '../../simulators/core/model.ts'
import type { Provider } from '../../simulators/core/provider.ts'
import type { GatewayLimits } from '../../simulators/mail/smtp-gateway.ts'
import { PROVIDERS } from '../../simulators/providers.ts'
import type { TestSmsim } from '../../simulators/testing.ts'
import { fixtureReader } from '../support/fixtures.ts'
import { expectNothingLogged, recordingLogger, type RecordingLogger } from '../support/logger.ts'
import { useTestSmsim } from '../support/smsim.ts'

/** The fake provider's id: not one of smsim's, so it shadows none of them. */
export const FAKE_ID = 'fakemail' as ProviderId

/** The fake provider's addresses: SMStoB's three forms, at a domain of its own. */
export const FAKE_DOMAIN = 'fake.smsim.test'
export const FAKE_ADDRESS = `sms@${FAKE_DOMAIN}`
export const FAKE_ADDRESSES = [
  `password.numero@${FAKE_DOMAIN}`,
  `sms.password@${FAKE_DOMAIN}`,
  FAKE_ADDRESS,
] as const

/** The code the fake provider lists for `refuse` faults. */
export const FAKE_FAULT_CODE = 99

/** What the fake provider was handed: each mail with the recipient it came for. */
export interface Received {
  mail: InboundMail
  recipient: string
  refuse?: number
}

/**
 * A mail provider that records what it is given and answers every mail with a reply to its
 * sender ("Reçu : <subject>"), so that the outbox has something in it.
 */
export function fakeMailProvider(received: Received[]): Provider {
  const endpoint: MailEndpoint = {
    name: 'fake',
    addresses: FAKE_ADDRESSES,
    accepts(address) {
      const at = address.lastIndexOf('@')
      if (at < 0 || address.slice(at + 1).toLowerCase() !== FAKE_DOMAIN) return false
      return /^(sms|sms\.[^.@]+|[^.@]+\.\d+)$/i.test(address.slice(0, at))
    },
    handle(mail, recipient, _view, _now, refuse): MailResult {
      received.push({ mail, recipient, ...(refuse !== undefined ? { refuse } : {}) })
      return {
        effects: mail.from
          ? [
              {
                kind: 'mail',
                mail: {
                  provider: FAKE_ID,
                  from: recipient,
                  to: mail.from,
                  subject: `Reçu : ${mail.subject}`,
                  text: mail.text,
                  ...(mail.messageId ? { headers: { 'In-Reply-To': mail.messageId } } : {}),
                },
              },
            ]
          : [],
        journal: { request: { text: mail.text }, code: refuse ?? 'ok' },
      }
    },
  }
  return {
    id: FAKE_ID,
    name: 'Fake',
    prefix: '/fakemail',
    codes: [],
    http: [],
    mail: [endpoint],
    faultCodes: [FAKE_FAULT_CODE],
    demo: { accounts: [], usage: () => [] },
  }
}

export interface Gateway {
  readonly smsim: TestSmsim
  readonly port: number
  /** What the fake provider was handed since the test began. */
  readonly received: Received[]
  readonly logger: RecordingLogger
}

/**
 * Starts smsim with the fake provider for the enclosing `describe`; before each test empties
 * its state and what the fake received; after each, checks that nothing was logged.
 */
export function useGateway(options: { smtpLimits?: Partial<GatewayLimits> } = {}): Gateway {
  const logger = recordingLogger()
  const received: Received[] = []
  const smsim = useTestSmsim({
    logger,
    providers: [...PROVIDERS, fakeMailProvider(received)],
    ...(options.smtpLimits ? { smtpLimits: options.smtpLimits } : {}),
  })
  beforeEach(async () => {
    received.length = 0
    await gateway.smsim.control.post('/reset')
  })
  afterEach(() => expectNothingLogged(logger))
  const gateway: Gateway = {
    get smsim() {
      return smsim()
    },
    get port() {
      return gateway.smsim.smtp.port
    },
    received,
    logger,
  }
  return gateway
}

/** A fixture of simulators/mail/fixtures/, as the bytes a client sends. */
export const fixture = fixtureReader('mail')

/** One SMTP reply: its code and its lines' text, joined with `\n`. */
export interface SmtpReply {
  code: number
  text: string
}

/**
 * An SMTP session on a raw socket, for what an SMTP client library will not send. Each
 * {@link RawSmtp.command} writes a line and waits for the reply to it.
 */
export interface RawSmtp {
  /** The greeting, or the 421 of a refused connection. */
  greeting: Promise<SmtpReply>
  command(line: string): Promise<SmtpReply>
  /** Writes bytes as they are, answering nothing. */
  write(bytes: string | Buffer): void
  /** The next reply the server sends. */
  reply(): Promise<SmtpReply>
  /** Resolves once the server has closed the connection. */
  closed: Promise<void>
  /** Closes our side at once, as a client that crashed. */
  destroy(): void
  socket: Socket
}

export function rawSmtp(port: number, host = '127.0.0.1'): RawSmtp {
  const socket = connect(port, host)
  // A mail is written in two parts (the bytes, then the final dot): with Nagle on, the second
  // waits for the server's delayed ACK of the first, 40 ms on Linux.
  socket.setNoDelay(true)
  let buffer = ''
  let lines: string[] = []
  const replies: SmtpReply[] = []
  const waiting: ((reply: SmtpReply) => void)[] = []
  socket.setEncoding('latin1')
  socket.on('data', (chunk: string) => {
    buffer += chunk
    let end: number
    while ((end = buffer.indexOf('\r\n')) >= 0) {
      const line = buffer.slice(0, end)
      buffer = buffer.slice(end + 2)
      lines.push(line.slice(4))
      if (line[3] === '-') continue
      const reply = { code: Number(line.slice(0, 3)), text: lines.join('\n') }
      lines = []
      const waiter = waiting.shift()
      if (waiter) waiter(reply)
      else replies.push(reply)
    }
  })
  const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()))
  socket.on('error', () => undefined)
  const reply = () =>
    new Promise<SmtpReply>((resolve, reject) => {
      const ready = replies.shift()
      if (ready) return resolve(ready)
      waiting.push(resolve)
      void closed.then(() => reject(new Error('the server closed the connection')))
    })
  const greeting = reply()
  // A test that never reads the greeting (a client that leaves at once) must not fail for it.
  greeting.catch(() => undefined)
  return {
    greeting,
    command(line) {
      socket.write(`${line}\r\n`)
      return reply()
    },
    write: (bytes) => void socket.write(bytes),
    reply,
    closed,
    destroy: () => socket.destroy(),
    socket,
  }
}

/**
 * Sends one mail on a raw session: EHLO, MAIL FROM, the recipients, DATA and the bytes with
 * the final dot (dot-stuffed), and returns the reply to the final dot; then QUIT.
 */
export async function sendRawMail(
  port: number,
  envelope: { from: string; to: string[] },
  data: Buffer | string,
): Promise<SmtpReply> {
  const smtp = rawSmtp(port)
  try {
    await smtp.greeting
    await smtp.command('EHLO client.example')
    expect((await smtp.command(`MAIL FROM:<${envelope.from}>`)).code).toBe(250)
    for (const to of envelope.to) expect((await smtp.command(`RCPT TO:<${to}>`)).code).toBe(250)
    expect((await smtp.command('DATA')).code).toBe(354)
    let bytes = Buffer.isBuffer(data) ? data : Buffer.from(data, 'latin1')
    // The final dot must follow a CRLF: a mail whose last line ends in a bare LF has that LF
    // replaced, one that ends with no line end gets one.
    const crlfEnded = bytes.subarray(-2).toString('latin1') === '\r\n'
    if (!crlfEnded && bytes.at(-1) === 0x0a) bytes = bytes.subarray(0, -1)
    smtp.write(dotStuff(bytes))
    return await smtp.command(crlfEnded ? '.' : '\r\n.')
  } finally {
    smtp.write('QUIT\r\n')
    smtp.socket.end()
  }
}

/** RFC 5321 §4.5.2: a line that starts with a dot gets a second one. */
function dotStuff(bytes: Buffer): Buffer {
  const text = bytes.toString('latin1').replace(/(^|\n)\./g, '$1..')
  return Buffer.from(text, 'latin1')
}
