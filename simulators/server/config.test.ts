import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { BadConfigError } from '../core/errors.ts'
import { PROVIDERS } from '../providers.ts'
import { checkConfig, loadConfig } from './config.ts'

/** The message `checkConfig` refuses `raw` with. */
function refusal(raw: unknown): string {
  try {
    checkConfig(raw, PROVIDERS, 'smsim.yaml')
  } catch (error) {
    expect(error).toBeInstanceOf(BadConfigError)
    return (error as Error).message
  }
  throw new Error('the config was accepted')
}

const ACCOUNT = { provider: 'smstob', id: 'ecole@example.fr', secret: 'XV65JU', credits: 3 }

describe('a config file', () => {
  it('is read when every key is known', () => {
    expect(
      checkConfig(
        {
          demo: false,
          clock: { now: '2026-01-05T09:00:00+01:00', frozen: true },
          accounts: [{ ...ACCOUNT, options: { duplicateCheck: false } }],
          numbers: { '0611223344': { status: 'absent', backAfterMs: 60_000 } },
        },
        PROVIDERS,
      ),
    ).toEqual({
      demo: false,
      clock: { now: '2026-01-05T09:00:00+01:00', frozen: true },
      accounts: [{ ...ACCOUNT, options: { duplicateCheck: false } }],
      numbers: [{ number: '+33611223344', state: { status: 'absent', backAfterMs: 60_000 } }],
      callbackAllow: [],
    })
  })

  it('refuses an unknown key inside an account, naming the known ones', () => {
    expect(refusal({ accounts: [{ ...ACCOUNT, credit: 3 }] })).toMatchInlineSnapshot(
      `"smsim.yaml: accounts[0]: unknown key credit; known: provider, id, secret, credits, options"`,
    )
  })

  it('refuses an unknown key inside a number entry, and in the clock', () => {
    expect(refusal({ numbers: { '0611223344': { status: 'absent', backAfter: 60 } } })).toBe(
      'smsim.yaml: numbers."0611223344": unknown key backAfter; known: status, backAfterMs',
    )
    expect(refusal({ clock: { now: '2026-01-05T09:00:00+01:00', frozen: true, zone: 'x' } })).toBe(
      'smsim.yaml: clock: unknown key zone; known: now, frozen',
    )
  })

  it('refuses an unknown key at the top, as it always did', () => {
    expect(refusal({ acounts: [] })).toBe(
      'smsim.yaml: unknown key acounts; known: demo, accounts, clock, numbers, callbackAllow, dataDir',
    )
  })

  it('reports every problem of the file at once, each with where it is', () => {
    expect(
      refusal({
        demo: 'no',
        accounts: [
          { ...ACCOUNT, pass: 'x' },
          { provider: 'nokia', id: '' },
        ],
        numbers: { '12': { status: 'gone' }, '0611223344': { status: 'absent', backAfterMs: -1 } },
        extra: true,
      }),
    ).toMatchInlineSnapshot(`
      "smsim.yaml: 8 problems:
        - unknown key extra; known: demo, accounts, clock, numbers, callbackAllow, dataDir
        - demo must be true or false
        - accounts[0]: unknown key pass; known: provider, id, secret, credits, options
        - accounts[1].provider must be one of smstob, aspsms, allmysms, isendpro
        - accounts[1].id must be a non-empty string
        - numbers: "12" is not a phone number
        - numbers."12".status must be one of ok, unassigned, blacklisted, mvno, absent, memory-full, rejected
        - numbers."0611223344".backAfterMs must be a number ≥ 0"
    `)
  })

  it('reads dataDir relative to the file, and refuses one that is not a path', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'smsim-config-'))
    try {
      const file = join(dir, 'smsim.yaml')
      writeFileSync(file, 'dataDir: state\n')
      expect((await loadConfig(file, PROVIDERS)).dataDir).toBe(join(dir, 'state'))
      expect(refusal({ dataDir: 3 })).toBe('smsim.yaml: dataDir must be the path of a directory')
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })
})
