/**
 * The demo account `npm start` prints, with a ready-to-paste `curl --mail-rcpt` line: the line
 * is run as printed, against smsim's SMTP port.
 */
import { exec } from 'node:child_process'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { allmysmsUsage } from '../../simulators/allmysms/index.ts'
import type { Sms } from '../../simulators/core/model.ts'
import { startTestSmsim, type TestSmsim } from '../../simulators/testing.ts'

const run = promisify(exec)
const hasCurlSmtp = await run('curl --version')
  .then(({ stdout }) => /Protocols:.*\bsmtp\b/.test(stdout))
  .catch(() => false)

describe('the demo account', () => {
  let smsim: TestSmsim
  beforeAll(async () => {
    smsim = await startTestSmsim({
      demo: true,
      clock: { now: '2026-01-05T09:00:00+01:00', frozen: true },
    })
  })
  afterAll(() => smsim.close())

  it('is printed in the banner with the SMTP port smsim listens on', () => {
    expect(smsim.banner()).toContain(
      `allmysms login arthur45   apiKey de135f8d2a091e4   1000 credits   Mail2SMS to mail2sms@allmysms.com on smtp://127.0.0.1:${smsim.smtp.port}`,
    )
  })

  it.skipIf(!hasCurlSmtp)('sends an SMS with the printed curl line, as pasted', async () => {
    const line = allmysmsUsage(smsim.url, smsim.smtp)[2]!.trim()
    await run(line, { shell: '/bin/bash', timeout: 10_000 })
    expect(await smsim.control.get<Sms[]>('/messages?provider=allmysms')).toEqual([
      expect.objectContaining({ account: 'arthur45', to: '+33660919010', text: 'Bonjour' }),
    ])
    expect(
      (await smsim.control.get<{ credits: number }>('/accounts/allmysms/arthur45')).credits,
    ).toBe(999)
  })

  it('sends an SMS with the printed HTTP API curl line, as pasted', async () => {
    const line = allmysmsUsage(smsim.url, smsim.smtp)[3]!.trim()
    const { stdout } = await run(line, { shell: '/bin/bash', timeout: 10_000 })
    expect(JSON.parse(stdout)).toMatchObject({ status: 100, nbContacts: '1' })
    expect(await smsim.control.get<Sms[]>('/messages?provider=allmysms')).toContainEqual(
      expect.objectContaining({ account: 'arthur45', transport: 'http', to: '+33660919010' }),
    )
  })
})
