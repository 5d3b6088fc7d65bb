/**
 * Integration certification end to end: the sample application certifies against the embedded
 * smsim, and deliberately broken applications (test/conformance/fixtures/*-app.mjs) fail exactly
 * the scenarios that catch their bug, with messages saying what was expected and what came back.
 */
import { once } from 'node:events'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { resolve } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  loadAppConfig,
  parseAppConfig,
  runIntegration,
  type AppConfig,
} from '../../conformance/integration/app.ts'
import { loadSuites } from '../../conformance/load.ts'
import { runSucceeded } from '../../conformance/model.ts'
import { failed, fixture, messageOf, runOn, SAMPLE, withCommand } from './integration-support.ts'
import { embeddedTarget, urlTarget, type Target } from '../../conformance/target.ts'

let target: Target
beforeAll(async () => {
  target = await embeddedTarget()
})
afterAll(() => target.close())

const run = (config: AppConfig, extra: Parameters<typeof runOn>[2] = {}) =>
  runOn(target, config, extra)

describe('the sample application', () => {
  it('certifies against SMStoB: every scenario passes', async () => {
    const report = await run(await loadAppConfig(resolve(SAMPLE, 'smsim.app.yaml')))
    expect(report.results.map((r) => [r.test, r.status, r.message])).toEqual(
      report.results.map((r) => [r.test, 'PASS', undefined]),
    )
    expect(report.results.length).toBeGreaterThanOrEqual(7)
    expect(runSucceeded(report)).toBe(true)
  })

  it('certifies against ASPSMS: every scenario passes', async () => {
    const report = await run(await loadAppConfig(resolve(SAMPLE, 'smsim.aspsms.app.yaml')))
    expect(report.results.map((r) => [r.test, r.status, r.message])).toEqual(
      report.results.map((r) => [r.test, 'PASS', undefined]),
    )
    expect(report.results.length).toBeGreaterThanOrEqual(6)
  })
})

describe('a broken application', () => {
  it('that retries every refusal 5 times fails the refusal scenarios on its request count', async () => {
    const report = await run(
      await withCommand('smsim.app.yaml', `node ${fixture('retry-app.mjs')}`),
    )
    expect(failed(report)).toEqual([
      'bad-login-82-reported',
      'duplicate-24h-91-reported',
      'invalid-number-84-reported',
      'no-credit-83-reported',
      'outage-http-500-reported',
    ])
    expect(messageOf(report, 'no-credit-83-reported')).toContain(
      'step 2: journal (retrying cannot bring credit back; a loop only hammers the provider): $.length: expected ≤ 2, got 5',
    )
    expect(runSucceeded(report)).toBe(false)
  })

  it('that exits 0 on any failure fails every refusal scenario on its exit status', async () => {
    const report = await run(
      await withCommand('smsim.app.yaml', `node ${fixture('silent-app.mjs')}`),
    )
    expect(failed(report)).toEqual([
      'bad-login-82-reported',
      'duplicate-24h-91-reported',
      'invalid-number-84-reported',
      'no-credit-83-reported',
      'outage-http-500-reported',
    ])
    expect(messageOf(report, 'no-credit-83-reported')).toMatch(
      /^step 1: trigger \(the application must fail and say why \(the code 83 or its text\)\): \$\.ok: expected false, got true; \$\.output: expected text matching .*, got "" — the answer was \{"ok":true,"output":"","exitCode":0/,
    )
  })

  it('that sends every SMS twice fails the scenarios that count one request', async () => {
    const report = await run(
      await withCommand('smsim.app.yaml', `node ${fixture('twice-app.mjs')}`),
    )
    expect(failed(report)).toEqual([
      'blacklisted-number-sent-once',
      'sends-once-accents-euro',
      'sends-once-emoji-ucs2',
    ])
    expect(messageOf(report, 'sends-once-accents-euro')).toMatch(
      /^step 2: journal \(one SMS, one request to http\.php\): \$\.length: expected 1, got 2/,
    )
  })

  it('that garbles its UTF-8 text fails the text scenarios, and misses the duplicate', async () => {
    const report = await run(
      await withCommand('smsim.app.yaml', `node ${fixture('mojibake-app.mjs')}`),
    )
    expect(failed(report)).toEqual([
      'duplicate-24h-91-reported',
      'sends-once-accents-euro',
      'sends-once-emoji-ucs2',
    ])
    expect(messageOf(report, 'sends-once-accents-euro')).toContain(
      `$[0].text: expected "Cours de ski à 9 h 30 : 15 € pour l'élève, forfait compris.", got "Cours de ski Ã\u00a0 9 h 30`,
    )
  })

  it('that sends ASPSMS a number as the user typed it fails the national-number scenario', async () => {
    const report = await run(
      await withCommand('smsim.aspsms.app.yaml', `node ${fixture('national-number-app.mjs')}`),
    )
    expect(failed(report)).toEqual(['national-number-made-international'])
    expect(messageOf(report, 'national-number-made-international')).toContain(
      '$[0].to: expected "+33600000003", got "06 00 00 00 03"; $[0].status: expected "delivered", got "failed"',
    )
  })

  it('that never finishes is TIMEOUT, killed after the trigger timeout', async () => {
    const config = await withCommand('smsim.app.yaml', `node ${fixture('hang-app.mjs')}`)
    const report = await run(config, {
      timeoutMs: 2_000,
      select: (s) => s.id.endsWith('/sends-once-accents-euro'),
    })
    expect(report.results.map((r) => [r.status, r.message])).toEqual([
      [
        'TIMEOUT',
        'step 1: trigger (SMStoB answered 80, so the application must say it succeeded): the application did not finish within 2000 ms (killed); it printed: "sending…"',
      ],
    ])
  })
})

describe('an application triggered over HTTP', () => {
  let app: Server
  let appUrl: string
  beforeAll(async () => {
    // A running application, configured with the target's SMStoB and one account.
    app = createServer((req, res) => {
      let body = ''
      req.on('data', (c: Buffer) => (body += c.toString()))
      req.on('end', async () => {
        const { to, text } = JSON.parse(body) as { to: string; text: string }
        const query = new URLSearchParams({
          email: 'http-app@ecole.test',
          pass: 'pw',
          numero: to,
          message: text,
        })
        const answer = await fetch(`${target.url}/smstob/http.php?${query}`)
        const code = (await answer.text()).trim()
        res.writeHead(code === '80' ? 200 : 502, { 'content-type': 'application/json' })
        res.end(JSON.stringify(code === '80' ? { sent: true } : { error: `SMStoB ${code}` }))
      })
    })
    await new Promise<void>((done) => app.listen(0, '127.0.0.1', done))
    appUrl = `http://127.0.0.1:${(app.address() as AddressInfo).port}`
  })
  afterAll(() => new Promise<void>((done) => app.close(() => done())))

  it('certifies from its answers: 2xx when sent, an error naming the code otherwise', async () => {
    const config = parseAppConfig(
      {
        provider: 'smstob',
        account: { id: 'http-app@ecole.test', secret: 'pw' },
        trigger: { http: { url: `${appUrl}/sms`, body: { to: '${to}', text: '${text}' } } },
      },
      resolve('smsim.app.yaml'),
    )
    const report = await run(config)
    expect(failed(report)).toEqual([])
  })
})

describe('where integration suites run', () => {
  it('against a target that is not smsim runs nothing: each scenario costs credits', async () => {
    // An endpoint that answers, but not as smsim: 404 to everything.
    const server = createServer((_req, res) => res.writeHead(404).end()).listen(0, '127.0.0.1')
    await once(server, 'listening')
    try {
      const { port } = server.address() as AddressInfo
      const foreign = await urlTarget(`http://127.0.0.1:${port}`, { probeTimeoutMs: 2000 })
      expect(foreign.kind).toBe('foreign')
      const config = await loadAppConfig(resolve(SAMPLE, 'smsim.app.yaml'))
      const report = await runIntegration({ config, target: foreign, wallClock: () => 0 })
      expect(new Set(report.results.map((r) => r.status))).toEqual(new Set(['NOTRUN']))
    } finally {
      server.close()
    }
  })

  it('are left out of the default suites: they need an application to trigger', () => {
    let names: string[] = []
    try {
      names = loadSuites().map((s) => s.name)
    } catch (error) {
      // Another folder's suite may not load on its own; ours must not be the reason.
      expect(String(error)).not.toMatch(/integration/)
    }
    expect(names.filter((n) => n.startsWith('integration-'))).toEqual([])
  })

  it('refuses a provider without an integration suite in the suites folder', async () => {
    const config = parseAppConfig(
      { provider: 'isendpro', account: { id: 'x', secret: '' }, trigger: { command: 'true' } },
      resolve('smsim.app.yaml'),
    )
    // scenarios/smstob holds SMStoB's provider suites: no `app` suite for iSendPro there.
    await expect(run(config, { suitesDir: resolve('scenarios/smstob') })).rejects.toThrow(
      /no integration suite for isendpro/,
    )
  })
})
