/**
 * How a client reads an HTTP provider's answer into the journal entry it must have caused:
 * whether smsim handed the request to a provider at all, the code the client was given, and
 * whether that code refused the send. Also the two 500s the ASPSMS interfaces document.
 *
 * @example
 * smstobEntry({ status: 200, body: Buffer.from('84'), … }) // [{ provider: 'smstob', code: 84, refused: true }]
 */
import { answerProblems, shortAnswer } from './checks.ts'
import type { CaseOutcome, ExpectedEntry } from './harness.ts'
import { sendHttp, type RawHttpAnswer } from './raw-http.ts'

/**
 * Whether smsim handed the request to a provider (which journals it): not an unrouted 404, a
 * 413, 414 or 431, the HTTP parser's 400, or the catch-all's 500.
 */
export function reachedProvider(answer: RawHttpAnswer): boolean {
  const type = answer.headers['content-type'] ?? ''
  if ([0, 413, 414, 431].includes(answer.status)) return false
  if (answer.status === 400 && answer.body.length === 0 && !type) return false
  if (answer.status === 404 && type.startsWith('text/plain')) return false
  return !(answer.status === 500 && answer.body.toString() === 'Internal Server Error')
}

/** A SOAP Fault, the one 500 the SOAP interface documents. */
export const isSoapFault = (body: string) =>
  /<(?:[\w.-]+:)?Envelope[\s>]/.test(body) && /<(?:[\w.-]+:)?Fault>/.test(body)

/** ASMX's plain-text exceptions, the 500s its HTTP bindings document ("Missing parameter: X."). */
export const isAsmxException = (body: string) => /^System\.[\w.]+Exception: [^\n]*$/.test(body)

/**
 * The code an ASPSMS answer gives its client, as the journal records it: `StatusCode:n`
 * (SOAP result or Fault string, HTTP binding), `ErrorCode` (XML), `"StatusCode"` (JSON); any
 * other successful result (credits, delivery records, a version) is 1. A refusal with no
 * code (a Fault about the envelope, a 404 of the JSON API) is refused, code unknown.
 */
export function aspsmsEntry(answer: RawHttpAnswer): ExpectedEntry[] {
  if (!reachedProvider(answer)) return []
  const body = answer.body.toString('utf8')
  const refused = (code?: number): ExpectedEntry[] => [
    { provider: 'aspsms', refused: code !== 1, ...(code !== undefined ? { code } : {}) },
  ]
  const status =
    /StatusCode:(\d+)/.exec(body)?.[1] ?? /<ErrorCode>(-?\d+)<\/ErrorCode>/.exec(body)?.[1]
  const json = /"StatusCode":"(-?\d+)"/.exec(body)?.[1]
  if (answer.status === 200) {
    if (json !== undefined) {
      // InquireDeliveryNotifications answers "0" when it succeeds (hitobito's shape).
      const code = Number(json)
      return [{ provider: 'aspsms', code, refused: code !== 1 && code !== 0 }]
    }
    if (status !== undefined) return refused(Number(status))
    // The WSDL, the help page and a JSON preflight are no operation: no code, no SMS.
    if (/<wsdl:definitions|<html/i.test(body) || answer.body.length === 0) return refused()
    return [{ provider: 'aspsms', code: 1 }]
  }
  return refused(status !== undefined ? Number(status) : undefined)
}

/**
 * SMStoB `http.php` shows the code alone (`80`); a HEAD answer has none; 405 refuses a verb.
 *
 * @param text the message's text as the client encoded it, to compare with the SMS, if known
 */
export function smstobEntry(answer: RawHttpAnswer, text?: string): ExpectedEntry[] {
  if (!reachedProvider(answer)) return []
  const body = answer.body.toString('latin1')
  const code = answer.status === 200 && /^\d{2}$/.test(body) ? Number(body) : undefined
  const accepted = code === 80 || code === 81
  return [
    {
      provider: 'smstob',
      ...(code !== undefined ? { code } : {}),
      refused: answer.status !== 200 || (code !== undefined && !accepted),
      ...(accepted && text !== undefined ? { text } : {}),
    },
  ]
}

/** An ASPSMS request as the fuzz cases write it: its body's bytes as latin1 characters. */
export interface AspsmsHttpCase {
  method: string
  target: string
  host?: string | undefined
  headers: readonly [string, string][]
  body: string
}

/**
 * Sends one ASPSMS case as written and reads its outcome for the batch checks: the entry the
 * client's answer calls for, and the answer's problems (`documentedError` tells a documented 500
 * — a SOAP Fault, an ASMX exception — from a crash). `detail` goes into the case's label, between
 * the target and the answer.
 */
export async function aspsmsOutcome(
  port: number,
  c: AspsmsHttpCase,
  detail: string,
  documentedError: (body: string) => boolean = () => false,
): Promise<CaseOutcome> {
  const answer = await sendHttp(port, {
    method: c.method,
    target: c.target,
    headers: [...(c.host ? [['Host', c.host] as [string, string]] : []), ...c.headers],
    body: Buffer.from(c.body, 'latin1'),
  })
  const text = answer.body.toString('utf8')
  return {
    label: `${c.method} ${detail} → ${shortAnswer(answer.status, text)}`,
    entries: aspsmsEntry(answer),
    problems: answerProblems(answer.status, text, documentedError),
    ms: answer.ms,
  }
}
