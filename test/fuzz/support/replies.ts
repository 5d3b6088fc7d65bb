/**
 * How a client reads each mail provider's replies into what it was answered (see
 * {@link ReplyReader}): SMStoB's confirmation or error mail (`… (80)`, `… (84)`), allmysms's
 * error mail (`Mail2SMS : erreur 104`; success is silent), iSendPro's Ack and Not.
 *
 * @example
 * readReplies('smstob', [{ subject: "SMStoB : message d'erreur (84)", … }]) // { code: 84, refused: true }
 */
import type { Mail, ProviderId } from '../../../simulators/core/model.ts'
import type { ExpectedEntry } from './harness.ts'

type Read = Omit<ExpectedEntry, 'provider'>

/** SMStoB answers each recipient: a confirmation (80, 81) or an error mail, the code in the subject. */
function smstob(replies: Mail[]): Read {
  const reply = replies.shift()
  const code = reply ? /\((\d+)\)\s*$/.exec(reply.subject)?.[1] : undefined
  return code === undefined ? {} : { code: Number(code), refused: code !== '80' && code !== '81' }
}

/** allmysms mails errors only; silence is a success or an automatic mail (never answered). */
function allmysms(replies: Mail[]): Read {
  const reply = replies.shift()
  const code = reply ? /erreur (\d+)/.exec(reply.subject)?.[1] : undefined
  return code === undefined ? {} : { code: Number(code), refused: true }
}

/**
 * iSendPro: refused when the Ack is not 0 or the Not has no code 0. The journal's code mixes
 * Ack and Not codes, so it is not compared.
 */
function isendpro(replies: Mail[]): Read {
  const ack = replies.find((r) => r.subject.startsWith('iSendPro Ack'))
  const not = replies.find((r) => r.subject.startsWith('iSendPro Not'))
  const ackCode = ack ? /<code>(\d+)<\/code>/.exec(ack.text)?.[1] : undefined
  const notCodes = not ? [...not.text.matchAll(/<code\d*>(\d+)<\/code\d*>/g)].map((m) => m[1]) : []
  if (ackCode !== undefined && ackCode !== '0') return { refused: true }
  if (not && !notCodes.includes('0')) return { refused: true }
  return {}
}

/** What `provider`'s replies to one recipient of a mail tell its client. */
export function readReplies(provider: ProviderId, replies: Mail[]): Read {
  if (provider === 'smstob') return smstob(replies)
  if (provider === 'allmysms') return allmysms(replies)
  if (provider === 'isendpro') return isendpro(replies)
  return {}
}
