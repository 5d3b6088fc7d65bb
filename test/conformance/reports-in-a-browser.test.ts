/**
 * The pages a person reads — the conformance report and a school's certificate — in a real
 * browser: Debian's headless Chromium driven by playwright-core (never a browser download).
 * What a text test cannot see: the report's "Hide" boxes really hide rows (CSS only, no
 * script), the steps and the technical detail open, and nothing is laid out off the page.
 *
 * Where /usr/bin/chromium is missing (a developer's machine), the file is skipped with a
 * message; CI installs it (.ci/run).
 */
import { existsSync } from 'node:fs'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { chromium, type Browser, type Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { renderCertificate } from '../../conformance/certify/certificate.ts'
import { certifySchool } from '../../conformance/certify/run.ts'
import { validateSchool } from '../../conformance/certify/school.ts'
import { renderHtmlReport } from '../../conformance/reporters/html.ts'
import { sampleReport } from '../../conformance/reporters/report.fixture.ts'
import { embeddedTarget } from '../../conformance/target.ts'

const CHROMIUM = '/usr/bin/chromium'
const FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
]
const hasChromium = existsSync(CHROMIUM)
if (!hasChromium)
  console.warn(`reports-in-a-browser: skipped, no ${CHROMIUM} (apt-get install -y chromium)`)

let browser: Browser
let dir: string
beforeAll(async () => {
  if (!hasChromium) return
  browser = await chromium.launch({ executablePath: CHROMIUM, args: FLAGS })
  dir = await mkdtemp(join(tmpdir(), 'smsim-pages-'))
})
afterAll(async () => {
  await browser?.close()
  if (dir) await rm(dir, { recursive: true, force: true })
})

/** Opens an HTML text as a file, as a person opens the report from disk. */
async function open(name: string, html: string): Promise<Page> {
  const path = join(dir, name)
  await writeFile(path, html)
  const page = await browser.newPage({ viewport: { width: 1200, height: 900 } })
  await page.goto(pathToFileURL(path).href)
  return page
}

/**
 * The statuses of the rows a reader sees. (Code run in the page is written as text: this
 * project's TypeScript has no DOM types.)
 */
const visibleStatuses = (page: Page) =>
  page.evaluate<string[]>(
    `[...document.querySelectorAll('tbody tr')]
      .filter((r) => getComputedStyle(r).display !== 'none')
      .map((r) => r.querySelector('td')?.textContent?.trim() ?? '')`,
  )

describe.skipIf(!hasChromium)('the conformance report in a browser', () => {
  it('shows every result, and hides the passed ones when "PASS" is ticked', async () => {
    const report = sampleReport()
    const page = await open('report.html', renderHtmlReport(report))
    const all = await visibleStatuses(page)
    expect(all).toHaveLength(report.results.length)
    expect(all).toContain('PASS')

    await page.check('#hide-PASS')
    const shown = await visibleStatuses(page)
    expect(shown).not.toContain('PASS')
    expect(shown).toHaveLength(report.results.filter((r) => r.status !== 'PASS').length)
    await page.close()
  })

  it('opens the steps of a failed scenario, and fits the page width', async () => {
    const page = await open('report.html', renderHtmlReport(sampleReport()))
    const summary = page.locator('details summary').first()
    await summary.click()
    expect(await page.locator('details[open]').count()).toBe(1)
    const overflow = await page.evaluate<number>(
      'document.documentElement.scrollWidth - document.documentElement.clientWidth',
    )
    expect(overflow).toBeLessThanOrEqual(0)
    await page.close()
  })
})

describe.skipIf(!hasChromium)("a school's certificate in a browser", () => {
  it('shows the verdict first, every check, and the technical detail on demand', async () => {
    const target = await embeddedTarget()
    try {
      const checked = validateSchool({
        name: 'ESF <Tignes>',
        code: '73001',
        userKey: 'ESFTIGNES73001',
        password: 'neige',
        phone: '06 12 34 56 78',
        originator: 'ESF SAINT-GERVAIS',
      })
      if (!checked.ok) throw new Error(checked.bad.reasons.join('; '))
      const certificate = await certifySchool(checked.school, {
        mode: { kind: 'simulator', target },
        transport: 'soap',
        credits: 1000,
        minCredits: 100,
        wallClock: () => Date.UTC(2026, 0, 6, 9, 0),
      })
      const page = await open('certificate.html', renderCertificate(certificate))
      expect(await page.locator('h1').textContent()).toContain('ESF <Tignes>')
      const text = await page.locator('body').innerText()
      // The verdict comes before the checks, and the refused originator says what to do.
      expect(text.indexOf('NOT CERTIFIED')).toBeLessThan(text.indexOf('Identifiants ASPSMS'))
      expect(text).toContain('11 caractères au plus')
      const closed = await page.locator('details:not([open])').count()
      expect(closed).toBeGreaterThan(0)
      await page.locator('details summary').first().click()
      expect(await page.locator('details[open]').count()).toBe(1)
      await page.close()
    } finally {
      await target.close()
    }
  })
})
