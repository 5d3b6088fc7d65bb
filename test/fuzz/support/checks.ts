/**
 * The checks the fuzz harness runs after each batch (harness.ts describes them), and the shapes
 * the parsers and the checks share: what a case produced, what the journal must say of it, what
 * the checks read back.
 *
 * @example
 * const { problems } = await checkBatch({ smsim, logger }, parser, outcomes, stallMs)
 */
import type fc from 'fast-check'
import type {
  Account,
  JournalEntry,
  LedgerEntry,
  Mail,
  ProviderId,
  Sms,
} from '../../../simulators/core/model.ts'
import { maskSecret } from '../../../simulators/core/secrets.ts'
import { JOURNALLED_REFUSALS } from '../../../simulators/mail/smtp-replies.ts'
import type { TestSmsim } from '../../../simulators/testing.ts'
import type { RecordingLogger } from '../../support/logger.ts'
import { FUZZ_ACCOUNTS } from './accounts.ts'
import { FUZZ } from './settings.ts'

/** What one case produced, as the client saw it. */
export interface CaseOutcome {
  /** A short description of the case, for failure messages. */
  label: string
  /** The journal entries the case must have produced, in order (none if smsim never saw it). */
  entries: ExpectedEntry[]
  /** Problems the answer alone shows (an undocumented 500, a stack trace). */
  problems: string[]
  /** Wall time of the case, client side. */
  ms: number
}

/** A journal entry a case must have produced, and what its client was told. */
export interface ExpectedEntry {
  provider: ProviderId
  /** The provider code the client read in the answer, when it has one. */
  code?: string | number
  /** The client was told its request was refused: no SMS may come of it. */
  refused?: boolean
  /** The text each SMS of an accepted request must carry (how the client's bytes decode). */
  text?: string
}

/** One parser's fuzzing: how to generate a case and how to send a batch of them. */
export interface FuzzParser<Case> {
  /** The row of the long run's table, e.g. `aspsms-json`. */
  name: string
  /** Whose ledgers to read after each batch. */
  providers: readonly ProviderId[]
  arbitrary: fc.Arbitrary<Case>
  /** Sends the batch in order through the real transport; one outcome per case. */
  send(smsim: TestSmsim, batch: readonly Case[]): Promise<CaseOutcome[]>
  /** Extra checks of the state after a batch (a property of its own); returns problems. */
  check?(state: BatchState, outcomes: readonly CaseOutcome[]): string[]
  /** Cases for this property instead of `FUZZ_CASES` (a property whose cases are each costly needs a few). */
  cases?: number
  /** Longest batch, instead of {@link MAX_BATCH} (cases that take seconds come a few at a time). */
  maxBatch?: number
  /** Report the first failure without shrinking it (each case takes seconds today). */
  noShrink?: boolean
}

/** What the checks read back after a batch. */
export interface BatchState {
  journal: JournalEntry[]
  messages: Sms[]
  mails: Mail[]
  accounts: Account[]
  /** Raw JSON texts of the reads, for checks on what they reveal. */
  raw: Record<'journal' | 'messages' | 'mails' | 'accounts', string>
}

/** Figures of one property's run, for the long run's table. */
export interface FuzzStats {
  parser: string
  title: string
  cases: number
  batches: number
  seed: number
  durationMs: number
  failures: number
  maxHealthMs: number
  maxLoopStallMs: number
  maxCaseMs: number
  /** Batches sent again because only time was over budget (see harness.ts). */
  timingRetries: number
  /** What the failing batch broke (the checks' messages), when it failed. */
  error?: string
  /** The slowest case, for a budget the long run exceeds. */
  slowestCase?: string
  /**
   * How many journal entries had each provider code, and how many cases never reached a
   * provider (`not journalled`: a 404, 413, 414, a parser 400, a refused recipient).
   */
  codes: Record<string, number>
  counterexample?: string
}

/** The codes with which each provider accepts a send (SMS may follow); every other code refuses. */
const ACCEPTED: Record<ProviderId, (entry: JournalEntry) => boolean> = {
  smstob: (e) => e.code === 80 || e.code === 81,
  // The JSON API answers a successful delivery inquiry with StatusCode "0" (hitobito's shape).
  aspsms: (e) =>
    e.code === 1 ||
    (e.code === 0 &&
      (e.request as { operation?: string }).operation === 'InquireDeliveryNotifications'),
  allmysms: (e) => e.code === 100 || e.code === 101,
  // A mail's entry carries every recipient's code; `sent` of them got code 0.
  isendpro: (e) => Number((e.request as { sent?: number }).sent ?? 0) > 0,
}

/** An entry the SMTP gateway wrote for a refusal no provider saw (smtp-gateway.ts). */
function isSmtpRefusal(entry: JournalEntry): boolean {
  return (
    entry.transport === 'smtp' &&
    entry.code === undefined &&
    entry.status !== undefined &&
    JOURNALLED_REFUSALS.has(entry.status)
  )
}

/** How many SMS an accepted entry may create at most (isendpro: one per recipient sent). */
function smsAllowed(entry: JournalEntry): number {
  if (!entry.provider || !ACCEPTED[entry.provider]?.(entry)) return 0
  if (entry.provider === 'isendpro') return Number((entry.request as { sent?: number }).sent)
  return Number.POSITIVE_INFINITY
}

/**
 * An answer shortened for a label: the text of an XML document without its tags, spaces
 * collapsed, so that a Fault's reason or an `ErrorCode` shows in a line.
 */
export function shortAnswer(status: number, body: string): string {
  const text = body.replace(/<\?xml[^>]*>|<\/?[\w:.-]+(?:\s[^>]*)?\/?>/g, ' ').replace(/\s+/g, ' ')
  return `${status} ${text.trim().slice(0, 160)}`
}

/** Text of our own stack frames or source paths: never for a client's eyes. */
const STACK_TRACE = /\n\s+at .+:\d+:\d+|node:internal|\/simulators\/|node_modules\//

/** Checks an HTTP answer on its own: documented 500s only, no stack trace. */
export function answerProblems(
  status: number,
  body: string,
  documented500: (body: string) => boolean,
): string[] {
  const problems: string[] = []
  if (status === 500 && !documented500(body))
    problems.push(`HTTP 500 that is no documented fault: ${body.slice(0, 200)}`)
  if (status === 0) problems.push('connection closed without an answer')
  if (STACK_TRACE.test(body)) problems.push(`stack trace in the answer: ${body.slice(0, 300)}`)
  return problems
}

/** GET on the control API, timed, with its status and text. */
async function read(
  smsim: TestSmsim,
  path: string,
): Promise<{ status: number; text: string; ms: number }> {
  const started = performance.now()
  const response = await fetch(`${smsim.url}/_smsim${path}`)
  const text = await response.text()
  return { status: response.status, text, ms: performance.now() - started }
}

/** What the checks of a batch found. */
export interface BatchCheck {
  /** None: the batch passed. */
  problems: string[]
  healthMs: number
  /** The journal's codes, one per entry (`aspsms 1 (SMS)`), for the figures. */
  codes: string[]
}

const HEALTH_TOOK = 'GET /_smsim/health took'
const STALLED = 'the event loop stalled'

/**
 * A problem of time only: the health check answered late, or the loop stalled. A machine that
 * pauses the whole process (another job, a full GC) causes these too; a frozen request causes
 * them every time.
 */
export const isTimingProblem = (problem: string) =>
  problem.startsWith(HEALTH_TOOK) || problem.startsWith(STALLED)

/** Runs every check of a batch. */
export async function checkBatch<Case>(
  target: { smsim: TestSmsim; logger: RecordingLogger },
  parser: FuzzParser<Case>,
  outcomes: CaseOutcome[],
  stallMs: number,
): Promise<BatchCheck> {
  const { smsim, logger } = target
  const problems: string[] = []
  const codes: string[] = []
  outcomes.forEach((o, i) => problems.push(...o.problems.map((p) => `case ${i}: ${p}`)))

  const health = await read(smsim, '/health')
  if (health.status !== 200) problems.push(`GET /_smsim/health → ${health.status}`)
  if (health.ms > FUZZ.healthBudgetMs)
    problems.push(`${HEALTH_TOOK} ${health.ms.toFixed(0)} ms (budget ${FUZZ.healthBudgetMs})`)
  if (stallMs > FUZZ.healthBudgetMs)
    problems.push(
      `${STALLED} ${stallMs.toFixed(0)} ms during the batch: a health check would have waited as long (budget ${FUZZ.healthBudgetMs})`,
    )
  const done = () => ({ problems, healthMs: health.ms, codes })

  const raw = {} as BatchState['raw']
  const parsed: Partial<Omit<BatchState, 'raw'>> = {}
  for (const name of ['journal', 'messages', 'mails', 'accounts'] as const) {
    const answer = await read(smsim, `/${name}`)
    raw[name] = answer.text
    if (answer.status !== 200) {
      problems.push(`GET /_smsim/${name} → ${answer.status} ${answer.text.slice(0, 200)}`)
      continue
    }
    try {
      parsed[name] = JSON.parse(answer.text)
    } catch {
      problems.push(`GET /_smsim/${name} is not JSON: ${answer.text.slice(0, 200)}`)
    }
  }
  if (logger.calls.length) {
    problems.push(
      ...logger.calls.map((call) => `smsim logged: ${call.map(String).join(' ').slice(0, 300)}`),
    )
    logger.calls.length = 0
  }
  const { journal, messages, mails, accounts } = parsed
  if (!journal || !messages || !mails || !accounts) return done()
  const state: BatchState = { journal, messages, mails, accounts, raw }

  problems.push(...checkCredits(accounts))
  for (const account of accounts.filter((a) => parser.providers.includes(a.provider))) {
    const answer = await read(
      smsim,
      `/accounts/${account.provider}/${encodeURIComponent(ledgerId(account))}/ledger`,
    )
    if (answer.status !== 200) {
      problems.push(`ledger of ${account.id} → ${answer.status}`)
      continue
    }
    problems.push(...checkLedger(account, JSON.parse(answer.text) as LedgerEntry[], journal))
  }
  for (const entry of journal.filter((e) => e.transport !== 'callback'))
    codes.push(
      `${entry.provider} ${String(entry.code ?? `HTTP ${entry.status ?? '?'}`)}${entry.messages?.length ? ' (SMS)' : ''}`,
    )
  problems.push(...checkJournal(outcomes, journal, messages))
  problems.push(...(parser.check?.(state, outcomes) ?? []))
  return done()
}

/**
 * The id to read a ledger by. Where the id is the secret (iSendPro's keyid), `GET /accounts`
 * shows it masked; the ledger is read by the id the fuzz accounts were created with.
 */
function ledgerId(account: Account): string {
  const seeded = FUZZ_ACCOUNTS.filter(
    (a) => a.provider === account.provider && maskSecret(a.id) === account.id,
  )
  return seeded.length === 1 ? seeded[0]!.id : account.id
}

function checkCredits(accounts: Account[]): string[] {
  return accounts
    .filter((a) => !(Number.isFinite(a.credits) && a.credits >= 0))
    .map((a) => `account ${a.provider}/${a.id} has ${a.credits} credits`)
}

/** The ledger ends on the balance; no debit without an accepted request of that account. */
function checkLedger(account: Account, ledger: LedgerEntry[], journal: JournalEntry[]): string[] {
  const problems: string[] = []
  const last = ledger.at(-1)
  if (last && Math.abs(last.balance - account.credits) > 1e-9)
    problems.push(`ledger of ${account.id} ends at ${last.balance}, account has ${account.credits}`)
  if (ledger.some((e) => e.balance < 0)) problems.push(`ledger of ${account.id} went below zero`)
  const debited = ledger.filter((e) => e.delta < 0)
  const accepted = journal.some(
    (e) => e.provider === account.provider && e.account === account.id && ACCEPTED[e.provider](e),
  )
  if (debited.length && !accepted)
    problems.push(
      `${account.id} was debited (${debited.map((e) => `${e.delta} ${e.reason}`).join(', ')}) but no request of it was accepted`,
    )
  return problems
}

/**
 * Pairs each case's expected entries with the journal, in order: the code the client read is
 * the one journalled, SMS come only from accepted entries, and every SMS has its entry.
 */
function checkJournal(
  outcomes: readonly CaseOutcome[],
  journal: JournalEntry[],
  messages: Sms[],
): string[] {
  const problems: string[] = []
  // Delivery callbacks are journalled too, whenever their call ends: not requests of the batch.
  // Nor are the refusals at the SMTP level (a recipient, a size, a limit): no provider saw
  // them; test/mail/refusals-in-the-journal.test.ts checks their entries.
  const entries = journal.filter((e) => e.transport !== 'callback' && !isSmtpRefusal(e))
  const expected = outcomes.flatMap((o, i) => o.entries.map((entry) => ({ ...entry, i })))
  if (entries.length !== expected.length) {
    problems.push(
      `${entries.length} journal entries for ${expected.length} requests the providers saw: ` +
        `journal codes [${entries.map((e) => `${e.provider}:${String(e.code)}`).join(', ')}], ` +
        `expected [${expected.map((e) => `${e.i}:${e.provider}:${String(e.code ?? '?')}`).join(', ')}]`,
    )
  } else {
    entries.forEach((entry, k) => {
      const want = expected[k]!
      if (entry.provider !== want.provider)
        problems.push(`case ${want.i}: journalled for ${entry.provider}, sent to ${want.provider}`)
      if (want.code !== undefined && String(entry.code) !== String(want.code))
        problems.push(
          `case ${want.i}: the client read code ${want.code}, the journal says ${String(entry.code)}`,
        )
      if (want.refused && entry.messages?.length)
        problems.push(
          `case ${want.i}: refused to the client, yet SMS ${entry.messages.join(', ')} stored`,
        )
      const sent = want.text
      for (const id of sent === undefined ? [] : (entry.messages ?? [])) {
        const text = messages.find((m) => m.id === id)?.text
        if (text !== sent)
          problems.push(
            `case ${want.i}: SMS ${id} reads ${JSON.stringify(text?.slice(0, 80))}, the client sent ${JSON.stringify(sent?.slice(0, 80))}`,
          )
      }
    })
  }
  const traced = new Set<string>()
  for (const entry of entries) {
    const ids = entry.messages ?? []
    if (ids.length > smsAllowed(entry))
      problems.push(
        `journal entry ${entry.seq} (${entry.provider} code ${String(entry.code)}) stored ${ids.length} SMS`,
      )
    for (const id of ids) traced.add(id)
  }
  const orphans = messages.filter((m) => !traced.has(m.id) && !isReaction(m))
  if (orphans.length)
    problems.push(
      `SMS with no accepted request behind them: ${orphans.map((m) => m.id).join(', ')}`,
    )
  return problems
}

/** SMS a provider sends on its own, after an event (none with the fuzz accounts' options). */
function isReaction(sms: Sms): boolean {
  return sms.meta.retryOf !== undefined || sms.meta.alert !== undefined
}
