/**
 * Every view with the keyboard alone, in Debian's Chromium: Tab from the top of the page reaches
 * every control a mouse could use (links, buttons, fields, `<summary>`), each shows where the
 * focus is, and Enter works them.
 */
import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { hasChromium, openDashboard, PHONE, useBrowser } from '../support/dashboard.ts'
import { useTestSmsim } from '../support/smsim.ts'

/** Most Tab presses per view: its controls, plus the fields of date inputs (one stop a part). */
const MAX_TABS = 600

/** The views, and what shows that each has read its data. */
const VIEWS: [string, string][] = [
  ['phones', '.sms'],
  ['outbox', '.item'],
  ['accounts', 'tbody tr[data-key]'],
  ['journal', 'tbody tr[data-seq]'],
  ['controls', '.fault-state:not(:text("…"))'],
  ['try', '.try-form'],
]

/**
 * Marks every control of the page a pointer could use — shown, enabled, outside a closed
 * `<details>` or dialog — and returns their marks and names. (Code run in the page is written
 * as text: this project's TypeScript has no DOM types.)
 */
const markControls = (page: Page) =>
  page.evaluate<string[]>(`(() => {
    const selector = 'a[href], button, input, select, textarea, summary, [tabindex]:not([tabindex="-1"])'
    const shown = [...document.querySelectorAll(selector)].filter(
      (element) =>
        element.getClientRects().length > 0 &&
        !element.disabled &&
        !element.closest('[hidden], dialog:not([open])') &&
        !element.closest('details:not([open]) > :not(summary)'),
    )
    return shown.map((element, i) => {
      element.dataset.kb = String(i)
      const name = element.getAttribute('aria-label') ?? element.textContent.trim()
      return i + ' <' + element.tagName.toLowerCase() + '> ' + (name || element.name || '')
    })
  })()`)

/**
 * The marked control that has the focus, and how its focus shows. Inside a date input's own
 * parts (its calendar button) the input is not `:focus`: the browser draws that ring itself.
 */
const FOCUSED = `(() => {
  const element = document.activeElement
  if (!element || !element.dataset || !element.dataset.kb) return undefined
  if (!element.matches(':focus')) return { mark: element.dataset.kb, visible: true }
  const style = getComputedStyle(element)
  return { mark: element.dataset.kb, visible: style.outlineStyle !== 'none' && style.outlineWidth !== '0px' }
})()`

/** The fields and buttons of the page that have no accessible name (a label, an aria-label). */
const unnamed = (page: Page) =>
  page.evaluate<string[]>(`[...document.querySelectorAll('input, select, textarea, button')]
    .filter((e) => e.getClientRects().length > 0)
    .filter((e) => !(e.labels && e.labels.length) && !e.getAttribute('aria-label') &&
      !(e.tagName === 'BUTTON' && e.textContent.trim()))
    .map((e) => e.outerHTML.slice(0, 80))`)

/** Presses Tab until every marked control had the focus; returns those that never did. */
async function tabThrough(
  page: Page,
  controls: string[],
): Promise<{ missed: string[]; unseen: string[] }> {
  await page.evaluate('document.activeElement && document.activeElement.blur()')
  const reached = new Set<string>()
  const unseen = new Set<string>()
  for (let i = 0; i < MAX_TABS && reached.size < controls.length; i++) {
    await page.keyboard.press('Tab')
    const focused = await page.evaluate<{ mark: string; visible: boolean } | undefined>(FOCUSED)
    if (!focused) continue
    reached.add(focused.mark)
    if (!focused.visible) unseen.add(focused.mark)
  }
  return {
    missed: controls.filter((_, i) => !reached.has(String(i))),
    unseen: [...unseen].map((mark) => controls[Number(mark)] ?? mark),
  }
}

describe.skipIf(!hasChromium)('the dashboard with the keyboard', () => {
  const smsim = useTestSmsim({
    demo: true,
    clock: { now: '2026-01-05T09:00:00+01:00', frozen: true },
  })
  const browser = useBrowser('dashboard/keyboard')

  it.each(VIEWS)(
    'reaches every control of the %s view with Tab, each named and with a visible focus',
    async (view, ready) => {
      if ((await smsim().control.get<unknown[]>('/messages')).length === 0) {
        await fetch(
          `${smsim().url}/smstob/http.php?email=demo@smstob.test&pass=demo&numero=0660919010&message=Bonjour`,
        )
        await smsim().sendMail({
          from: 'demo@smstob.test',
          to: 'sms.demo@smstob.com',
          subject: '0660545465',
          text: 'Bonjour',
        })
      }
      const page = await openDashboard(browser(), smsim(), `#/${view}`)
      await page.locator(ready).first().waitFor()
      const controls = await markControls(page)
      expect(controls.length).toBeGreaterThan(8)
      expect(await tabThrough(page, controls)).toEqual({ missed: [], unseen: [] })
      expect(await unnamed(page), 'fields without a name').toEqual([])
      await page.close()
    },
  )

  it('works a conversation and an account’s ledger with Enter', async () => {
    await fetch(
      `${smsim().url}/smstob/http.php?email=demo@smstob.test&pass=demo&numero=0660919030&message=Autre`,
    )
    const page = await openDashboard(browser(), smsim(), '#/phones')
    const other = page.locator('.conversation[data-to="+33660919030"]')
    await other.focus()
    await page.keyboard.press('Enter')
    await page.waitForSelector('.conversation[data-to="+33660919030"][aria-current="true"]')
    await page.waitForSelector('.sms-text:text("Autre")')

    await page.goto(`${smsim().url}/#/accounts`)
    const ledger = page.getByRole('button', { name: 'Ledger of SMStoB demo@smstob.test' })
    await ledger.focus()
    await page.keyboard.press('Enter')
    const heading = page.getByRole('heading', { name: 'Ledger of SMStoB demo@smstob.test' })
    await heading.waitFor()
    expect(await page.evaluate('document.activeElement.textContent')).toBe(
      'Ledger of SMStoB demo@smstob.test',
    )
    await page.close()
  })

  it('reaches every control of the phones view on a phone-sized screen', async () => {
    const page = await openDashboard(browser(), smsim(), '#/phones', PHONE)
    await page.locator('.sms').first().waitFor()
    const controls = await markControls(page)
    expect(await tabThrough(page, controls)).toEqual({ missed: [], unseen: [] })
    const overflow = await page.evaluate<number>(
      'document.documentElement.scrollWidth - window.innerWidth',
    )
    expect(overflow, 'nothing wider than the screen').toBeLessThanOrEqual(0)
    await page.close()
  })
})
