/**
 * The runner and the certifier against a running smsim started with `--control-token`: they
 * pass the token on every control call when given it (`--control-token` or
 * SMSIM_CONTROL_TOKEN), and stop at once with what to do when they were not, or were given
 * another.
 */
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { certifyCommand } from '../../conformance/certify/cli.ts'
import { conformanceCommand, type ConformanceConsole } from '../../conformance/cli.ts'
import { startTestSmsim, type TestSmsim } from '../../simulators/testing.ts'

const TOKEN = 'runner-token-0123456789'

function recordingConsole(): ConformanceConsole & { text: () => string } {
  const lines: string[] = []
  return {
    out: (t) => void lines.push(t),
    err: (t) => void lines.push(t),
    color: false,
    text: () => lines.join(''),
  }
}

let smsim: TestSmsim
let dir: string
beforeAll(async () => {
  smsim = await startTestSmsim({ controlToken: TOKEN })
  dir = await mkdtemp(join(tmpdir(), 'smsim-token-'))
})
afterAll(async () => {
  await smsim.close()
  await rm(dir, { recursive: true, force: true })
})
afterEach(() => {
  delete process.env.SMSIM_CONTROL_TOKEN
})

/** A run of a few SMStoB scenarios that set up accounts and read messages through control. */
const run = (extra: Record<string, string> = {}) => {
  const io = recordingConsole()
  const status = conformanceCommand(
    { target: smsim.url, suite: 'smstob-http', scenario: 'smstob-http/code-8*', ...extra },
    io,
  )
  return status.then((code) => ({ code, text: io.text() }))
}

describe('smsim conformance --target URL of an smsim with a control token', () => {
  it('runs with --control-token, every control call authorised', async () => {
    const { code, text } = await run({ controlToken: TOKEN })
    expect(text).not.toMatch(/401/)
    expect(code).toBe(0)
  })

  it('runs with SMSIM_CONTROL_TOKEN in the environment', async () => {
    process.env.SMSIM_CONTROL_TOKEN = TOKEN
    expect((await run()).code).toBe(0)
  })

  it('exits 2 at once, saying which option to pass, without the token', async () => {
    const { code, text } = await run()
    expect(code).toBe(2)
    expect(text).toBe(
      `smsim conformance: ${smsim.url} needs a control token: pass the one it was started with as --control-token or SMSIM_CONTROL_TOKEN\n`,
    )
  })

  it('exits 2 with a wrong token', async () => {
    const { code, text } = await run({ controlToken: 'not-the-token-0123456789' })
    expect(code).toBe(2)
    expect(text).toMatch(/refused the control token given/)
  })

  it('refuses --control-token with the embedded target, which has none', async () => {
    const io = recordingConsole()
    expect(await conformanceCommand({ controlToken: TOKEN }, io)).toBe(2)
    expect(io.text()).toMatch(/--control-token applies only to a --target URL/)
  })
})

describe('smsim certify --target URL of an smsim with a control token', () => {
  const school = {
    school: 'ESF Tignes',
    code: '73001',
    userKey: 'ESFTIGNES73001',
    password: 'neige-2026',
    phone: '0612345678',
  }

  it('certifies with --control-token', async () => {
    const io = recordingConsole()
    const status = await certifyCommand(
      { ...school, target: smsim.url, controlToken: TOKEN, outputDir: join(dir, 'ok') },
      io,
      () => Date.UTC(2026, 0, 6, 9),
    )
    expect(io.text()).toContain('CERTIFIED')
    expect(status).toBe(0)
  })

  it('exits 2 without it', async () => {
    const io = recordingConsole()
    const status = await certifyCommand(
      { ...school, target: smsim.url, outputDir: join(dir, 'no') },
      io,
      Date.now,
    )
    expect(status).toBe(2)
    expect(io.text()).toMatch(/needs a control token/)
  })
})
