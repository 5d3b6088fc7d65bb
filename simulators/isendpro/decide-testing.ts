/**
 * What the unit tests of iSendPro's mail decision share: one account allowed to send from
 * masociete.com on a {@link MemoryStore}, an `<envoi>` with good fields to change or leave out,
 * and the mail read, decided and applied to the store, as the simulator does for each mail.
 */
import type { InboundAttachment } from '../core/mail.ts'
import { MemoryStore } from '../core/memory-store.ts'
import type { IsendproCode } from './codes.ts'
import { decideIsendproMail } from './decide.ts'
import type { IsendproMailRequest } from './model.ts'
import { readIsendproMail } from './read.ts'

/** Monday 5 January 2026, 10:00 in Paris. */
export const NOW = new Date('2026-01-05T10:00:00+01:00')
export const KEYID = 'a296464ce012b8ab710a'
export const ACK = 'ack@masociete.com'
const NOT = 'not@masociete.com'

/** A store with one iSendPro account allowed to send from masociete.com. */
export function setup(credits = 100, options: Record<string, unknown> = {}): MemoryStore {
  const store = new MemoryStore()
  store.createAccount(
    {
      provider: 'isendpro',
      id: KEYID,
      credits,
      options: { senderDomains: ['masociete.com'], ...options },
    },
    NOW,
  )
  return store
}

/** An `<envoi>` from fields; `undefined` leaves a field out, `''` writes it empty. */
export function envoi(fields: Record<string, string | undefined> = {}): string {
  const all: Record<string, string | undefined> = {
    keyid: KEYID,
    num: '0601020304',
    sms: 'Bonjour',
    emailId: '1548',
    emailAck: ACK,
    emailNot: NOT,
    ...fields,
  }
  const body = Object.entries(all)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `<${k}>${v}</${k}>`)
    .join('\n')
  return `<envoi>\n${body}\n</envoi>\n`
}

export const request = (fields: Partial<IsendproMailRequest> = {}): IsendproMailRequest => ({
  sender: 'app@masociete.com',
  text: envoi(),
  plainText: true,
  attachments: [],
  ...fields,
})

export const csv = (filename: string, text: string): InboundAttachment => ({
  filename,
  contentType: 'text/csv',
  content: new TextEncoder().encode(text),
})

/**
 * Every annex code that {@link send} saw in the importing test file (each file has its own), for
 * decide-codes.test.ts to check that the table has no unreachable code.
 */
export const produced = new Set<IsendproCode>()

/** Decides a mail and applies it, as the simulator does, noting the codes in {@link produced}. */
export function send(
  store: MemoryStore,
  fields: Partial<IsendproMailRequest> = {},
  now = NOW,
  refuse?: number,
) {
  const decision = decideIsendproMail(readIsendproMail(request(fields)), store, now, refuse)
  if (decision.reply.requestCode !== undefined) produced.add(decision.reply.requestCode)
  for (const r of decision.reply.recipients) produced.add(r.code)
  const applied = store.apply(decision.effects, now)
  const ack = applied.mails.find((m) => m.subject.startsWith('iSendPro Ack'))
  const not = applied.mails.find((m) => m.subject.startsWith('iSendPro Not'))
  return { ...decision, sms: applied.sms, mails: applied.mails, ack, not }
}

export /** The credits left on {@link KEYID}'s account. */
const credits = (store: MemoryStore) => store.account('isendpro', KEYID)?.credits
/** Each recipient's code, in order. */
export const codes = (result: ReturnType<typeof send>) => result.reply.recipients.map((r) => r.code)
