import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { loadAppConfig, parseAppConfig, substitute } from './config.ts'

const FILE = resolve('/apps/school/smsim.app.yaml')
const valid = {
  provider: 'smstob',
  account: { id: 'app@ecole.test', secret: 'pw' },
  trigger: { command: 'node send.js' },
}
const problem = (data: unknown) => {
  try {
    parseAppConfig(data, FILE)
  } catch (error) {
    return (error as Error).message.replace(/^.*?smsim\.app\.yaml: /, '')
  }
  return 'accepted'
}

describe('an application config', () => {
  it('reads the sample application config, with its folder as the working directory', async () => {
    const config = await loadAppConfig('examples/sample-app/smsim.app.yaml')
    expect(config).toMatchObject({
      provider: 'smstob',
      account: { id: 'sample-app@ecole.test', secret: 'sample-secret' },
      trigger: {
        command: 'node send.js',
        cwd: resolve('examples/sample-app'),
        env: { SMSTOB_URL: '${SMSIM_URL}', SMS_TIMEOUT_MS: '5000' },
      },
      timeoutMs: 10000,
      file: resolve('examples/sample-app/smsim.app.yaml'),
    })
  })

  it('resolves a relative cwd against the config file, not the current directory', () => {
    const config = parseAppConfig({ ...valid, trigger: { command: 'x', cwd: '../api' } }, FILE)
    expect(config.trigger).toEqual({ command: 'x', cwd: resolve('/apps/api') })
  })

  it('takes an HTTP trigger as written', () => {
    const trigger = { http: { url: 'http://app:3000/sms', body: { to: '${to}', text: '${text}' } } }
    expect(parseAppConfig({ ...valid, trigger }, FILE).trigger).toEqual(trigger)
  })

  it('names each wrong field', () => {
    expect(problem({ provider: 'twilio', account: { id: '' } })).toMatchInlineSnapshot(
      `"provider: Invalid option: expected one of "smstob"|"aspsms"|"allmysms"|"isendpro"; account.id: the account id is empty; account.secret: the secret the application sends (a string; empty when the provider has none); trigger: needs \`command: …\` or \`http: { url: … }\`"`,
    )
  })

  it('refuses a variable it does not know, listing those it does', () => {
    expect(
      problem({ ...valid, trigger: { command: 'x', env: { URL: '${SMSIM_BASE}' } } }),
    ).toMatchInlineSnapshot(
      `"trigger.env.URL: unknown variable \${SMSIM_BASE} (known: SMSIM_URL, SMSIM_HTTP, SMSIM_SMTP_HOST, SMSIM_SMTP_PORT, SMSIM_PROVIDER, SMSIM_ACCOUNT, SMSIM_SECRET, SMS_TO, SMS_TEXT, to, text)"`,
    )
  })

  it('refuses an HTTP trigger without an http URL, and unknown keys', () => {
    expect(
      problem({ ...valid, trigger: { http: { url: 'app:3000/sms', verb: 'POST' } }, retries: 2 }),
    ).toMatchInlineSnapshot(
      `"trigger.http.url: an http:// or https:// URL; trigger.http: Unrecognized key: "verb"; (top): Unrecognized key: "retries""`,
    )
  })

  it('says when the file is not YAML or cannot be read', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'smsim-app-'))
    writeFileSync(join(dir, 'bad.yaml'), 'provider: [smstob\n')
    await expect(loadAppConfig(join(dir, 'bad.yaml'))).rejects.toThrow(/bad\.yaml: not YAML: /)
    await expect(loadAppConfig(join(dir, 'none.yaml'))).rejects.toThrow(
      /none\.yaml: cannot read it: ENOENT/,
    )
  })
})

describe('substitute', () => {
  it('replaces the variables it has and leaves the others', () => {
    expect(substitute('${SMSIM_URL}/json?u=${X}', { SMSIM_URL: 'http://h/aspsms' })).toBe(
      'http://h/aspsms/json?u=${X}',
    )
  })

  it('encodes values for a URL when asked', () => {
    expect(substitute('/sms?to=${to}', { to: '+33 6' }, encodeURIComponent)).toBe(
      '/sms?to=%2B33%206',
    )
  })
})
