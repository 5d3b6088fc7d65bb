/**
 * A batch that crosses transports, for the properties of issue 10's items that concern every
 * provider at once (long texts, secrets, callbacks): each case is an HTTP request to SMStoB or
 * ASPSMS, or a mail, and is sent and read as the parser of its own transport would.
 *
 * @example
 * const parser: FuzzParser<AnyCase> = { name: 'long-texts', providers: ['smstob', 'aspsms'], arbitrary, send: sendAny }
 */
import type { TestSmsim } from '../../../simulators/testing.ts'
import { answerProblems, shortAnswer, type CaseOutcome } from './harness.ts'
import { aspsmsEntry, isAsmxException, isSoapFault, smstobEntry } from './answers.ts'
import { mailSender } from './mail-parser.ts'
import { sendHttp, type RawHttpRequest } from './raw-http.ts'
import { readReplies } from './replies.ts'
import type { MailCase } from './smtp.ts'

export type AnyCase =
  | { kind: 'http'; provider: 'smstob' | 'aspsms'; request: RawHttpRequest }
  | { kind: 'mail'; mail: MailCase }

/** `{{port}}` in a request's target or body: smsim's HTTP port, known only once it started. */
export const PORT_SLOT = '{{port}}'

const withPort = (text: string, port: number) => text.split(PORT_SLOT).join(String(port))

/** Sends each case through its own transport, in order. */
export async function sendAny(smsim: TestSmsim, batch: readonly AnyCase[]): Promise<CaseOutcome[]> {
  const port = Number(new URL(smsim.url).port)
  const mail = mailSender(readReplies)
  const outcomes: CaseOutcome[] = []
  for (const c of batch) {
    if (c.kind === 'mail') {
      outcomes.push(...(await mail(smsim, [c.mail])))
      continue
    }
    const request = {
      ...c.request,
      target: withPort(c.request.target, port),
      body: Buffer.from(withPort(c.request.body.toString('latin1'), port), 'latin1'),
    }
    const answer = await sendHttp(port, request)
    const text = answer.body.toString('utf8')
    outcomes.push({
      label: `${request.method} ${request.target.slice(0, 200)} ${request.body.toString('latin1').slice(0, 300)} → ${shortAnswer(answer.status, text)}`,
      entries: c.provider === 'smstob' ? smstobEntry(answer) : aspsmsEntry(answer),
      problems: answerProblems(
        answer.status,
        text,
        (b) => c.provider === 'aspsms' && (isSoapFault(b) || isAsmxException(b)),
      ),
      ms: answer.ms,
    })
  }
  return outcomes
}
