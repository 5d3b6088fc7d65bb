/**
 * What smsim serves for the dashboard and around it, over real HTTP: the page at `/`, its files
 * under `/_smsim/dashboard/` (and nothing else of that folder), the index at `/_smsim/`, the
 * banner's URL, and `POST /_smsim/try/mail` — a real SMTP session with smsim's own gateway.
 * The page in a browser is tested in test/dashboard/.
 */
import { readdirSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { DASHBOARD_CSP, DASHBOARD_DIR } from '../../simulators/dashboard/serve.ts'
import { rawHttp } from '../support/raw-http.ts'
import { useTestSmsim } from '../support/smsim.ts'

const TOKEN = 'dashboard-token-0123456789'

describe('the dashboard and the index', () => {
  const smsim = useTestSmsim({ demo: true })

  it('serves the dashboard at /, under a policy that allows only its own files', async () => {
    const page = await fetch(`${smsim().url}/`)
    expect(page.status).toBe(200)
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8')
    expect(page.headers.get('content-security-policy')).toBe(DASHBOARD_CSP)
    expect(page.headers.get('x-content-type-options')).toBe('nosniff')
    const html = await page.text()
    expect(html).toContain('<script type="module" src="/_smsim/dashboard/app.js"></script>')
    expect(html).toContain('href="/_smsim/dashboard/dashboard.css"')
  })

  it('preloads every module of the page at once, and each one is served', async () => {
    const html = await (await fetch(`${smsim().url}/`)).text()
    const preloaded = [...html.matchAll(/rel="modulepreload" href="\/_smsim\/dashboard\/([^"]+)"/g)]
    const modules = readdirSync(DASHBOARD_DIR).filter((f) => f.endsWith('.js') && f !== 'app.js')
    expect(preloaded.map((m) => m[1]).sort()).toEqual(modules.sort())
    for (const file of modules)
      expect((await fetch(`${smsim().url}/_smsim/dashboard/${file}`)).status, file).toBe(200)
  })

  it('serves the scripts and the style sheet, with their types, revalidated on each load', async () => {
    for (const [file, type] of [
      ['app.js', 'text/javascript; charset=utf-8'],
      ['phones.js', 'text/javascript; charset=utf-8'],
      ['dashboard.css', 'text/css; charset=utf-8'],
    ]) {
      const response = await fetch(`${smsim().url}/_smsim/dashboard/${file}`)
      expect(response.status, file).toBe(200)
      expect(response.headers.get('content-type'), file).toBe(type)
      expect(response.headers.get('cache-control'), file).toBe('no-cache')
      // fetch would add `Cache-Control: no-cache` to a conditional request: node:http does not.
      const again = await rawHttp(smsim().url, {
        path: `/_smsim/dashboard/${file}`,
        headers: { 'if-none-match': response.headers.get('etag')! },
      })
      expect(again.status, file).toBe(304)
    }
  })

  it('serves nothing else of the folder: not its TypeScript, its config or what is above it', async () => {
    for (const path of [
      '/_smsim/dashboard/serve.ts',
      '/_smsim/dashboard/tsconfig.json',
      '/_smsim/dashboard/index.html',
      '/_smsim/dashboard/missing.js',
      '/_smsim/dashboard/%2e%2e/%2e%2e/package.json',
      '/_smsim/dashboard/../../package.json',
      '/_smsim/dashboard/.hidden.js',
    ]) {
      const answer = await rawHttp(smsim().url, { path })
      expect(answer.status, path).toBe(404)
      expect(answer.body, path).not.toContain('"version"')
    }
  })

  it('answers /_smsim/ with links: HTML to a browser, JSON to everything else', async () => {
    const html = await fetch(`${smsim().url}/_smsim/`, {
      headers: { accept: 'text/html,application/xhtml+xml,*/*;q=0.8' },
    })
    expect(html.headers.get('content-type')).toBe('text/html; charset=utf-8')
    const text = await html.text()
    for (const href of ['"/"', '"/_smsim/openapi.json"', '"/_smsim/health"'])
      expect(text).toContain(`href=${href}`)
    const json = await fetch(`${smsim().url}/_smsim/`)
    expect(await json.json()).toEqual({
      name: 'smsim',
      version: '0.1.0',
      links: { dashboard: '/', openapi: '/_smsim/openapi.json', health: '/_smsim/health' },
    })
    expect((await fetch(`${smsim().url}/_smsim`)).status).toBe(200)
  })

  it('prints the dashboard URL first in the banner', () => {
    expect(smsim().banner().split('\n')[1]).toBe(
      `  dashboard    ${smsim().url}/   (the phones, outbox, accounts, journal, clock; try each provider)`,
    )
  })

  it('lists each provider’s fault codes, as the dashboard offers them', async () => {
    const providers =
      await smsim().control.get<{ id: string; faultCodes: number[] }[]>('/providers')
    expect(Object.fromEntries(providers.map((p) => [p.id, p.faultCodes]))).toMatchObject({
      smstob: [],
      aspsms: [2, 6, 7, 24],
    })
  })
})

describe('the dashboard of a smsim with a control token', () => {
  const smsim = useTestSmsim({ controlToken: TOKEN })

  it('serves the page, its files and the index without the token, and no data', async () => {
    for (const path of ['/', '/_smsim/', '/_smsim/dashboard/app.js', '/_smsim/dashboard/api.js'])
      expect((await fetch(`${smsim().url}${path}`)).status, path).toBe(200)
    expect((await fetch(`${smsim().url}/_smsim/accounts`)).status).toBe(401)
    expect((await fetch(`${smsim().url}/_smsim/try/mail`, { method: 'POST' })).status).toBe(401)
  })
})

describe('POST /_smsim/try/mail', () => {
  const smsim = useTestSmsim({ demo: true })
  const tryMail = (body: unknown, headers: Record<string, string> = {}) =>
    fetch(`${smsim().url}/_smsim/try/mail`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify(body),
    })

  it("sends the mail through smsim's gateway and answers the reply and the provider's code", async () => {
    const response = await tryMail({
      from: 'you@example.com',
      to: 'mail2sms@allmysms.com',
      subject: 'arthur45@de135f8d2a091e4|0660919010',
      text: 'Bonjour',
    })
    expect(response.status).toBe(200)
    const answer = (await response.json()) as {
      smtp: { code: number; response: string; accepted: string[] }
      messageId: string
      journal: { provider: string; transport: string; code: number }[]
      mails: unknown[]
    }
    expect(answer.smtp).toMatchObject({ code: 250, accepted: ['mail2sms@allmysms.com'] })
    expect(answer.smtp.response).toMatch(/^250 .*allmysms/)
    expect(answer.journal).toMatchObject([{ provider: 'allmysms', transport: 'smtp', code: 100 }])
    expect(answer.mails).toEqual([])
    const sms = await smsim().control.get<{ text: string }[]>('/messages?provider=allmysms')
    expect(sms.map((s) => s.text)).toEqual(['Bonjour'])
  })

  it('answers the mails the provider sent back, the credentials they quote masked', async () => {
    const answer = (await (
      await tryMail({
        from: 'demo@smstob.test',
        to: 'sms.demo@smstob.com',
        subject: '0660545465',
        text: 'Bonjour par mail',
      })
    ).json()) as { journal: { code: number }[]; mails: { to: string; subject: string }[] }
    expect(answer.journal).toMatchObject([{ code: 80 }])
    expect(answer.mails).toMatchObject([
      { to: 'demo@smstob.test', subject: "SMStoB : confirmation d'envoi (80)" },
    ])
  })

  it("answers the gateway's refusal as the reply it is", async () => {
    const answer = (await (
      await tryMail({ from: 'you@example.com', to: 'nobody@example.com', text: 'x' })
    ).json()) as { smtp: { code: number; response: string }; journal: unknown[] }
    expect(answer.smtp.code).toBe(550)
    expect(answer.smtp.response).toMatch(/^550 /)
  })

  it('refuses a body without its addresses, and a page of another site', async () => {
    const missing = await tryMail({ to: 'mail2sms@allmysms.com' })
    expect(missing.status).toBe(400)
    expect(await missing.json()).toEqual({ error: '"from" must be a non-empty string' })
    const long = await tryMail({ from: `${'a'.repeat(300)}@example.com`, to: 'x@example.com' })
    expect(long.status).toBe(400)
    const foreign = await tryMail(
      { from: 'you@example.com', to: 'mail2sms@allmysms.com' },
      { origin: 'http://evil.example', 'sec-fetch-site': 'cross-site' },
    )
    expect(foreign.status).toBe(403)
  })
})
