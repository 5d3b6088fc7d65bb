/**
 * Long SMS texts through every transport: how long one request takes, and whether the server
 * still answers `GET /_smsim/health` while it decides. Run by hand, never in tests:
 *
 *   npx tsx test/stress/long-texts.ts                          # every transport, 10k–200k, and the pure functions up to 1M
 *   npx tsx test/stress/long-texts.ts --sizes 10000,40000 --timeout 60
 *   npx tsx test/stress/long-texts.ts --transports smstob-http,allmysms-mail --no-pure
 *   npx tsx test/stress/long-texts.ts --text issue      # 'a' × (n − 1) + 'ç' instead of the mixed text
 *
 * smsim runs in a child process (one per measurement, so that a request still running when its
 * time is up cannot slow the next one down), warmed up with a short text through the same
 * transport; this process then sends the request and, meanwhile, `GET /_smsim/health` every
 * 10 ms, and reports the slowest health answer seen during the request. A request's time runs
 * from its first byte to its answer (for mail: the `250`, then the outbox or phones read back
 * through the control API). A text is "mixed": French text in GSM 03.38 with accents of the basic table, `€` and
 * brackets of the extension table and CR LF line breaks, ending in `ç` (outside GSM 03.38) and,
 * where the transport takes UTF-8, an emoji — the shape of the issue's probe (`'a' × 79,999 +
 * 'ç'`), in which counting used to be quadratic.
 *
 * The pure functions (`countSegments`, `truncateToSegments`) are timed in a child process too,
 * killed when its time is up, on mixed texts of 10k to 1M characters.
 */
import { fork } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import { health, send, TRANSPORTS, type Server, type Transport } from './long-texts-transports.ts'

const SCRIPT = fileURLToPath(import.meta.url)

/** Monday 5 January 2026, 10:00 in Paris: inside iSendPro's commercial window. */
const NOW = '2026-01-05T10:00:00+01:00'

/**
 * The sentence the texts repeat: GSM basic (é), extension (€, [ ]), CR LF. Mostly ASCII, so
 * that 200,000 characters still fit a form body of 256 KiB once percent-encoded.
 */
const SENTENCE =
  'Cours annulé demain a 9h [vent] rendez-vous a la telecabine. Forfait 12 € rembourse.\r\n'

/**
 * A text of exactly `length` UTF-16 units: {@link SENTENCE} repeated, then `tail` (the
 * characters that force UCS-2).
 */
export function mixedText(length: number, tail: string): string {
  const body = SENTENCE.repeat(Math.ceil(length / SENTENCE.length)).slice(0, length - tail.length)
  return body + tail
}

/** The issue's probe: `a` repeated, then `tail`. */
export function issueText(length: number, tail: string): string {
  return 'a'.repeat(length - tail.length) + tail
}

/** Which text the requests carry (`--text mixed|issue`). */
let makeText = mixedText

// ————————————————————————————————————————————————————————————————————————————————————————————
// Child: the server
// ————————————————————————————————————————————————————————————————————————————————————————————

async function serve(): Promise<void> {
  const { startSmsim } = await import('../../simulators/server/app.ts')
  const running = await startSmsim({
    httpPort: 0,
    smtpPort: 0,
    demo: false,
    clock: { now: NOW, frozen: true },
    logger: { error: () => {} },
    accounts: [
      { provider: 'smstob', id: 'ecole@example.fr', secret: 'XV65JU', credits: 1e6 },
      { provider: 'allmysms', id: 'arthur45', secret: 'de135f8d2a091e4', credits: 1e6 },
      { provider: 'aspsms', id: 'I3QHMYKEY6E', secret: 'mypassword', credits: 1e6 },
      {
        provider: 'isendpro',
        id: 'a296464ce012b8ab710a',
        secret: 'a296464ce012b8ab710a',
        credits: 1e6,
        options: { senderDomains: ['masociete.com'], commercialExempt: true },
      },
    ],
  })
  process.send!({ url: running.url, smtp: running.smtp })
}

// ————————————————————————————————————————————————————————————————————————————————————————————
// Child: the pure functions
// ————————————————————————————————————————————————————————————————————————————————————————————

async function pure(length: number): Promise<void> {
  const { countSegments, truncateToSegments } = await import('../../simulators/core/segments.ts')
  const text = makeText(length, 'ç😀')
  let t0 = performance.now()
  const counted = countSegments(text)
  const countMs = performance.now() - t0
  t0 = performance.now()
  const cut = truncateToSegments(text, 10)
  const truncateMs = performance.now() - t0
  process.send!({ countMs, truncateMs, segments: counted.segments, cut: cut.length })
}

// ————————————————————————————————————————————————————————————————————————————————————————————
// Parent: the requests
// ————————————————————————————————————————————————————————————————————————————————————————————

function startServer(): Promise<Server> {
  const child = fork(SCRIPT, ['--serve'], { execArgv: ['--import', 'tsx'], stdio: 'inherit' })
  return new Promise((done, fail) => {
    child.once('message', (m: { url: string; smtp: Server['smtp'] }) => done({ child, ...m }))
    child.once('exit', (code) => fail(new Error(`server exited ${code}`)))
  })
}

interface Measure {
  ms: number
  answer: string
  healthMaxMs: number
  healthCount: number
  healthFailures: number
}

/** One request in a fresh server, with health polled meanwhile; `undefined` past `timeoutMs`. */
async function measure(
  transport: Transport,
  text: string,
  timeoutMs: number,
): Promise<Measure | undefined> {
  const server = await startServer()
  try {
    // The server's first answers compile its code paths: warm them up (health, and this
    // transport with a short text) before measuring.
    for (let i = 0; i < 3; i++) await health(server.url)
    await send(server, transport, text.slice(0, 100))
    let running = true
    let healthMaxMs = 0
    let healthCount = 0
    let healthFailures = 0
    const poll = (async () => {
      while (running) {
        const t0 = performance.now()
        const answered = await health(server.url)
        // The answer held back by a busy server comes with the request's: it counts. The server
        // is killed when its time is up: a health request then fails, and does not count.
        if (answered) {
          healthMaxMs = Math.max(healthMaxMs, performance.now() - t0)
          healthCount++
        } else if (running) healthFailures++
        if (!running) break
        await new Promise((done) => setTimeout(done, 10))
      }
    })()
    const t0 = performance.now()
    let timer: NodeJS.Timeout | undefined
    const result = await Promise.race([
      send(server, transport, text).then(
        (answer) => ({ answer }),
        (error: Error) => ({ answer: `failed: ${error.message}` }),
      ),
      new Promise<undefined>((done) => (timer = setTimeout(() => done(undefined), timeoutMs))),
    ])
    clearTimeout(timer)
    const ms = performance.now() - t0
    running = false
    if (!result) {
      server.child.kill('SIGKILL')
      await poll
      return undefined
    }
    await poll
    return { ms, answer: result.answer, healthMaxMs, healthCount, healthFailures }
  } finally {
    server.child.kill('SIGKILL')
  }
}

function pureInChild(
  length: number,
  textName: string,
  timeoutMs: number,
): Promise<{ countMs: number; truncateMs: number; segments: number } | undefined> {
  const child = fork(SCRIPT, ['--pure', String(length), '--text', textName], {
    execArgv: ['--import', 'tsx'],
    stdio: 'inherit',
  })
  return new Promise((done) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL')
      done(undefined)
    }, timeoutMs)
    child.once('message', (m: { countMs: number; truncateMs: number; segments: number }) => {
      clearTimeout(timer)
      child.kill('SIGKILL')
      done(m)
    })
  })
}

const fmt = (ms: number) => (ms < 1000 ? `${ms.toFixed(0)} ms` : `${(ms / 1000).toFixed(1)} s`)

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      serve: { type: 'boolean', default: false },
      pure: { type: 'string' },
      sizes: { type: 'string', default: '10000,40000,80000,200000' },
      'pure-sizes': { type: 'string', default: '10000,40000,80000,200000,1000000' },
      transports: { type: 'string', default: TRANSPORTS.join(',') },
      timeout: { type: 'string', default: '120' },
      'no-pure': { type: 'boolean', default: false },
      'no-requests': { type: 'boolean', default: false },
      text: { type: 'string', default: 'mixed' },
    },
  })
  if (values.text === 'issue') makeText = issueText
  if (values.serve) return serve()
  if (values.pure) return pure(Number(values.pure))

  const timeoutMs = Number(values.timeout) * 1000
  const sizes = values.sizes.split(',').map(Number)
  const transports = values.transports.split(',') as Transport[]
  if (!values['no-requests']) {
    console.log(`| transport | ${sizes.map((s) => `${s / 1000}k`).join(' | ')} |`)
    console.log(`| --- | ${sizes.map(() => '---:').join(' | ')} |`)
    for (const transport of transports) {
      const cells: string[] = []
      for (const size of sizes) {
        // Latin-1 form bodies cannot carry an emoji; everything else ends in ç and 😀.
        const tail = transport === 'aspsms-http-post' ? 'ç' : 'ç😀'
        const m = await measure(transport, makeText(size, tail), timeoutMs)
        const cell = m
          ? `${fmt(m.ms)} (health ≤ ${fmt(m.healthMaxMs)}${m.healthFailures ? `, ${m.healthFailures} failed` : ''})`
          : `> ${fmt(timeoutMs)} (killed)`
        cells.push(cell)
        console.error(`${transport} ${size}: ${cell} — ${m?.answer ?? ''}`)
      }
      console.log(`| ${transport} | ${cells.join(' | ')} |`)
    }
  }
  if (!values['no-pure']) {
    const pureSizes = values['pure-sizes'].split(',').map(Number)
    console.log('\n| characters | countSegments | truncateToSegments(…, 10) | segments |')
    console.log('| ---: | ---: | ---: | ---: |')
    for (const size of pureSizes) {
      const m = await pureInChild(size, values.text, timeoutMs)
      console.log(
        m
          ? `| ${size.toLocaleString('en')} | ${fmt(m.countMs)} | ${fmt(m.truncateMs)} | ${m.segments} |`
          : `| ${size.toLocaleString('en')} | > ${fmt(timeoutMs)} (killed) | | |`,
      )
    }
  }
}

await main()
