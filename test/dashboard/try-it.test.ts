/**
 * "Try it" in Debian's Chromium: each form sends a real request through the provider's real
 * interface — HTTP from the browser to smsim's provider URL, mail through
 * `POST /_smsim/try/mail` and a real SMTP session — and shows the provider's code and its
 * meaning, read from the provider's code table.
 */
import { describe, expect, it } from 'vitest'
import { hasChromium, openDashboard, pageErrors, useBrowser } from '../support/dashboard.ts'
import { useTestSmsim } from '../support/smsim.ts'

describe.skipIf(!hasChromium)('Try it', () => {
  const smsim = useTestSmsim({
    demo: true,
    clock: { now: '2026-01-05T09:00:00+01:00', frozen: true },
  })
  const browser = useBrowser('dashboard/try-it')

  it("sends SMStoB's http.php from the browser and shows code 80 and what it means", async () => {
    const page = await openDashboard(browser(), smsim(), '#/try')
    const form = page.getByRole('form', { name: 'SMStoB — http.php' })
    await form.getByLabel('numero').fill('0660919020')
    await form.getByLabel('message').fill('Essai depuis le tableau de bord')
    await form.getByRole('button', { name: 'Send through http.php' }).click()
    const result = form.getByRole('region', { name: 'SMStoB’s answer' })
    await result.locator('.code-line').waitFor()
    expect(await result.locator('.code-line').textContent()).toBe(
      'Code 80 — Le message a été envoyé',
    )
    const sms =
      await smsim().control.get<{ text: string; transport: string }[]>('/messages?to=0660919020')
    expect(sms).toMatchObject([{ text: 'Essai depuis le tableau de bord', transport: 'http' }])
    expect(pageErrors(page)).toEqual([])
    await page.close()
  })

  it('sends an SMStoB refusal just as well: a wrong pass is code 82', async () => {
    const page = await openDashboard(browser(), smsim(), '#/try')
    const form = page.getByRole('form', { name: 'SMStoB — http.php' })
    await form.getByLabel('pass').fill('wrong')
    await form.getByRole('button', { name: 'Send through http.php' }).click()
    await form.locator('.code-line').waitFor()
    expect(await form.locator('.code-line').textContent()).toBe(
      "Code 82 — Le login et/ou mot de passe n'est pas valide",
    )
    await page.close()
  })

  it("sends ASPSMS's JSON API from the browser and shows StatusCode 1", async () => {
    const page = await openDashboard(browser(), smsim(), '#/try')
    const form = page.getByRole('form', { name: 'ASPSMS — JSON API, SendTextSMS' })
    await form.getByRole('button', { name: 'Send through the JSON API' }).click()
    await form.locator('.code-line').waitFor()
    expect(await form.locator('.code-line').textContent()).toBe('Code 1 — OK')
    await page.close()
  })

  it('sends an allmysms mail through the SMTP gateway and shows the reply and code 100', async () => {
    const page = await openDashboard(browser(), smsim(), '#/try')
    const form = page.getByRole('form', { name: 'By mail — SMStoB, allmysms, iSendPro' })
    await form.getByLabel('Example').selectOption('allmysms')
    // The account's apiKey comes from the control API (?reveal=secret), not from the page.
    await expect
      .poll(() => form.getByLabel('Subject', { exact: true }).inputValue())
      .toBe('arthur45@de135f8d2a091e4|0660919010')
    await form.getByRole('button', { name: 'Send through the SMTP gateway' }).click()
    await form.locator('.smtp-reply').waitFor()
    expect(await form.locator('.smtp-reply').textContent()).toMatch(/^250 .*allmysms/)
    expect(await form.locator('.code-line').textContent()).toBe(
      'Code 100 — Le message a été envoyé',
    )
    await page.close()
  })

  it('sends an iSendPro <envoi> by mail, and again with a fresh emailId', async () => {
    const page = await openDashboard(browser(), smsim(), '#/try')
    const form = page.getByRole('form', { name: 'By mail — SMStoB, allmysms, iSendPro' })
    await form.getByLabel('Example').selectOption('isendpro')
    for (let i = 0; i < 2; i++) {
      await form.getByRole('button', { name: 'Send through the SMTP gateway' }).click()
      await form.locator('.code-line').waitFor()
      // iSendPro refuses an emailId it has seen (34): the form took a new one after the first.
      expect(await form.locator('.code-line').textContent()).toMatch(/^Code 0 — /)
      await form.locator('.result').evaluate((result) => result.replaceChildren())
    }
    expect(await smsim().control.get<unknown[]>('/messages?provider=isendpro')).toHaveLength(2)
    await page.close()
  })
})
