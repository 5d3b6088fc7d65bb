/** What bench/smtp-throughput.ts sends, to whom, and how its clients send. */

/** The address of the bench's own sink provider: the gateway's cost with a trivial decision. */
export const SINK = 'sink@bench.smsim.test'
/** allmysms' Mail2SMS with a bench account: the gateway plus a real provider's decision. */
export const ALLMYSMS = {
  to: 'mail2sms@allmysms.com',
  login: 'bench',
  apiKey: 'benchkey',
  subject: 'bench@benchkey|0660919010',
}

export type Greeting = 'library' | 'prompt'
export type Recipient = 'sink' | 'allmysms'

/** How the clients send. */
export interface ClientMode {
  id: 'per-mail' | 'per-mail-x8' | 'pooled' | 'raw-pipelined'
  label: string
  /** Senders running at once; each awaits its mail before sending the next. */
  senders: number
  pool: boolean
  /** Raw SMTP sessions instead of nodemailer: the gateway's own ceiling, client cost aside. */
  raw?: boolean
}

export const CLIENT_MODES: readonly ClientMode[] = [
  {
    id: 'per-mail',
    label: 'one connection per mail, 1 sender (nodemailer default)',
    senders: 1,
    pool: false,
  },
  { id: 'per-mail-x8', label: 'one connection per mail, 8 senders', senders: 8, pool: false },
  {
    id: 'pooled',
    label: 'pooled (5 connections, 100 mails each), 32 senders',
    senders: 32,
    pool: true,
  },
  {
    id: 'raw-pipelined',
    label: 'raw SMTP, 16 connections kept open, PIPELINING (no nodemailer)',
    senders: 16,
    pool: true,
    raw: true,
  },
]

export type ToChild = { type: 'reset' } | { type: 'count' } | { type: 'close' }
export type FromChild =
  | { type: 'ready'; port: number; allmysms: boolean }
  | { type: 'reset-done' }
  | { type: 'count'; handled: number; codes: Record<string, number>; cpuMs: number }
