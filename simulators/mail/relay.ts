/**
 * `--relay smtp://host:port`: every mail a provider sends back is also delivered, by SMTP, to a
 * smarthost the user names — typically a mail catcher (Mailpit, MailHog, smtp4dev) where a team
 * reads its simulated replies. Nothing else is ever sent anywhere (DESIGN.md principle 5): without
 * `--relay` the outbox (`GET /_smsim/mails`) is the only place replies go.
 *
 * The relay listens to the outbox ({@link Engine.onMail}) and only queues: a decision never
 * waits for it, and a smarthost that is slow or down never changes what a provider answers.
 * Each failure is journalled under the provider that wrote the mail, with `transport: 'relay'`.
 * nodemailer is loaded only when a relay starts (ADR 016).
 */
import type { Transporter } from 'nodemailer'
import { BadConfigError } from '../core/errors.ts'
import type { Mail } from '../core/model.ts'
import type { Engine } from '../engine/engine.ts'
import { CLOSE_GRACE_MS, MAX_RELAY_QUEUE, RELAY_TIMEOUT_MS } from './limits.ts'
import { outboxMessage } from './outbox-message.ts'

/** Where to relay: what `--relay` names, checked. */
export interface RelayTarget {
  host: string
  port: number
  /** `smtps://`: TLS from the first byte. `smtp://`: plain SMTP, no STARTTLS. */
  secure: boolean
  auth?: { user: string; pass: string }
  /** The URL without its credentials, for messages and the journal. */
  shown: string
}

/**
 * Reads a `--relay` URL: `smtp://host:port` (plain, port 25 by default) or `smtps://host:port`
 * (TLS, 465), with optional `user:password@`.
 *
 * @example
 * parseRelayUrl('smtp://127.0.0.1:1025') // { host: '127.0.0.1', port: 1025, secure: false, shown: 'smtp://127.0.0.1:1025' }
 */
export function parseRelayUrl(value: string): RelayTarget {
  let url: URL
  try {
    url = new URL(value)
  } catch {
    throw new BadConfigError(`--relay must be a URL such as smtp://127.0.0.1:1025, not "${value}"`)
  }
  if (url.protocol !== 'smtp:' && url.protocol !== 'smtps:')
    throw new BadConfigError(`--relay must be an smtp:// or smtps:// URL, not "${value}"`)
  if (!url.hostname) throw new BadConfigError(`--relay needs a host: "${value}"`)
  const secure = url.protocol === 'smtps:'
  const port = url.port ? Number(url.port) : secure ? 465 : 25
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1')
  return {
    host,
    port,
    secure,
    ...(url.username
      ? {
          auth: {
            user: decodeURIComponent(url.username),
            pass: decodeURIComponent(url.password),
          },
        }
      : {}),
    shown: `${url.protocol}//${url.host}`,
  }
}

export interface Relay {
  readonly target: RelayTarget
  /** Stops relaying: waits a moment for mails under way, then closes the connections. */
  close(): Promise<void>
}

/**
 * Relays every outbox mail of `sim` to `url` from now on.
 *
 * @example
 * const relay = startRelay(sim, 'smtp://127.0.0.1:1025')
 * // … every mail effect applied is also sent to 127.0.0.1:1025
 * await relay.close()
 */
export function startRelay(
  sim: Engine,
  url: string,
  options: { logger?: Pick<Console, 'error'> } = {},
): Relay {
  const logger = options.logger ?? console
  const target = parseRelayUrl(url)
  const transport: Promise<Transporter> = import('nodemailer').then(({ default: nodemailer }) => {
    const pooled = nodemailer.createTransport({
      host: target.host,
      port: target.port,
      secure: target.secure,
      ignoreTLS: !target.secure,
      ...(target.auth ? { auth: target.auth } : {}),
      pool: true,
      maxConnections: 2,
      connectionTimeout: RELAY_TIMEOUT_MS,
      greetingTimeout: RELAY_TIMEOUT_MS,
      socketTimeout: RELAY_TIMEOUT_MS,
    })
    // A pooled transport reports a broken idle connection as an event; each mail's own failure
    // comes back through its promise and is journalled there.
    pooled.on('error', (error: Error) => logger.error(`smsim: relay ${target.shown}:`, error))
    return pooled
  })
  const inFlight = new Set<Promise<void>>()

  // Through the engine, so that the log shows a mail that was not relayed too.
  const journal = (mail: Mail, note: string, startedAt?: number) =>
    sim.addJournal(
      {
        at: sim.clock.now().toISOString(),
        provider: mail.provider,
        transport: 'relay',
        ...(mail.account ? { account: mail.account } : {}),
        request: { mail: mail.id, to: mail.to, subject: mail.subject },
        note,
      },
      startedAt,
    )

  const unsubscribe = sim.onMail((mail) => {
    if (inFlight.size >= MAX_RELAY_QUEUE) {
      journal(mail, `not relayed to ${target.shown}: ${MAX_RELAY_QUEUE} mails already waiting`)
      return
    }
    const startedAt = performance.now()
    const sending: Promise<void> = transport
      .then((pooled) =>
        pooled.sendMail({ envelope: { from: mail.from, to: mail.to }, ...outboxMessage(mail) }),
      )
      .then(
        () => undefined,
        (error: Error) => {
          logger.error(`smsim: relay ${target.shown} refused ${mail.id}:`, error.message)
          journal(mail, `not relayed to ${target.shown}: ${error.message}`, startedAt)
        },
      )
      .finally(() => inFlight.delete(sending))
    inFlight.add(sending)
  })

  return {
    target,
    async close() {
      unsubscribe()
      let timer: NodeJS.Timeout | undefined
      await Promise.race([
        Promise.allSettled([...inFlight]),
        new Promise((resolve) => (timer = setTimeout(resolve, CLOSE_GRACE_MS))),
      ])
      clearTimeout(timer)
      ;(await transport).close()
    },
  }
}
