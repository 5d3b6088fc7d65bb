/**
 * The dashboard with 100,000 SMS stored: how soon the Phones view shows them in Chromium
 * (issue 14's target: under 1 s), and what it reads to get there. Run by hand, never in tests:
 *
 *   npx tsx bench/dashboard-first-paint.ts                   # 100,000 SMS, 7 loads, ~1 min
 *   npx tsx bench/dashboard-first-paint.ts --sms 10000 --runs 3
 *   npx tsx bench/dashboard-first-paint.ts --pagination none  # as a smsim that ignores limit/offset
 *
 * smsim is started in this process and filled through the engine (`Simulator.handleHttp`, SMStoB
 * sends from 5,000 numbers, distinct texts), then Debian's Chromium (never a downloaded browser)
 * opens `/#/phones` in a fresh context for each load — cold: no cached script — and reports:
 *
 * - first contentful paint (the page's frame: header, tabs);
 * - SMS on screen: the first frame after the conversation list and the phone's SMS are in the
 *   document (observed from the page: a MutationObserver, then the next animation frame);
 * - the `/_smsim/messages` reads the view made and their bytes;
 * - a conversation opened: from the click to its SMS on screen.
 *
 * `--pagination`: `server` needs a smsim that answers `limit`, `offset` and `order=desc` on
 * `/_smsim/messages`; `stand-in` answers them in front of a smsim that does not (the same
 * slice of the same store, written here, until the server does it); `none` lets the page read
 * everything and cut it itself (the dashboard's fallback). `auto` (the default) takes `server`
 * when smsim paginates, `stand-in` otherwise. bench/README.md has the figures.
 */
import type { IncomingMessage, ServerResponse } from 'node:http'
import { parseArgs } from 'node:util'
import { chromium } from 'playwright-core'
import type { SimRequest } from '../simulators/core/provider.ts'
import { shownRecord } from '../simulators/core/secrets.ts'
import { startSmsim } from '../simulators/server/app.ts'
import { fmt, log, median } from './lib/format.ts'

const { values } = parseArgs({
  options: {
    sms: { type: 'string', default: '100000' },
    runs: { type: 'string', default: '7' },
    pagination: { type: 'string', default: 'auto' },
  },
})
const SMS = Number(values.sms)
const RUNS = Number(values.runs)
/** Distinct numbers the SMS go to: a school's pupils and parents over a season. */
const NUMBERS = 5000
const FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
]

const smsim = await startSmsim({
  httpPort: 0,
  smtpPort: 0,
  demo: false,
  logger: { error: () => undefined },
  clock: { now: '2026-01-05T09:00:00+01:00', frozen: true },
  accounts: [
    {
      provider: 'smstob',
      id: 'bench@example.fr',
      secret: 'pw',
      credits: 1e12,
      options: { duplicateCheck: false },
    },
  ],
})
const { sim } = smsim

log(`filling the store with ${fmt(SMS)} SMS…`)
const filled = performance.now()
const route = sim.route('127.0.0.1', '/smstob/http.php')!
for (let i = 0; i < SMS; i++) {
  const numero = `0660${String(1_000_000 + (i % NUMBERS)).slice(1)}`
  const request: SimRequest = {
    method: 'GET',
    host: '127.0.0.1',
    path: '/smstob/http.php',
    query: `email=bench@example.fr&pass=pw&numero=${numero}&message=Bonjour+${i}`,
    headers: {},
    body: new Uint8Array(),
  }
  await sim.handleHttp(route, request)
}
const stored = sim.store.messages().length
log(`${fmt(stored)} SMS stored in ${fmt(performance.now() - filled)} ms`)
if (stored !== SMS) throw new Error(`${fmt(stored)} SMS stored instead of ${fmt(SMS)}`)

const probe = (await (
  await fetch(`${smsim.url}/_smsim/messages?limit=1&order=desc`)
).json()) as unknown[]
const serverPaginates = probe.length === 1
const pagination =
  values.pagination === 'auto' ? (serverPaginates ? 'server' : 'stand-in') : values.pagination
if (pagination === 'server' && !serverPaginates)
  throw new Error('this smsim ignores limit/offset: use --pagination stand-in or none')

if (pagination === 'stand-in') {
  // `limit`, `offset` and `order=desc` answered in front of smsim: the store's own filter, the
  // newest first, one slice. Every other request goes on to smsim.
  const server = smsim.http.server
  const listeners = server.listeners('request') as ((
    req: IncomingMessage,
    res: ServerResponse,
  ) => void)[]
  server.removeAllListeners('request')
  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://smsim')
    if (url.pathname !== '/_smsim/messages' || !url.searchParams.has('limit'))
      return listeners.forEach((listener) => listener.call(server, req, res))
    const q = (name: string) => url.searchParams.get(name) ?? undefined
    const to = q('to')
    const all = sim.store.messages({
      ...(q('provider') ? { provider: q('provider') } : {}),
      ...(q('account') ? { account: q('account') } : {}),
      ...(to ? { to: to.startsWith('0') ? `+33${to.slice(1)}` : to } : {}),
    })
    const offset = Number(q('offset') ?? 0)
    const limit = Number(q('limit'))
    const page: unknown[] = []
    for (let i = all.length - 1 - offset; i >= 0 && page.length < limit; i--)
      page.push(shownRecord(all[i]!, false))
    res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' })
    res.end(JSON.stringify(page))
  })
}
log(`pagination: ${pagination}`)

/** Runs in the page before its scripts: when the SMS are first on screen. */
const OBSERVE = `
  window.__smsOnScreen = new Promise((resolve) => {
    const seen = () => document.querySelector('.conversation') && document.querySelector('.sms')
    new MutationObserver((_, observer) => {
      if (!seen()) return
      observer.disconnect()
      requestAnimationFrame(() => setTimeout(() => resolve(performance.now()), 0))
    }).observe(document, { childList: true, subtree: true })
  })
`

interface Load {
  fcp: number
  onScreen: number
  reads: number
  bytes: number
  open: number
}

const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: FLAGS })
const loads: Load[] = []
try {
  for (let run = 0; run < RUNS; run++) {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } })
    const page = await context.newPage()
    await page.addInitScript(OBSERVE)
    await page.goto(`${smsim.url}/#/phones`)
    const onScreen = await page.evaluate<number>('window.__smsOnScreen')
    const measured = await page.evaluate<{ fcp: number; reads: number; bytes: number }>(`(() => {
      const fcp = performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? NaN
      const reads = performance.getEntriesByType('resource').filter((r) => r.name.includes('/_smsim/messages'))
      return { fcp, reads: reads.length, bytes: reads.reduce((n, r) => n + r.encodedBodySize, 0) }
    })()`)
    // Another conversation: from the click to its SMS on screen.
    const other = page.locator('.conversation:not([aria-current="true"])').nth(3)
    const to = await other.getAttribute('data-to')
    const clicked = await page.evaluate<number>('performance.now()')
    await other.click()
    await page.waitForSelector(`.conversation[data-to="${to}"][aria-current="true"]`)
    await page.waitForFunction(`document.querySelectorAll('.thread .sms').length > 0 &&
      document.querySelector('.phone-number').textContent.replace(/\\s/g, '') === ${JSON.stringify(to)}`)
    const opened = await page.evaluate<number>(
      'new Promise((resolve) => requestAnimationFrame(() => setTimeout(() => resolve(performance.now()), 0)))',
    )
    loads.push({ ...measured, onScreen, open: opened - clicked })
    log(
      `load ${run + 1}: FCP ${fmt(measured.fcp)} ms, SMS on screen ${fmt(onScreen)} ms, ` +
        `${measured.reads} reads of /messages (${fmt(measured.bytes / 1024)} KiB), ` +
        `conversation opened in ${fmt(opened - clicked)} ms`,
    )
    await context.close()
  }
} finally {
  await browser.close()
  await smsim.close()
}

const row = (label: string, pick: (load: Load) => number, unit: string) => {
  const values = loads.map(pick)
  console.log(
    `| ${label.padEnd(34)} | ${`${fmt(median(values))} ${unit}`.padStart(10)} | ` +
      `${fmt(Math.min(...values))}–${fmt(Math.max(...values))} ${unit} |`,
  )
}
console.log(
  `\n${fmt(SMS)} SMS stored, pagination: ${pagination}, ${RUNS} cold loads of /#/phones\n`,
)
console.log(`| ${'measure'.padEnd(34)} | ${'median'.padStart(10)} | range |`)
console.log(`| ${'-'.repeat(34)} | ${'-'.repeat(10)} | ----- |`)
row('first contentful paint', (l) => l.fcp, 'ms')
row('SMS on screen', (l) => l.onScreen, 'ms')
row('bytes of /_smsim/messages read', (l) => l.bytes / 1024, 'KiB')
row('another conversation opened', (l) => l.open, 'ms')
