/**
 * What the mail clients (SMStoB by mail, allmysms's Mail2SMS, iSendPro's mail 2 sms) share: how
 * they reach an SMTP server. smsim by default (`127.0.0.1:2525`), your provider's relay or the
 * provider's own MX otherwise, or a nodemailer transport of your own.
 */
import nodemailer, { type Transporter } from 'nodemailer'

export interface SmtpClientOptions {
  /** The SMTP server (default `127.0.0.1`, smsim). */
  host?: string
  /** Default 2525 (smsim); 25 or 587 for a real server. */
  port?: number
  /** TLS from the start (port 465). */
  secure?: boolean
  auth?: { user: string; pass: string }
  /** Keep one connection open for every send (faster for many mails; `close()` ends it). */
  pool?: boolean
  /** Give up on a connection or a reply after this many milliseconds (default 10 s). */
  timeoutMs?: number
  /** A nodemailer transport of your own, instead of the options above. */
  transport?: Transporter
}

const LOOPBACK = /^(127\.|::1$|localhost$)/

/**
 * The transport the options describe: the caller's own, or nodemailer's SMTP client.
 *
 * @example
 * const transport = smtpTransport({ port: 2525 })
 * await transport.sendMail({ from: 'ecole@example.fr', to: 'sms@smstob.com', subject: '…', text: '…' })
 */
export function smtpTransport(options: SmtpClientOptions): Transporter {
  if (options.transport) return options.transport
  const host = options.host ?? '127.0.0.1'
  const timeoutMs = options.timeoutMs ?? 10_000
  return nodemailer.createTransport({
    host,
    port: options.port ?? 2525,
    secure: options.secure ?? false,
    ...(options.auth ? { auth: options.auth } : {}),
    ...(options.pool ? { pool: true, maxConnections: 1 } : {}),
    connectionTimeout: timeoutMs,
    greetingTimeout: timeoutMs,
    socketTimeout: timeoutMs,
    // smsim on the loopback speaks plain SMTP; a real server upgrades with STARTTLS if offered.
    ignoreTLS: LOOPBACK.test(host) && !options.secure,
  })
}

/** An address as nodemailer reports it (a string, or `{ address }` for some transports). */
export const addressOf = (a: string | { address: string }): string =>
  typeof a === 'string' ? a : a.address
