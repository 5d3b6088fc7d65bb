/**
 * The Accounts and Journal views in Debian's Chromium: an account created, given credits and
 * deleted through the control API's routes from the page — an iSendPro one too, whose keyid
 * every read masks — and the journal's entries with their code's meaning.
 */
import { describe, expect, it } from 'vitest'
import { hasChromium, openDashboard, pageErrors, useBrowser } from '../support/dashboard.ts'
import { useTestSmsim } from '../support/smsim.ts'

const KEYID = '0123456789abcdef0123'

describe.skipIf(!hasChromium)('the Accounts view', () => {
  const smsim = useTestSmsim({ demo: false })
  const browser = useBrowser('dashboard/accounts')

  it('creates an iSendPro account, changes its credits and deletes it', async () => {
    const page = await openDashboard(browser(), smsim(), '#/accounts')
    await page.getByText('New account').click()
    await page.getByLabel('Provider', { exact: true }).first().selectOption('isendpro')
    await page.getByLabel('Login').fill(KEYID)
    await page.getByLabel('Credits').fill('5')
    await page.getByLabel('Options (JSON)').fill('{"senderDomains": ["ecole.example"]}')
    await page.getByRole('button', { name: 'Create the account' }).click()
    const row = page.locator(`tr[data-key="isendpro/${KEYID}"]`)
    await row.waitFor()
    expect(await row.locator('td.number').textContent()).toBe('5')

    await row.getByRole('button', { name: `Edit iSendPro ${KEYID}` }).click()
    const credits = page.locator('.panel').getByLabel('Credits')
    // The focus went to the editor, its first field.
    await expect
      .poll(() =>
        page.evaluate(`document.activeElement.closest('.panel') && document.activeElement.name`),
      )
      .toBe('credits')
    await credits.fill('42')
    await page.getByRole('button', { name: 'Save' }).click()
    await page.waitForSelector(`tr[data-key="isendpro/${KEYID}"] td.number:text("42")`)
    expect(await smsim().control.get(`/accounts/isendpro/${KEYID}?reveal=secret`)).toMatchObject({
      credits: 42,
      options: { senderDomains: ['ecole.example'] },
    })

    await row.getByRole('button', { name: `Ledger of iSendPro ${KEYID}` }).click()
    await page.locator('.ledger-table tbody tr').first().waitFor()
    expect(await page.locator('.ledger-table tbody tr td.number').first().textContent()).toBe('+37')

    await row.getByRole('button', { name: `Delete iSendPro ${KEYID}` }).click()
    await row.getByRole('button', { name: `Delete ${KEYID} for good` }).click()
    await row.waitFor({ state: 'detached' })
    expect(await smsim().control.get('/accounts')).toEqual([])
    expect(pageErrors(page)).toEqual([])
    await page.close()
  })

  it('says why the control API refused an account, and keeps what was typed', async () => {
    const page = await openDashboard(browser(), smsim(), '#/accounts')
    await page.getByText('New account').click()
    await page.getByLabel('Login').fill('ecole@example.fr')
    await page.getByLabel('Options (JSON)').fill('{not json')
    await page.getByRole('button', { name: 'Create the account' }).click()
    await page.waitForSelector('#notice.notice-error:text("Options: not JSON")')
    expect(await page.getByLabel('Login').inputValue()).toBe('ecole@example.fr')
    await page.close()
  })
})

describe.skipIf(!hasChromium)('the Journal view', () => {
  const smsim = useTestSmsim({ demo: true })
  const browser = useBrowser('dashboard/accounts')

  it('lists each request with its code and what it means, and shows what was read', async () => {
    await fetch(
      `${smsim().url}/smstob/http.php?email=demo@smstob.test&pass=wrong&numero=0660919010&message=x`,
    )
    const page = await openDashboard(browser(), smsim(), '#/journal')
    const row = page.locator('tbody tr[data-seq]').first()
    await row.waitFor()
    expect(await row.locator('.cell-code').textContent()).toBe(
      "82 Le login et/ou mot de passe n'est pas valide",
    )
    await row.getByRole('button').click()
    const detail = page.getByRole('article', { name: 'The entry' })
    await detail.locator('.request-fields').waitFor()
    const read = await detail.locator('.request-fields').textContent()
    expect(read).toContain('"numero": "0660919010"')
    expect(read).not.toContain('wrong')
    await page.getByLabel('Code').fill('80')
    await page.waitForSelector('tbody tr[data-seq]', { state: 'detached' })
    await page.close()
  })
})
