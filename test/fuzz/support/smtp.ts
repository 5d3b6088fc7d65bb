/**
 * The fuzz suite's SMTP client: one raw session for a whole batch, mail after mail (MAIL FROM,
 * RCPT TO, DATA, the bytes dot-stuffed, the final dot), as a pooled sender does, so that a
 * batch costs one connection. The bytes go as given — bare LF, NUL, 8-bit, very long lines — and
 * every reply is kept. A session the server closes (a `421`) is opened again for the next mail.
 *
 * @example
 * const [answer] = await sendMails(port, [{ from: 'a@example.fr', to: ['sms@smstob.com'], data: Buffer.from('Subject: x\r\n\r\nBonjour\r\n') }])
 * answer.accepted // ['sms@smstob.com']
 */
import { rawSmtp, type RawSmtp, type SmtpReply } from '../../mail/helpers.ts'

export interface MailCase {
  /** The envelope sender (`MAIL FROM:<…>`); '' is the null sender. */
  from: string
  to: string[]
  /** The message as sent, before dot-stuffing. */
  data: Buffer
}

export interface MailAnswer {
  /** The recipients the server took (250 to RCPT TO), in order. */
  accepted: string[]
  /** The reply to the final dot, when DATA was reached. */
  data?: SmtpReply
  /** Every reply, for a failure message. */
  replies: string[]
  ms: number
}

/** How long one reply may take before the client calls it a hang. */
const REPLY_TIMEOUT_MS = 60_000

/** RFC 5321 §4.5.2: a line that starts with a dot gets another; a bare LF counts as a line end. */
function dotStuff(data: Buffer): Buffer {
  let bytes = Buffer.from(data.toString('latin1').replace(/(^|\n)\./g, '$1..'), 'latin1')
  // The final dot must follow a CRLF.
  if (bytes.subarray(-2).toString('latin1') !== '\r\n')
    bytes = Buffer.concat([bytes, Buffer.from('\r\n')])
  return Buffer.concat([bytes, Buffer.from('.\r\n')])
}

async function reply(session: RawSmtp, line?: string): Promise<SmtpReply> {
  let timer: NodeJS.Timeout | undefined
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`no SMTP reply within ${REPLY_TIMEOUT_MS} ms`)),
      REPLY_TIMEOUT_MS,
    )
  })
  try {
    return await Promise.race([
      line === undefined ? session.reply() : session.command(line),
      timeout,
    ])
  } finally {
    clearTimeout(timer)
  }
}

/** An envelope address on one command line: CR and LF would start another command. */
const oneLine = (address: string) => address.replace(/[\r\n]/g, '')

/** Sends `mails` in order on as few sessions as the server allows. */
export async function sendMails(port: number, mails: readonly MailCase[]): Promise<MailAnswer[]> {
  const answers: MailAnswer[] = []
  let session: RawSmtp | undefined
  const open = async () => {
    const s = rawSmtp(port)
    await s.greeting
    await reply(s, 'EHLO fuzz.example')
    return s
  }
  for (const mail of mails) {
    const started = performance.now()
    const answer: MailAnswer = { accepted: [], replies: [], ms: 0 }
    try {
      session ??= await open()
      const s = session
      const step = async (line: string) => {
        const r = await reply(s, line)
        answer.replies.push(`${line.slice(0, 80)} → ${r.code} ${r.text.slice(0, 120)}`)
        return r
      }
      if ((await step(`MAIL FROM:<${oneLine(mail.from)}>`)).code === 250) {
        for (const to of mail.to)
          if ((await step(`RCPT TO:<${oneLine(to)}>`)).code === 250) answer.accepted.push(to)
        if (answer.accepted.length && (await step('DATA')).code === 354) {
          s.write(dotStuff(mail.data))
          answer.data = await reply(s, undefined)
          answer.replies.push(`<data> → ${answer.data.code} ${answer.data.text.slice(0, 120)}`)
        } else await step('RSET')
      } else await step('RSET')
    } catch (error) {
      // The server closed the session (421 after too many refused recipients, a limit):
      // the next mail opens a new one.
      answer.replies.push(`session ended: ${(error as Error).message}`)
      session?.destroy()
      session = undefined
    }
    answer.ms = performance.now() - started
    answers.push(answer)
  }
  if (session) {
    session.write('QUIT\r\n')
    session.socket.end()
  }
  return answers
}
