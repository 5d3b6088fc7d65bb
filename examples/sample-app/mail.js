/**
 * The sample application's SMS-by-mail module: one SMS (to one number or several) through
 * allmysms's Mail2SMS or iSendPro's "mail 2 sms", as a plain-text mail sent with nodemailer.
 * Where the mail goes is configuration, so the same code talks to smsim's SMTP gateway in CI and
 * to the team's mail relay in production.
 *
 * A mail provider answers by mail, later: the SMTP server taking the mail says only that the
 * mail was handed over. Whether the SMS went (no credit, a wrong key, 21:00 on a Sunday…) comes
 * back by mail — allmysms's error mail to the From address, iSendPro's Not to `emailNot` — so
 * those addresses must be mailboxes somebody reads. This module refuses to send without them.
 *
 * Environment:
 *   SMS_PROVIDER        allmysms | isendpro
 *   SMTP_HOST, SMTP_PORT  the mail relay (smsim: 127.0.0.1 and 2525); SMTP_USER, SMTP_PASS if it
 *                       wants a login; SMTP_SECURE=true for TLS from the start (port 465)
 *   SMS_MAIL_FROM       the From address: allmysms mails its errors there; iSendPro accepts only
 *                       the domains the account declared
 *   ALLMYSMS_LOGIN, ALLMYSMS_APIKEY; ALLMYSMS_SENDER (optional, 3–11 characters: kept towards
 *                       France only when the text ends with "STOP au 36180")
 *   ISENDPRO_KEYID, ISENDPRO_EMAIL_NOT (where each send's code goes), ISENDPRO_EMAIL_ACK
 *                       (default: ISENDPRO_EMAIL_NOT; where "emailId already processed" goes)
 *   SMS_TIMEOUT_MS      default 10000
 */
import { randomInt } from 'node:crypto'
import nodemailer from 'nodemailer'

/** The providers' mail addresses, from their documents. */
export const MAIL2SMS_ADDRESS = 'mail2sms@allmysms.com'
export const ISENDPRO_ADDRESS = 'sendsms@isendpro-api.com'

/**
 * The provider's settings from the environment. Throws when one is missing — above all the
 * addresses the provider's answers go to: without them, every refusal would be lost.
 * @param {Record<string, string | undefined>} env
 */
export function mailConfigFromEnv(env) {
  const provider = env.SMS_PROVIDER
  const timeoutMs = Number(env.SMS_TIMEOUT_MS ?? 10_000)
  const smtp = {
    host: required(env, 'SMTP_HOST'),
    port: Number(env.SMTP_PORT ?? 25),
    secure: env.SMTP_SECURE === 'true',
    ...(env.SMTP_USER ? { auth: { user: env.SMTP_USER, pass: env.SMTP_PASS ?? '' } } : {}),
  }
  const from = required(env, 'SMS_MAIL_FROM')
  if (provider === 'allmysms')
    return {
      provider,
      timeoutMs,
      smtp,
      from,
      login: required(env, 'ALLMYSMS_LOGIN'),
      apiKey: required(env, 'ALLMYSMS_APIKEY'),
      ...(env.ALLMYSMS_SENDER ? { sender: env.ALLMYSMS_SENDER } : {}),
    }
  if (provider === 'isendpro') {
    const emailNot = required(env, 'ISENDPRO_EMAIL_NOT')
    return {
      provider,
      timeoutMs,
      smtp,
      from,
      keyid: required(env, 'ISENDPRO_KEYID'),
      emailNot,
      emailAck: env.ISENDPRO_EMAIL_ACK || emailNot,
    }
  }
  throw new Error(`SMS_PROVIDER must be allmysms or isendpro, not "${provider}"`)
}

/** A text or a number list the provider cannot take as written (the caller's mistake). */
export class UnsendableError extends Error {
  name = 'UnsendableError'
}

function required(env, name) {
  const value = env[name]
  if (!value) throw new Error(`${name} is not set`)
  return value
}

/**
 * The numbers of one send: `SMS_TO` may list several, separated by commas or semicolons.
 * @param {string} to
 */
export function recipients(to) {
  const list = to
    .split(/[,;]/)
    .map((n) => n.trim())
    .filter(Boolean)
  if (!list.length) throw new UnsendableError('no number to send to')
  return list
}

/**
 * Mail2SMS's subject: `login@apiKey|mobile1;mobile2[|from=sender]`. Nothing of it may hold `|`
 * (it separates the fields) or a line break.
 */
export function allmysmsSubject(config, numbers) {
  const parts = [`${config.login}@${config.apiKey}`, numbers.join(';')]
  if (config.sender) parts.push(`from=${config.sender}`)
  if (parts.some((p) => /[|\r\n]/.test(p)))
    throw new UnsendableError('the login, the apiKey, the numbers and the sender cannot hold "|"')
  return parts.join('|')
}

/** XML text: `&`, `<` and `>` escaped, or iSendPro cannot read the mail and does nothing. */
const xml = (value) => value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')

/**
 * iSendPro's `<envoi>`: one `<num>` or `<num1>`…`<numN>`, one `<sms>` for all. Line breaks
 * are written `Ö`, the document's line break: a raw one would arrive as a space. `smslong`
 * 999 ("calcul dynamique") lets a long text go as up to 6 parts instead of being refused.
 */
export function isendproEnvoi(config, numbers, text, emailId) {
  if (text.normalize('NFC').includes('Ö'))
    throw new UnsendableError(
      'iSendPro reads "Ö" as a line break: this text cannot be sent as written',
    )
  const nums =
    numbers.length === 1
      ? [`<num>${xml(numbers[0])}</num>`]
      : numbers.map((n, i) => `<num${i + 1}>${xml(n)}</num${i + 1}>`)
  return [
    '<envoi>',
    `<keyid>${xml(config.keyid)}</keyid>`,
    ...nums,
    `<sms>${xml(text.replace(/\r\n?|\n/g, 'Ö'))}</sms>`,
    '<smslong>999</smslong>',
    `<emailId>${emailId}</emailId>`,
    `<emailAck>${xml(config.emailAck)}</emailAck>`,
    `<emailNot>${xml(config.emailNot)}</emailNot>`,
    '</envoi>',
    '',
  ].join('\n')
}

/**
 * A new emailId for every mail: iSendPro processes an emailId once per account, and a second
 * mail with the same one is dropped (Ack 1) — a counter that restarts with the process, or an
 * id derived from the text, would drop the next day's resend.
 */
export function newEmailId() {
  return `${Date.now()}${String(randomInt(0, 1_000_000)).padStart(6, '0')}`
}

/**
 * Sends one mail. Resolves with `{ response, replyTo, emailId? }` once the SMTP server took it;
 * rejects with an {@link UnsendableError} before sending anything, or with nodemailer's error
 * (its `responseCode` is set when the server refused the mail).
 *
 * @note No retry: a mail refused now is refused the same way a second later, and a mail whose
 * answer timed out may well have been taken — a retry would send the SMS twice.
 */
export async function sendSmsByMail(config, to, text, transport) {
  const numbers = recipients(to)
  const emailId = config.provider === 'isendpro' ? newEmailId() : undefined
  // Plain text only, no HTML part: iSendPro ignores a "formatted" mail altogether. No
  // Auto-Submitted header either: allmysms does not answer a robot's mail.
  const mail =
    config.provider === 'allmysms'
      ? { to: MAIL2SMS_ADDRESS, subject: allmysmsSubject(config, numbers), text }
      : {
          to: ISENDPRO_ADDRESS,
          subject: 'SMS',
          text: isendproEnvoi(config, numbers, text, emailId),
        }
  const smtp = transport ?? transportFor(config)
  try {
    const info = await smtp.sendMail({ from: config.from, ...mail })
    return {
      response: info.response,
      replyTo: config.provider === 'allmysms' ? config.from : config.emailNot,
      ...(emailId ? { emailId } : {}),
    }
  } finally {
    smtp.close()
  }
}

function transportFor(config) {
  return nodemailer.createTransport({
    ...config.smtp,
    connectionTimeout: config.timeoutMs,
    greetingTimeout: config.timeoutMs,
    socketTimeout: config.timeoutMs,
  })
}
