import { resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import {
  CONFORMANCE_OPTIONS,
  conformanceOptionsMarkdown,
  normalizeConformanceOptions,
} from './cli-options.ts'
import { SCENARIOS_DIR } from './load.ts'

describe('smsim conformance options', () => {
  it('default to every suite of smsim, embedded, on the console', () => {
    expect(normalizeConformanceOptions({})).toEqual({
      target: 'embedded',
      suitesDir: SCENARIOS_DIR,
      reporters: ['default'],
      outputDir: resolve('reports'),
      concurrency: 8,
      timeoutMs: 10_000,
      list: false,
    })
  })

  it('read comma lists, numbers and a foreign target with its credentials', () => {
    const config = normalizeConformanceOptions({
      target: 'https://api.example.com/',
      smtp: 'mail.example.com:587',
      account: 'ecole@example.fr',
      secret: 'XV65JU',
      provider: 'smstob, aspsms',
      reporter: 'default,junit,junit',
      concurrency: '2',
      timeout: '500',
    })
    expect(config).toMatchObject({
      target: 'https://api.example.com',
      smtp: { host: 'mail.example.com', port: 587 },
      credentials: { id: 'ecole@example.fr', secret: 'XV65JU' },
      providers: ['smstob', 'aspsms'],
      reporters: ['default', 'junit'],
      concurrency: 2,
      timeoutMs: 500,
    })
  })

  it('takes console as the name of the default reporter, once', () => {
    expect(normalizeConformanceOptions({ reporter: 'console,html,default' }).reporters).toEqual([
      'default',
      'html',
    ])
  })

  it.each([
    [{ target: 'smsim' }, /--target is "embedded" or an http\(s\) URL/],
    [{ provider: 'twilio' }, /--provider: unknown "twilio" \(known: smstob, aspsms/],
    [{ transport: 'fax' }, /--transport: unknown "fax"/],
    [{ reporter: 'tap' }, /--reporter: unknown "tap"/],
    [{ concurrency: '1.5' }, /--concurrency is a whole number above 0/],
    [{ timeout: '-1' }, /--timeout is a whole number above 0/],
    [{ suite: ' , ' }, /--suite needs at least one name/],
    [{ account: 'a', secret: 'b' }, /--account, --secret apply only to a --target URL/],
    [{ target: 'http://x', account: 'a' }, /--account and --secret go together/],
    [{ target: 'http://x', smtp: 'x' }, /--smtp is host:port/],
  ])('refuse %j with a message naming the option', (flags, message) => {
    expect(() => normalizeConformanceOptions(flags)).toThrow(message)
  })

  it('have a Markdown table with one row per declared option', () => {
    const rows = conformanceOptionsMarkdown().split('\n')
    expect(rows).toHaveLength(CONFORMANCE_OPTIONS.length + 2)
    expect(rows[2]).toBe(
      '| `--target <embedded\\|url>` | what to test: smsim started in this process, or a URL (a running smsim, found by /_smsim/health, or a foreign endpoint) | `embedded` |',
    )
  })
})
