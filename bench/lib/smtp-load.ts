/** The load: nodemailer senders, or raw pipelined sessions, for a time or a number of mails. */
import nodemailer, { type Transporter } from 'nodemailer'
import { rawSession } from './smtp-raw-client.ts'
import { ALLMYSMS, SINK, type ClientMode, type Recipient } from './smtp-setup.ts'

/** Sends for `seconds` (or `maxMails`), `mode.senders` at a time; returns what went through. */
export async function load(
  port: number,
  mode: ClientMode,
  recipient: Recipient,
  options: { seconds: number; maxMails: number },
): Promise<{ mails: number; errors: number; seconds: number; clientCpuMs: number }> {
  if (mode.raw) {
    const [to, subject] = recipient === 'sink' ? [SINK, 'bench'] : [ALLMYSMS.to, ALLMYSMS.subject]
    const raw = `From: ecole@example.fr\r\nTo: ${to}\r\nSubject: ${subject}\r\n\r\nBonjour\r\n`
    const cpuBefore = process.cpuUsage()
    const startedAt = performance.now()
    const deadline = startedAt + options.seconds * 1000
    let started = 0
    // Each session claims the mail it is about to send, so that the total stays within maxMails.
    const keepGoing = () => {
      if (performance.now() >= deadline || started >= options.maxMails) return false
      started++
      return true
    }
    const counts = await Promise.all(
      Array.from({ length: mode.senders }, () => rawSession(port, to, raw, keepGoing)),
    )
    const cpu = process.cpuUsage(cpuBefore)
    return {
      mails: counts.reduce((a, b) => a + b, 0),
      errors: 0,
      seconds: (performance.now() - startedAt) / 1000,
      clientCpuMs: (cpu.user + cpu.system) / 1000,
    }
  }
  const transport: Transporter = nodemailer.createTransport({
    host: '127.0.0.1',
    port,
    secure: false,
    ignoreTLS: true,
    ...(mode.pool ? { pool: true, maxConnections: 5, maxMessages: 100 } : {}),
  })
  const message =
    recipient === 'sink'
      ? { from: 'ecole@example.fr', to: SINK, subject: 'bench', text: 'Bonjour, cours annulé.' }
      : { from: 'ecole@example.fr', to: ALLMYSMS.to, subject: ALLMYSMS.subject, text: 'Bonjour' }
  let mails = 0
  let errors = 0
  let started = 0
  const cpuBefore = process.cpuUsage()
  const deadline = performance.now() + options.seconds * 1000
  const startedAt = performance.now()
  const sender = async () => {
    while (performance.now() < deadline && started < options.maxMails) {
      started++
      try {
        await transport.sendMail(message)
        mails++
      } catch {
        errors++
      }
    }
  }
  await Promise.all(Array.from({ length: mode.senders }, sender))
  const seconds = (performance.now() - startedAt) / 1000
  const cpu = process.cpuUsage(cpuBefore)
  transport.close()
  return { mails, errors, seconds, clientCpuMs: (cpu.user + cpu.system) / 1000 }
}
