/**
 * The demo account `npm start` prints, with ready-to-paste `swaks` and `curl --mail-rcpt` lines:
 * the curl line is run as printed, against smsim's SMTP port.
 */
import { exec } from 'node:child_process'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { readIsendproNot } from '../../client/isendpro/replies.ts'
import type { Mail, Sms } from '../../simulators/core/model.ts'
import { maskSecret } from '../../simulators/core/secrets.ts'
import { isendproUsage } from '../../simulators/isendpro/index.ts'
import { startTestSmsim, type TestSmsim } from '../../simulators/testing.ts'

const run = promisify(exec)
const hasCurlSmtp = await run('curl --version')
  .then(({ stdout }) => /Protocols:.*\bsmtp\b/.test(stdout))
  .catch(() => false)
const hasSwaks = await run('swaks --version')
  .then(() => true)
  .catch(() => false)

describe('the iSendPro demo account', () => {
  let smsim: TestSmsim
  beforeAll(async () => {
    smsim = await startTestSmsim({
      demo: true,
      // A Sunday evening: the demo account's commercial-window restriction is lifted.
      clock: { now: '2026-01-11T21:00:00+01:00', frozen: true },
    })
  })
  afterAll(() => smsim.close())

  it('is printed in the banner with the SMTP port smsim listens on', () => {
    expect(smsim.banner()).toContain(
      `iSendPro keyid a296464ce012b8ab710a   1000 credits   from *@masociete.com   mail to sendsms@isendpro-api.com on smtp://127.0.0.1:${smsim.smtp.port}`,
    )
  })

  it.skipIf(!hasCurlSmtp)('sends an SMS with the printed curl line, as pasted', async () => {
    const line = isendproUsage(smsim.url, smsim.smtp)[2]!.trim()
    await run(line, { shell: '/bin/bash', timeout: 10_000 })
    expect(await smsim.control.get<Sms[]>('/messages?provider=isendpro')).toEqual([
      expect.objectContaining({
        // The keyid is the credential: the control API shows it masked (core/secrets.ts).
        account: maskSecret('a296464ce012b8ab710a'),
        to: '+33660919010',
        text: 'Bonjour',
      }),
    ])
    const [not] = await smsim.control.get<Mail[]>('/mails?to=not@masociete.com')
    expect(readIsendproNot(not!)?.entries).toEqual([expect.objectContaining({ code: 0 })])
    expect(
      (await smsim.control.get<{ credits: number }>('/accounts/isendpro/a296464ce012b8ab710a'))
        .credits,
    ).toBe(999)
  })

  it.skipIf(!hasSwaks)('sends an SMS with the printed swaks line, as pasted', async () => {
    const line = isendproUsage(smsim.url, smsim.smtp)[1]!.trim()
    const before = (await smsim.control.get<Sms[]>('/messages?provider=isendpro')).length
    await run(line, { shell: '/bin/bash', timeout: 10_000 })
    const after = await smsim.control.get<Sms[]>('/messages?provider=isendpro')
    expect(after.slice(before)).toEqual([
      expect.objectContaining({ to: '+33660919010', text: 'Bonjour' }),
    ])
  })

  it('sends an SMS with the printed REST curl line, as pasted', async () => {
    const line = isendproUsage(smsim.url, smsim.smtp)[4]!.trim()
    const { stdout } = await run(line, { shell: '/bin/bash', timeout: 10_000 })
    expect(JSON.parse(stdout)).toEqual({
      etat: {
        etat: [
          { code: 0, tel: '0660919010', message: 'Votre message a bien ete envoye', smslong: '1' },
        ],
      },
    })
  })
})
