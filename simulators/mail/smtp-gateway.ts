/**
 * The SMTP side of smsim (STYLE.md §7): an smtp-server that takes mail for the providers' own
 * addresses only, reads each mail once into an {@link InboundMail} and hands it to the
 * providers' mail decisions. Replies the providers send back are `mail` effects: they land in
 * the outbox (`GET /_smsim/mails`), never in anyone's mailbox (see relay.ts for `--relay`).
 *
 * - `RCPT TO`: an address some provider claims (`engine.mailEndpoint`) is accepted, every
 *   other one refused with a 550 that names the accepted ones: no open relay, whoever asks.
 * - `DATA`: read up to {@link MAX_MAIL_BYTES} (announced with SIZE, 552 beyond), parsed, then
 *   handed to `engine.handleMail`, which meets the injected faults and answers what to reply:
 *   `250`, a `451`, or a dropped connection. A mail that cannot be parsed is answered `554`
 *   and `engine.journalSmtpRefusal` journals it. The gateway writes no journal itself.
 * - Every refusal at the SMTP level — {@link JOURNALLED_REFUSALS}: an address no provider takes,
 *   a mail over the size limit, a limit or a deadline reached — is journalled the same way,
 *   from the one place every reply passes (gateway-connection.ts `onReply`), so that a team
 *   whose SMS never came finds why in `GET /_smsim/journal`.
 * - Anything unexpected is caught at this boundary: logged on our side, answered `451` (try
 *   again) or `554` (a mail that cannot be read), never with a stack trace.
 * - A slow client is cut off (`421`) after a command line, a session without a mail, or a mail
 *   transfer that takes too long, so that it cannot hold one of the `maxClients` slots for ever
 *   (gateway-connection.ts, client-deadlines.ts).
 *
 * No authentication is required; a client configured with credentials may log in with any.
 * TLS only with smsim's own certificate (`tls`, from its local CA: server/local-ca.ts): STARTTLS
 * on the port, and an implicit-TLS port when asked. Without it, STARTTLS is disabled: smtp-server's
 * built-in certificate would only make clients verify a key the whole world knows.
 */
import type { AddressInfo } from 'node:net'
import type { SMTPServer, SMTPServerOptions, SMTPServerSession } from 'smtp-server'
import { PortInUseError, SmsimError } from '../core/errors.ts'
import type { Engine } from '../engine/engine.ts'
import { maskError, maskSecret } from '../core/secrets.ts'
import type { DeadlineLimits } from './client-deadlines.ts'
import { GatewaySMTPServer, type FailureReply } from './gateway-connection.ts'
import { deliver, receive, tooLarge, type Outcome } from './mail-data.ts'
import { JOURNALLED_REFUSALS, refusal, refusedEnvelope, reply } from './smtp-replies.ts'
import {
  CLOSE_GRACE_MS,
  COMMAND_LINE_TIMEOUT_MS,
  DATA_TIMEOUT_MS,
  MAX_CLIENTS,
  MAX_COMMAND_BYTES,
  MAX_MAIL_BYTES,
  MAX_RECIPIENTS_PER_MAIL,
  MAX_REFUSED_RECIPIENTS_PER_SESSION,
  SESSION_WITHOUT_MAIL_MS,
  SOCKET_TIMEOUT_MS,
} from './limits.ts'

/** The gateway's limits (limits.ts); tests lower them to reach them quickly. */
export interface GatewayLimits extends DeadlineLimits {
  maxMailBytes: number
  maxRecipientsPerMail: number
  maxRefusedRecipients: number
  maxClients: number
  socketTimeoutMs: number
  closeGraceMs: number
}

export const GATEWAY_LIMITS: GatewayLimits = {
  maxMailBytes: MAX_MAIL_BYTES,
  maxRecipientsPerMail: MAX_RECIPIENTS_PER_MAIL,
  maxRefusedRecipients: MAX_REFUSED_RECIPIENTS_PER_SESSION,
  maxClients: MAX_CLIENTS,
  socketTimeoutMs: SOCKET_TIMEOUT_MS,
  commandLineTimeoutMs: COMMAND_LINE_TIMEOUT_MS,
  sessionWithoutMailMs: SESSION_WITHOUT_MAIL_MS,
  dataTimeoutMs: DATA_TIMEOUT_MS,
  closeGraceMs: CLOSE_GRACE_MS,
}

export interface SmtpGatewayOptions {
  /** Default 127.0.0.1. */
  host?: string
  /** Default 2525; 0 picks a free port. */
  port?: number
  /** Where unexpected errors are reported (never to the client). */
  logger?: Pick<Console, 'error'>
  limits?: Partial<GatewayLimits>
  /**
   * `false` keeps smtp-server's 100 ms delay before each greeting; only the benchmark that
   * measures what removing it saves wants that (docs/decisions/007-smtp-greeting-delay.md).
   */
  promptGreeting?: boolean
  /**
   * smsim's certificate chain and key (local-ca.ts): STARTTLS is offered on `port`, and
   * `securePort`, when given, takes implicit TLS (SMTPS; 0 picks a free port).
   */
  tls?: { cert: string; key: string; securePort?: number }
}

export interface SmtpGatewayHandle {
  server: SMTPServer
  host: string
  port: number
  /** The implicit-TLS port, when `tls.securePort` was given. */
  securePort?: number
  /**
   * Stops listening and answers `421` to every client between mails; a client in the middle of
   * one gets `closeGraceMs` to finish it, then the same 421.
   */
  close(): Promise<void>
}

/** The host name in the greeting and the EHLO reply. */
const SERVER_NAME = 'smsim'
const GREETING = 'mail-to-SMS simulator: no mail is delivered anywhere'

/**
 * Errors that only mean the client went away (a reset, a mail cut short, its network gone):
 * not smsim's to report. smtp-server passes them on when they happen during a mail. Anything
 * else the server emits is logged.
 */
const CLIENT_GONE = new Set([
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'ECONNECTION',
  'ECONNABORTED',
  'EHOSTUNREACH',
  'ENETUNREACH',
])

/**
 * Starts the gateway for `engine` on `host:port`.
 *
 * @example
 * const smtp = await startSmtpGateway(sim, { port: 0 })
 * // swaks --server 127.0.0.1:${smtp.port} --to mail2sms@allmysms.com …
 * await smtp.close()
 */
export async function startSmtpGateway(
  engine: Engine,
  options: SmtpGatewayOptions = {},
): Promise<SmtpGatewayHandle> {
  const host = options.host ?? '127.0.0.1'
  const logger = options.logger ?? console
  const limits = { ...GATEWAY_LIMITS, ...options.limits }
  const refusals = new WeakMap<SMTPServerSession, number>()
  let listening = false
  let closing = false

  /** Journals a refusal at the SMTP level (see {@link JOURNALLED_REFUSALS}). */
  function journalRefusal(reply: FailureReply): void {
    if (!JOURNALLED_REFUSALS.has(reply.code) || closing) return
    try {
      engine.journalSmtpRefusal(refusedEnvelope(reply), reply.code, reply.text)
    } catch (error) {
      // The client still gets its reply; only the journal misses it.
      logger.error('smsim: the SMTP gateway could not journal a refusal:', error)
    }
  }

  const tls = options.tls
  const servers: SMTPServer[] = []
  const serverOptions: SMTPServerOptions = {
    name: SERVER_NAME,
    banner: GREETING,
    logger: false,
    // Without smsim's own certificate, plain SMTP only: see the module comment. Disabled, not
    // just hidden, so that a client that sends STARTTLS anyway is not upgraded with the
    // library's public test key.
    secure: false,
    ...(tls
      ? { cert: tls.cert, key: tls.key }
      : { hideSTARTTLS: true, disabledCommands: ['STARTTLS'] }),
    authOptional: true,
    allowInsecureAuth: true,
    // Replies carry RFC 3463 codes (`550 5.1.1`), as the providers' Postfix would.
    hideENHANCEDSTATUSCODES: false,
    disableReverseLookup: true,
    size: limits.maxMailBytes,
    rejectOversized: true,
    maxRecipients: limits.maxRecipientsPerMail,
    maxClients: limits.maxClients,
    maxCommandLength: MAX_COMMAND_BYTES,
    socketTimeout: limits.socketTimeoutMs,
    closeTimeout: limits.closeGraceMs,
    // Called back at once: the library's defaults wait a turn of the event loop for nothing.
    onConnect: (_session, callback) => callback(),
    onMailFrom: (_address, _session, callback) => callback(),
    onAuth: (auth, _session, callback) => callback(null, { user: auth.username || 'anonymous' }),
    onRcptTo(address, session, callback) {
      let claimed: boolean
      try {
        claimed = engine.mailEndpoint(address.address) !== undefined
      } catch (error) {
        logger.error(
          `smsim: the SMTP gateway failed on RCPT TO:<${loggedAddress(address.address)}>:`,
          maskError(error, [address.address.slice(0, address.address.lastIndexOf('@'))]),
        )
        return callback(reply(451, 'local error in processing, try again later'))
      }
      if (claimed) return callback()
      const refused = (refusals.get(session) ?? 0) + 1
      refusals.set(session, refused)
      if (refused > limits.maxRefusedRecipients) {
        return callback(reply(421, `too many refused recipients (${refused - 1}), closing`))
      }
      callback(reply(550, refusal(address.address, engine.mailAddresses())))
    },
    onData(stream, session, callback) {
      receive(stream, limits.maxMailBytes)
        .then((raw) =>
          raw === 'gone'
            ? { error: reply(451, 'the client went away in the middle of the mail') }
            : raw === 'too-large'
              ? tooLarge(limits.maxMailBytes)
              : deliver(engine, raw, session),
        )
        .catch((error: unknown): Outcome => {
          logger.error('smsim: the SMTP gateway failed on a mail:', error)
          return { error: reply(451, 'local error in processing, try again later') }
        })
        .then((outcome) => {
          if (outcome.drop) dropConnection(servers, session)
          callback(outcome.error ?? null, outcome.message)
        })
    },
  }
  const settings = {
    promptGreeting: options.promptGreeting ?? true,
    onReply: journalRefusal,
    deadlines: {
      commandLineTimeoutMs: limits.commandLineTimeoutMs,
      sessionWithoutMailMs: limits.sessionWithoutMailMs,
      dataTimeoutMs: limits.dataTimeoutMs,
    },
  }
  const server: SMTPServer = new GatewaySMTPServer(serverOptions, settings)
  servers.push(server)
  // SMTPS: the same gateway behind implicit TLS (the session is `secure` from the greeting on).
  const secureServer =
    tls?.securePort !== undefined
      ? new GatewaySMTPServer({ ...serverOptions, secure: true }, settings)
      : undefined
  if (secureServer) servers.push(secureServer)

  for (const each of servers) {
    each.on('error', (error: NodeJS.ErrnoException) => {
      if (!listening) return
      if (error.code && CLIENT_GONE.has(error.code)) return
      // A client that does not trust smsim's CA ends its handshake: its configuration, not ours.
      if (isTlsRefusal(error)) return
      logger.error('smsim: SMTP gateway error:', error)
    })
  }

  const listen = (each: SMTPServer, port: number) =>
    new Promise<void>((resolve, reject) => {
      const onError = (error: NodeJS.ErrnoException) =>
        reject(
          error.code === 'EADDRINUSE'
            ? new PortInUseError(host, port, error)
            : new SmsimError('SMSIM_LISTEN', error.message, { cause: error }),
        )
      each.server.once('error', onError)
      each.listen(port, host, () => {
        each.server.off('error', onError)
        resolve()
      })
    })
  const stop = (each: SMTPServer) =>
    new Promise<void>((resolve) => {
      each.close(() => resolve())
      // Only a mail being received or decided can still finish (smtp-server answers any
      // further command 421): every other client is told at once, so that it does not hold
      // the stop up for the grace period. nodemailer's pool takes the 421 in its stride.
      for (const connection of each.connections) {
        if (connection._dataStream) continue
        connection.send(421, 'Server shutting down')
        connection.close()
      }
    })
  await listen(server, options.port ?? 2525)
  if (secureServer) {
    try {
      await listen(secureServer, tls?.securePort ?? 0)
    } catch (error) {
      await stop(server)
      throw error
    }
  }
  listening = true
  return {
    server,
    host,
    port: (server.server.address() as AddressInfo).port,
    ...(secureServer ? { securePort: (secureServer.server.address() as AddressInfo).port } : {}),
    close: async () => {
      // The 421s a stopping smsim sends its clients are no refusal of theirs.
      closing = true
      await Promise.all(servers.map(stop))
    },
  }
}

/** A TLS handshake the client gave up (an unknown CA, a name mismatch), as smtp-server reports it. */
function isTlsRefusal(error: NodeJS.ErrnoException): boolean {
  return (
    error.code === 'ECONNRESET' ||
    /alert|handshake|SSL|TLS/i.test(error.message) ||
    error.code?.startsWith('ERR_SSL') === true
  )
}

/** The `drop` fault: the connection closed with no reply, as a crashed server would. */
function dropConnection(servers: readonly SMTPServer[], session: SMTPServerSession): void {
  for (const server of servers)
    for (const connection of server.connections) {
      if (connection.id === session.id) connection._socket.destroy()
    }
}

/**
 * An RCPT TO address as the log shows it when the lookup of its provider failed: an SMStoB
 * address carries a password (`password.numero@`), and with no provider to say where, the
 * whole local part is masked (core/secrets.ts).
 */
function loggedAddress(address: string): string {
  const at = address.lastIndexOf('@')
  return at < 0 ? maskSecret(address) : `${maskSecret(address.slice(0, at))}${address.slice(at)}`
}
