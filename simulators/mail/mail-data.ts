/**
 * The gateway's `DATA` phase: the mail read from the stream up to its size limit, parsed once
 * into an {@link InboundMail}, handed to `engine.handleMail`, and the reply the engine's outcome
 * calls for (`250`, a `451`, a dropped connection; `552` beyond the size, `554` unreadable).
 *
 * smtp-gateway.ts wires it to smtp-server's `onData` and keeps the catch-all around it.
 */
import type { SMTPServerDataStream, SMTPServerError, SMTPServerSession } from 'smtp-server'
import type { InboundMail } from '../core/mail.ts'
import type { Engine } from '../engine/engine.ts'
import { parseInbound, UnreadableMailError, type Envelope } from './inbound.ts'
import { reply } from './smtp-replies.ts'

/** What the gateway answers a mail: a 250 text, an error reply, or nothing (the socket closed). */
export interface Outcome {
  message?: string
  error?: SMTPServerError
  drop?: true
}

/**
 * Reads the mail from the DATA stream, keeping at most `maxBytes`: a larger one is still read
 * to its end (the client sends it whole before it can hear the 552), but not kept. `'gone'`
 * when the client went away in the middle of it: no one is left to answer.
 *
 * @example
 * const raw = await receive(stream, limits.maxMailBytes) // Buffer | 'too-large' | 'gone'
 */
export function receive(
  stream: SMTPServerDataStream,
  maxBytes: number,
): Promise<Buffer | 'too-large' | 'gone'> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = []
    let size = 0
    stream.on('data', (chunk: Buffer) => {
      size += chunk.length
      if (size <= maxBytes) chunks.push(chunk)
    })
    stream.once('end', () =>
      resolve(stream.sizeExceeded || size > maxBytes ? 'too-large' : Buffer.concat(chunks, size)),
    )
    stream.once('error', () => resolve('gone'))
  })
}

/**
 * The 552 of a mail over the size limit.
 *
 * @example
 * tooLarge(10_485_760).error?.responseCode // 552
 */
export function tooLarge(maxBytes: number): Outcome {
  return { error: reply(552, `message exceeds fixed maximum message size ${maxBytes}`) }
}

/**
 * Parses the mail, hands it to the engine, and replies what the engine's outcome says.
 *
 * @example
 * const outcome = await deliver(engine, raw, session) // { message: 'OK: handed to allmysms' }
 */
export async function deliver(
  engine: Engine,
  raw: Buffer,
  session: SMTPServerSession,
): Promise<Outcome> {
  const envelope = envelopeOf(session)
  let mail: InboundMail
  try {
    mail = await parseInbound(raw, envelope)
  } catch (error) {
    if (!(error instanceof UnreadableMailError)) throw error
    engine.journalSmtpRefusal(envelope, 554, error.message)
    return { error: reply(554, `${error.message}; the mail was not handed to any provider`) }
  }
  const outcome = await engine.handleMail(mail)
  switch (outcome.kind) {
    case 'drop':
      return { drop: true }
    case 'tempfail':
      return { error: reply(451, 'temporary failure (injected fault), try again later') }
    case 'handled':
      return { message: `OK: handed to ${outcome.providers.join(', ')}` }
  }
}

function envelopeOf(session: SMTPServerSession): Envelope {
  const from = session.envelope.mailFrom
  return {
    from: from ? from.address : '',
    to: session.envelope.rcptTo.map((r) => r.address),
  }
}
