/**
 * The dashboard in a real browser: Debian's headless Chromium driven by playwright-core, never a
 * downloaded browser (as test/conformance/reports-in-a-browser.test.ts). Where /usr/bin/chromium
 * is missing, the files that use this are skipped with a message; CI installs it (.ci/run).
 *
 * @example
 * const browser = useBrowser('phones')
 * const page = await openDashboard(browser(), smsim(), '#/phones')
 */
import { existsSync } from 'node:fs'
import { chromium, type Browser, type Page } from 'playwright-core'
import { afterAll, beforeAll } from 'vitest'
import type { TestSmsim } from '../../simulators/testing.ts'

export const CHROMIUM = '/usr/bin/chromium'
export const hasChromium = existsSync(CHROMIUM)

/** Flags of every browser test: headless, no sandbox (CI runs as root), nothing fetched. */
export const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
]

/** The viewports the dashboard is made for: a laptop's, and a phone's (CSS pixels). */
export const DESKTOP = { width: 1280, height: 800 }
export const PHONE = { width: 390, height: 844 }

/**
 * Launches Chromium before the enclosing `describe` (when there is one) and closes it after.
 * `file` names the test file in the message that says it was skipped.
 */
export function useBrowser(file: string): () => Browser {
  let browser: Browser | undefined
  if (!hasChromium) console.warn(`${file}: skipped, no ${CHROMIUM} (apt-get install -y chromium)`)
  beforeAll(async () => {
    if (hasChromium)
      browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_FLAGS })
  })
  afterAll(() => browser?.close())
  return () => {
    if (!browser) throw new Error('Chromium is not started')
    return browser
  }
}

/**
 * Opens the dashboard at `hash` (`#/phones`) and waits until it follows smsim live — by its
 * event stream, or by polling where smsim has none — and the view has read its data. Errors in
 * the page fail the test that reads {@link pageErrors}.
 */
export async function openDashboard(
  browser: Browser,
  smsim: TestSmsim,
  hash = '#/phones',
  viewport = DESKTOP,
): Promise<Page> {
  const page = await browser.newPage({ viewport, acceptDownloads: true })
  const errors: string[] = []
  page.on('pageerror', (error) => errors.push(error.message))
  errorsOf.set(page, errors)
  await page.goto(`${smsim.url}/${hash}`)
  await page.waitForSelector('#live[data-mode="events"], #live[data-mode="polling"]')
  return page
}

const errorsOf = new WeakMap<Page, string[]>()

/** The uncaught errors of the page's scripts since it was opened. */
export const pageErrors = (page: Page): string[] => errorsOf.get(page) ?? []

/** How the page follows smsim: `events` (the stream) or `polling` (no stream on this smsim). */
export const liveMode = (page: Page) => page.getAttribute('#live', 'data-mode')
