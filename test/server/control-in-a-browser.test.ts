/**
 * The control API against real web pages: Debian's headless Chromium, driven by playwright-core
 * as in test/conformance/reports-in-a-browser.test.ts. What the header-level tests of
 * control-access.test.ts assume, checked with the headers a browser really sends:
 *
 * - a page of another site POSTs to the control API without a preflight (`mode: 'no-cors'`,
 *   a text/plain body) and creates nothing;
 * - a page reached through a name that resolves to 127.0.0.1 (DNS rebinding) reads nothing;
 * - a page of smsim's own origin may write.
 *
 * The browser's own Local Network Access checks are switched off, as an older or another
 * browser would not have them: what refuses the requests here is smsim. Each test also counts
 * the requests smsim received, so that a request the browser never sent cannot pass for one
 * smsim refused.
 */
import { existsSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { chromium, type Browser, type Page } from 'playwright-core'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { startTestSmsim, type TestSmsim } from '../../simulators/testing.ts'

const CHROMIUM = '/usr/bin/chromium'
const hasChromium = existsSync(CHROMIUM)
if (!hasChromium)
  console.warn(`control-in-a-browser: skipped, no ${CHROMIUM} (apt-get install -y chromium)`)

/** The attacker's site: a name the browser resolves to 127.0.0.1, like a rebinding DNS would. */
const EVIL = 'evil.test'

let browser: Browser
let smsim: TestSmsim
let site: Server
/** Requests smsim received under /_smsim/accounts, with the status it answered. */
const seen: { method: string; host: string; status: number }[] = []

beforeAll(async () => {
  if (!hasChromium) return
  smsim = await startTestSmsim()
  smsim.http.server.on('request', (req, res) => {
    // Express has already taken the mount path off req.url when this listener runs.
    const url = (req as { originalUrl?: string }).originalUrl ?? req.url ?? ''
    if (!url.startsWith('/_smsim/accounts')) return
    res.on('finish', () =>
      seen.push({ method: req.method ?? '', host: req.headers.host ?? '', status: res.statusCode }),
    )
  })
  // The attacker's own server, on another port of this machine, under the name evil.test.
  site = createServer((_req, res) =>
    res.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><title>evil</title>'),
  )
  await new Promise<void>((resolve) => site.listen(0, '127.0.0.1', resolve))
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--no-first-run',
      '--disable-background-networking',
      `--host-resolver-rules=MAP ${EVIL} 127.0.0.1`,
      '--disable-features=LocalNetworkAccessChecks,PrivateNetworkAccessSendPreflights,PrivateNetworkAccessRespectPreflightResults,BlockInsecurePrivateNetworkRequests',
    ],
  })
})
afterAll(async () => {
  await browser?.close()
  site?.close()
  await smsim?.close()
})
beforeEach(async () => {
  seen.length = 0
  if (hasChromium) await smsim.control.post('/reset')
})

const smsimPort = () => smsim.http.port
const accounts = () => smsim.control.get<{ id: string }[]>('/accounts?provider=smstob')

/** A new page at `url`. */
async function open(url: string): Promise<Page> {
  const page = await browser.newPage()
  await page.goto(url)
  return page
}

/**
 * Runs `script`, a function's source, called with `arg`, in the page. (Code run in the page is
 * written as text: this project's TypeScript has no DOM types.)
 */
const run = <T>(page: Page, script: string, arg: unknown) =>
  page.evaluate<T>(`(${script})(${JSON.stringify(arg ?? null)})`)

describe.skipIf(!hasChromium)('the control API in a real browser', () => {
  it('creates no account for a page of another site that POSTs text/plain without a preflight', async () => {
    const page = await open(`http://${EVIL}:${(site.address() as AddressInfo).port}/`)
    await run(
      page,
      `async (url) => {
        await fetch(url, {
          method: 'POST',
          mode: 'no-cors',
          headers: { 'content-type': 'text/plain' },
          body: JSON.stringify({ provider: 'smstob', id: 'page@evil.example', secret: 'x', credits: 1000 }),
        })
      }`,
      `http://127.0.0.1:${smsimPort()}/_smsim/accounts`,
    )
    await page.close()
    // smsim may log the answer's end after the browser has it: wait for it.
    await expect
      .poll(() => seen)
      .toEqual([{ method: 'POST', host: `127.0.0.1:${smsimPort()}`, status: 403 }])
    expect(await accounts()).toEqual([])
  })

  it('lets a page reached through a rebound name read nothing', async () => {
    await smsim.control.post('/accounts', { provider: 'smstob', id: 'ecole@example.fr' })
    seen.length = 0
    // The attacker's page, at evil.test on smsim's own port: for the browser, smsim's origin.
    const origin = `http://${EVIL}:${smsimPort()}`
    const page = await browser.newPage()
    await page.route(`${origin}/`, (route) =>
      route.fulfill({ contentType: 'text/html', body: '<!doctype html><title>rebound</title>' }),
    )
    await page.goto(`${origin}/`)
    const read = await run<{ status: number; text: string }>(
      page,
      `async () => {
        const response = await fetch('/_smsim/accounts')
        return { status: response.status, text: await response.text() }
      }`,
      undefined,
    )
    await page.close()
    expect(read.status).toBe(403)
    expect(read.text).not.toContain('ecole@example.fr')
    await expect
      .poll(() => seen)
      .toEqual([{ method: 'GET', host: `${EVIL}:${smsimPort()}`, status: 403 }])
  })

  it("lets a page of smsim's own origin create an account in JSON", async () => {
    const origin = `http://127.0.0.1:${smsimPort()}`
    const page = await browser.newPage()
    await page.route(`${origin}/own-page`, (route) =>
      route.fulfill({ contentType: 'text/html', body: '<!doctype html><title>own</title>' }),
    )
    await page.goto(`${origin}/own-page`)
    const status = await run<number>(
      page,
      `async () => {
        const response = await fetch('/_smsim/accounts', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ provider: 'smstob', id: 'own@example.fr' }),
        })
        return response.status
      }`,
      undefined,
    )
    await page.close()
    expect(status).toBe(201)
    expect((await accounts()).map((a) => a.id)).toEqual(['own@example.fr'])
  })
})
