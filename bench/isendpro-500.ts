/**
 * iSendPro's mail interface with the largest mail it takes: 500 recipients, each with a
 * personal text (`<numX>` / `<smsX>`), a custom sender (so the STOP mention) and `smslong`.
 * Run by hand, never in tests:
 *
 *   npx tsx bench/isendpro-500.ts              # 15 measured runs of each stage
 *   npx tsx bench/isendpro-500.ts --runs 40 --warmup 5
 *
 * Three stages, each after warm-up runs, each run with a fresh emailId:
 * - **decision**: the provider's mail endpoint alone (`ISENDPRO_MAIL.handle`: the XML read, the
 *   500 numbers, the texts counted, the Ack and the Not written), on a fresh store;
 * - **simulator**: `Simulator.handleMail` — the decision, then its effects applied (500 SMS on
 *   the phones, the debit, two reply mails in the outbox) and the journal entry: "processed in
 *   simulator time";
 * - **SMTP round trip**: nodemailer sends the mail to smsim's SMTP gateway on 127.0.0.1, one
 *   connection per mail as applications do, from the first byte to the `250` — which smsim sends
 *   once the decision is applied; the mail's MIME parsing is in it.
 * The figures go to bench/README.md ("iSendPro: a 500-recipient mail").
 */
import { cpus, release } from 'node:os'
import { parseArgs } from 'node:util'
import nodemailer from 'nodemailer'
import { Clock } from '../simulators/core/clock.ts'
import type { InboundMail } from '../simulators/core/mail.ts'
import { MemoryStore } from '../simulators/core/memory-store.ts'
import { ISENDPRO_MAIL } from '../simulators/isendpro/mail.ts'
import { ISENDPRO_MAIL_ADDRESS } from '../simulators/isendpro/wire.ts'
import { startSmsim } from '../simulators/server/app.ts'
import { Simulator } from '../simulators/server/simulator.ts'

const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '15' },
    warmup: { type: 'string', default: '3' },
  },
})
const RUNS = Number(values.runs)
const WARMUP = Number(values.warmup)

/** Monday 5 January 2026, 10:00 in Paris: inside the commercial window. */
const NOW = '2026-01-05T10:00:00+01:00'
const KEYID = 'bench500'
const FROM = 'app@masociete.com'
const RECIPIENTS = 500

const FIRST = ['Jean', 'Marie', 'Hélène', 'Jérôme', 'Zoé', 'Loïc', 'Agnès', 'François']
const LAST = ['Martin', 'Dupont', 'Lefèvre', 'Pétain', 'Rousseau', 'Bernard', 'Girard', 'Chevalier']
const DAYS = ['lundi', 'mardi', 'mercredi', 'jeudi', 'vendredi', 'samedi']

/**
 * The `<envoi>` of the bench: 500 different numbers, 500 different texts of 90–130
 * characters. One in four has a character outside GSM 03.38 (`ô`), so UCS-2 in two parts; the
 * others are GSM-7 in one part (141 characters left with the STOP mention).
 */
function envoi(emailId: string): string {
  const lines = ['<envoi>', `<keyid>${KEYID}</keyid>`]
  for (let i = 1; i <= RECIPIENTS; i++) {
    const first = FIRST[i % FIRST.length]!
    const last = LAST[(i * 7) % LAST.length]!
    const day = DAYS[i % DAYS.length]!
    const end = i % 4 === 0 ? 'à bientôt !' : 'merci et a demain.'
    lines.push(
      `<num${i}>06${String(10_000_000 + i)}</num${i}>`,
      `<sms${i}>Bonjour ${first} ${last}, votre cours de ski n°${i} est confirmé ${day} à ${8 + (i % 4)} h, ${end}</sms${i}>`,
    )
  }
  lines.push(
    '<emetteur>ESF Tignes</emetteur>',
    '<smslong>2</smslong>',
    '<emailAck>ack@masociete.com</emailAck>',
    '<emailNot>not@masociete.com</emailNot>',
    `<emailId>${emailId}</emailId>`,
    '</envoi>',
    '',
  )
  return lines.join('\n')
}

const account = {
  provider: 'isendpro' as const,
  id: KEYID,
  credits: 1_000_000,
  options: { senderDomains: ['masociete.com'] },
}

function inbound(emailId: string): InboundMail {
  return {
    envelope: { from: FROM, to: [ISENDPRO_MAIL_ADDRESS] },
    from: FROM,
    subject: `envoi ${emailId}`,
    text: envoi(emailId),
    hasPlainText: true,
    attachments: [],
    headers: {},
  }
}

interface Stage {
  name: string
  /** One run; returns its duration in ms. */
  run(i: number): Promise<number> | number
}

function summary(ms: number[]): { median: number; min: number; max: number } {
  const sorted = [...ms].sort((a, b) => a - b)
  const mid = sorted.length / 2
  const median =
    sorted.length % 2 ? sorted[Math.floor(mid)]! : (sorted[mid - 1]! + sorted[mid]!) / 2
  return { median, min: sorted[0]!, max: sorted.at(-1)! }
}

async function main(): Promise<void> {
  const now = new Date(NOW)

  const decision: Stage = {
    name: 'decision (`ISENDPRO_MAIL.handle`)',
    run(i) {
      const store = new MemoryStore()
      store.createAccount(account, now)
      const mail = inbound(`d${i}`)
      const t = performance.now()
      const result = ISENDPRO_MAIL.handle(mail, ISENDPRO_MAIL_ADDRESS, store, now)
      const ms = performance.now() - t
      if ((result.journal.request as { sent?: number }).sent !== RECIPIENTS)
        throw new Error(`decision: ${JSON.stringify(result.journal)}`)
      return ms
    },
  }

  const sim = new Simulator({
    clock: new Clock({ now: NOW, frozen: true }),
    demo: false,
    accounts: [account],
  })
  const simulator: Stage = {
    name: 'simulator (`Simulator.handleMail`: decision + 500 SMS, mails, journal)',
    run(i) {
      const mail = inbound(`s${i}`)
      const t = performance.now()
      sim.handleMail(mail)
      const ms = performance.now() - t
      const entry = sim.store.journal({ provider: 'isendpro' }).at(-1)
      if ((entry?.request as { sent?: number }).sent !== RECIPIENTS)
        throw new Error(`simulator: ${JSON.stringify(entry)}`)
      sim.reset()
      return ms
    },
  }

  const smsim = await startSmsim({
    httpPort: 0,
    smtpPort: 0,
    demo: false,
    accounts: [account],
    clock: { now: NOW, frozen: true },
  })
  const transport = nodemailer.createTransport({
    host: smsim.smtp.host,
    port: smsim.smtp.port,
    secure: false,
    ignoreTLS: true,
  })
  let bytes = 0
  const smtp: Stage = {
    name: 'SMTP round trip (nodemailer → `250`, one connection per mail)',
    async run(i) {
      const emailId = `m${i}`
      const text = envoi(emailId)
      bytes = Buffer.byteLength(text)
      const t = performance.now()
      await transport.sendMail({ from: FROM, to: ISENDPRO_MAIL_ADDRESS, subject: 'envoi', text })
      const ms = performance.now() - t
      const entry = smsim.sim.store.journal({ provider: 'isendpro' }).at(-1)
      if ((entry?.request as { sent?: number }).sent !== RECIPIENTS)
        throw new Error(`smtp: ${JSON.stringify(entry)}`)
      smsim.sim.reset()
      return ms
    },
  }

  const rows: string[] = []
  for (const stage of [decision, simulator, smtp]) {
    // The first run pays for the JIT and the lazy loads (libphonenumber's metadata, the
    // parsers): a process's very first mail.
    let first = Number.NaN
    for (let i = 0; i < WARMUP; i++) {
      const ms = await stage.run(-1 - i)
      if (i === 0) first = ms
    }
    const ms: number[] = []
    for (let i = 0; i < RUNS; i++) ms.push(await stage.run(i))
    const s = summary(ms)
    rows.push(
      `| ${stage.name} | ${s.median.toFixed(1)} | ${s.min.toFixed(1)} | ${s.max.toFixed(1)} | ${first.toFixed(1)} |`,
    )
    process.stderr.write(`${stage.name}: median ${s.median.toFixed(1)} ms\n`)
  }
  transport.close()
  await smsim.close()

  const cpu = cpus()
  console.log(
    `${RECIPIENTS} recipients, personal texts, ${(bytes / 1024).toFixed(0)} KiB of plain text; ` +
      `${RUNS} runs after ${WARMUP} warm-up runs; ${cpu.length} × ${cpu[0]?.model ?? '?'}, ` +
      `Linux ${release()}, Node ${process.versions.node}\n`,
  )
  console.log('| stage | median (ms) | min (ms) | max (ms) | first run (ms) |')
  console.log('| ----- | ----------- | -------- | -------- | -------------- |')
  for (const row of rows) console.log(row)
}

await main()
