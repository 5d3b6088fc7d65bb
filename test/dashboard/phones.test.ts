/**
 * The Phones view in Debian's Chromium (test/support/dashboard.ts): what the phones received, as
 * they show it, and live — an SMS sent by a plain HTTP request appears without a reload, a
 * deferred one is released when the clock is moved from the dashboard. Time is the simulator's
 * clock, frozen: nothing here sleeps.
 */
import { describe, expect, it } from 'vitest'
import {
  hasChromium,
  liveMode,
  openDashboard,
  pageErrors,
  useBrowser,
} from '../support/dashboard.ts'
import { useTestSmsim } from '../support/smsim.ts'

/** Monday 5 January 2026, 09:00 in Paris. */
const START = '2026-01-05T09:00:00+01:00'
const TOKEN = 'phones-token-0123456789'

interface Sms {
  id: string
  status: string
}

const smstob = (base: string, query: string) =>
  fetch(`${base}/smstob/http.php?email=demo@smstob.test&pass=demo&${query}`).then((r) => r.text())

describe.skipIf(!hasChromium)('the Phones view', () => {
  const smsim = useTestSmsim({ demo: true, clock: { now: START, frozen: true } })
  const browser = useBrowser('dashboard/phones')

  it('shows an SMS sent with a plain HTTP request on its phone within 1 s, without a reload', async () => {
    const page = await openDashboard(browser(), smsim(), '#/phones?to=%2B33660919010')
    await page.waitForSelector('.phone-number:text("+33 6 60 91 90 10")')
    let navigations = 0
    page.on('framenavigated', () => (navigations += 1))
    const mode = await liveMode(page)
    const pollMs = await page.evaluate<number>(
      'import("/_smsim/dashboard/live.js").then((live) => live.POLL_INTERVAL_MS)',
    )
    const sent = performance.now()
    const text = 'Bonjour à tous,\n  rendez-vous à 9 h'
    expect(await smstob(smsim().url, `numero=0660919010&message=${encodeURIComponent(text)}`)).toBe(
      '80',
    )
    const [sms] = await smsim().control.get<Sms[]>('/messages?to=0660919010')
    const bubble = page.locator(`.sms[data-id="${sms!.id}"]`)
    await bubble.waitFor({ timeout: 5000 })
    const elapsed = performance.now() - sent
    // Over the event stream, within 1 s; a smsim without it is polled once a second.
    expect(elapsed, `${mode}: ${Math.round(elapsed)} ms`).toBeLessThan(
      mode === 'events' ? 1000 : 1000 + pollMs,
    )
    expect(navigations).toBe(0)
    expect(await bubble.locator('.sms-text').textContent()).toBe(text)
    expect(await bubble.locator('.sms-head time').textContent()).toBe(
      'Mon, 05 Jan 2026, 09:00:00 CET',
    )
    expect(await bubble.locator('.badge').allTextContents()).toEqual(['GSM-7', '1 part'])
    expect(await bubble.getAttribute('data-status')).toBe('delivered')
    expect(pageErrors(page)).toEqual([])
    await page.close()
  })

  it('shows an ASPSMS flash SMS in UCS-2, in Zurich time, with its parts and sender', async () => {
    const text = 'Grüezi 👋 '.repeat(10).trim()
    const response = await fetch(`${smsim().url}/aspsms/json/SendTextSMS`, {
      method: 'POST',
      body: JSON.stringify({
        UserName: 'DEMOASPSMS',
        Password: 'demo',
        Originator: 'ESF Verbier',
        Recipients: ['+41791234567'],
        MessageText: text,
        FlashingSMS: 'True',
      }),
    })
    expect(await response.json()).toMatchObject({ StatusCode: '1' })
    const page = await openDashboard(browser(), smsim(), '#/phones?to=%2B41791234567')
    const bubble = page.locator('.sms').first()
    await bubble.waitFor()
    expect(await bubble.locator('.sms-from').textContent()).toBe('ESF Verbier')
    expect(await bubble.locator('.sms-text').textContent()).toBe(text)
    const [sms] = await smsim().control.get<{ segments: number }[]>('/messages?to=%2B41791234567')
    expect(sms!.segments).toBeGreaterThan(1)
    expect(await bubble.locator('.badge').allTextContents()).toEqual([
      'UCS-2',
      `${sms!.segments} parts`,
      'flash',
    ])
    expect(await bubble.getAttribute('class')).toContain('sms-flash')
    expect(await bubble.locator('.sms-head time').textContent()).toBe(
      'Mon, 05 Jan 2026, 09:00:00 CET',
    )
    expect(await bubble.locator('.sms-head time').getAttribute('datetime')).toBe(
      '2026-01-05T08:00:00.000Z',
    )
    await page.close()
  })

  it('releases a deferred SMS when the clock is advanced from the dashboard', async () => {
    // diff is Europe/Paris wall time, hhmmjjmmaaaa: 10:00 on 5 January 2026, an hour from now.
    expect(await smstob(smsim().url, 'numero=0660919011&message=Plus+tard&diff=100005012026')).toBe(
      '81',
    )
    const page = await openDashboard(browser(), smsim(), '#/phones?to=%2B33660919011')
    const bubble = page.locator('.sms').first()
    await bubble.waitFor()
    expect(await bubble.getAttribute('data-status')).toBe('scheduled')
    expect(await bubble.locator('.sms-status').textContent()).toBe(
      'scheduled Scheduled for Mon, 05 Jan 2026, 10:00:00 CET',
    )

    await page.getByRole('link', { name: 'Clock, numbers, faults' }).click()
    await page.getByRole('button', { name: 'Advance the clock 1 h' }).click()
    await page.waitForSelector('#notice:text("Clock moved 1 h on")')
    expect(await smsim().control.get('/clock')).toMatchObject({ now: '2026-01-05T09:00:00.000Z' })

    await page.getByRole('link', { name: 'Phones' }).click()
    await page.waitForSelector('.sms[data-status="delivered"]')
    expect(await page.locator('.sms .sms-status').textContent()).toBe(
      'delivered Delivered 10:00:00 CET',
    )
    expect((await smsim().control.get<Sms[]>('/messages?to=0660919011'))[0]?.status).toBe(
      'delivered',
    )
    expect(pageErrors(page)).toEqual([])
    await page.close()
  })
})

describe.skipIf(!hasChromium)('the Phones view of a smsim with a control token', () => {
  const smsim = useTestSmsim({ demo: true, controlToken: TOKEN })
  const browser = useBrowser('dashboard/phones')

  it('asks for the token once, keeps it for the tab, and shows the phones', async () => {
    expect(await smstob(smsim().url, 'numero=0660919010&message=Bonjour')).toBe('80')
    const page = await browser().newPage()
    await page.goto(`${smsim().url}/#/phones`)
    const dialog = page.getByRole('dialog', { name: 'Control token' })
    await dialog.waitFor()
    await dialog.getByLabel('Token').fill(TOKEN)
    await dialog.getByRole('button', { name: 'Use this token' }).click()
    await page.waitForSelector('.sms-text:text("Bonjour")')
    await page.reload()
    await page.waitForSelector('.sms-text:text("Bonjour")')
    expect(await dialog.isVisible()).toBe(false)
    expect(pageErrors(page)).toEqual([])
    await page.close()
  })
})

describe.skipIf(!hasChromium)('the Phones view over an event stream', () => {
  const smsim = useTestSmsim({ demo: true, clock: { now: START, frozen: true } })
  const browser = useBrowser('dashboard/phones')

  it('shows the SMS an `sms` event carries, read with fetch from GET /_smsim/events', async () => {
    const page = await browser().newPage()
    /** The stream answers when the test says: until then the page neither streams nor polls. */
    let open: (body: string) => void = () => undefined
    const opened = new Promise<string>((resolve) => (open = resolve))
    const asked: Record<string, string>[] = []
    await page.route('**/_smsim/events', async (route) => {
      asked.push(route.request().headers())
      await route.fulfill({
        status: 200,
        headers: { 'content-type': 'text/event-stream', 'cache-control': 'no-store' },
        body: await opened,
      })
    })
    await page.goto(`${smsim().url}/#/phones?to=%2B33660919012`)
    await page.waitForSelector('.phone-number:text("+33 6 60 91 90 12")')
    // From now on the lists cannot be read again: only the event can bring the SMS.
    await page.route('**/_smsim/messages*', (route) => route.abort())
    expect(await smstob(smsim().url, 'numero=0660919012&message=Par+le+flux')).toBe('80')
    const [sms] = await smsim().control.get<Sms[]>('/messages?to=0660919012')
    // A keep-alive comment, a CRLF line end, and `retry` long enough not to reconnect meanwhile.
    open(`: keep-alive\r\nretry: 600000\nid: 7\nevent: sms\ndata: ${JSON.stringify(sms)}\n\n`)
    await page.waitForSelector(`.sms[data-id="${sms!.id}"] .sms-text:text("Par le flux")`)
    expect(asked[0]).toMatchObject({ accept: 'text/event-stream' })
    expect(asked[0]).not.toHaveProperty('authorization')
    await page.close()
  })
})
