/**
 * A mail or a recipient refused at the SMTP level, before any provider read it, is in the
 * journal all the same (issue 14): a team whose SMS never came finds the refusal in
 * `GET /_smsim/journal` with its reply code and text, under the provider its recipient names
 * when there is one. Sent over real SMTP sessions; the limits are lowered to reach them.
 *
 * @see simulators/mail/smtp-replies.ts — JOURNALLED_REFUSALS
 */
import { describe, expect, it } from 'vitest'
import type { JournalEntry } from '../../simulators/core/model.ts'
import { MAX_RECIPIENTS_PER_MAIL } from '../../simulators/mail/limits.ts'
import { startTestSmsim } from '../../simulators/testing.ts'
import { FAKE_ADDRESS, rawSmtp, sendRawMail, useGateway } from './helpers.ts'

const MAIL = 'From: ecole@example.fr\r\nSubject: taille\r\n\r\nBonjour\r\n'
/** The lowered mail size of these tests. */
const MAX_BYTES = 4 * 1024

describe('refusals at the SMTP level, in the journal', () => {
  const gateway = useGateway({
    smtpLimits: { maxMailBytes: MAX_BYTES, maxRefusedRecipients: 2, commandLineTimeoutMs: 200 },
  })
  const journal = () => gateway.smsim.control.get<JournalEntry[]>('/journal')

  it('journals a recipient no provider takes with its 550, without a provider', async () => {
    const failure = await gateway.smsim
      .sendMail({ from: 'ecole@example.fr', to: 'friend@gmail.com', text: 'Bonjour' })
      .catch((error: unknown) => error)
    expect(failure).toMatchObject({ responseCode: 550 })
    const [entry, ...rest] = await journal()
    expect(rest).toEqual([])
    expect(entry).toMatchObject({
      transport: 'smtp',
      request: { to: 'friend@gmail.com', from: 'ecole@example.fr' },
      status: 550,
    })
    expect(entry).not.toHaveProperty('provider')
    expect(entry!.note).toMatch(
      /^<friend@gmail\.com>: relay access denied; smsim takes mail only for /,
    )
  })

  it('journals a refused address at a provider’s domain under that provider', async () => {
    const smtp = rawSmtp(gateway.port)
    await smtp.greeting
    await smtp.command('EHLO client.example')
    await smtp.command('MAIL FROM:<ecole@example.fr>')
    expect((await smtp.command('RCPT TO:<mail2sms@AllMySMS.fr>')).code).toBe(550)
    expect((await smtp.command('RCPT TO:<sms2mail@allmysms.com>')).code).toBe(550)
    await smtp.command('QUIT')
    expect(await gateway.smsim.control.get('/journal?provider=allmysms')).toMatchObject([
      { provider: 'allmysms', request: { to: 'sms2mail@allmysms.com' }, status: 550 },
    ])
    expect(await journal()).toHaveLength(2)
  })

  it('journals a mail over the size limit with its 552, under the provider it was for', async () => {
    const big = `${MAIL}${'x'.repeat(2 * MAX_BYTES)}\r\n`
    const reply = await sendRawMail(
      gateway.port,
      { from: 'ecole@example.fr', to: ['mail2sms@allmysms.com'] },
      big,
    )
    expect(reply.code).toBe(552)
    expect(await journal()).toMatchObject([
      {
        provider: 'allmysms',
        transport: 'smtp',
        request: { to: 'mail2sms@allmysms.com', from: 'ecole@example.fr' },
        status: 552,
        note: `Error: message exceeds fixed maximum message size ${MAX_BYTES}`,
      },
    ])
  })

  it('masks the SMStoB password its address carries in the entry of a mail too large', async () => {
    const big = `${MAIL}${'x'.repeat(2 * MAX_BYTES)}\r\n`
    const to = 'XV65JU.0660919010@smstob.com'
    expect(
      (await sendRawMail(gateway.port, { from: 'ecole@example.fr', to: [to] }, big)).code,
    ).toBe(552)
    const entries = await journal()
    expect(entries).toMatchObject([
      { provider: 'smstob', request: { to: '****.0660919010@smstob.com' } },
    ])
    expect(JSON.stringify(entries)).not.toContain('XV65JU')
  })

  it('journals a mail refused at MAIL FROM for its announced size, with its sender', async () => {
    const smtp = rawSmtp(gateway.port)
    await smtp.greeting
    await smtp.command('EHLO client.example')
    expect((await smtp.command(`MAIL FROM:<ecole@example.fr> SIZE=${MAX_BYTES + 1}`)).code).toBe(
      552,
    )
    await smtp.command('QUIT')
    expect(await journal()).toMatchObject([
      { transport: 'smtp', request: { to: '', from: 'ecole@example.fr' }, status: 552 },
    ])
  })

  it(`journals the recipient past ${MAX_RECIPIENTS_PER_MAIL} with its 452`, async () => {
    const smtp = rawSmtp(gateway.port)
    await smtp.greeting
    await smtp.command('EHLO client.example')
    await smtp.command('MAIL FROM:<ecole@example.fr>')
    for (let i = 0; i < MAX_RECIPIENTS_PER_MAIL; i++)
      expect((await smtp.command(`RCPT TO:<sms.pw${i}@fake.smsim.test>`)).code).toBe(250)
    expect((await smtp.command('RCPT TO:<mail2sms@allmysms.com>')).code).toBe(452)
    await smtp.command('QUIT')
    expect(await journal()).toMatchObject([
      { provider: 'allmysms', request: { to: 'mail2sms@allmysms.com' }, status: 452 },
    ])
  })

  it('journals the 421 that ends a session with too many refused recipients', async () => {
    const smtp = rawSmtp(gateway.port)
    await smtp.greeting
    await smtp.command('EHLO client.example')
    await smtp.command('MAIL FROM:<ecole@example.fr>')
    for (const to of ['a@gmail.com', 'b@gmail.com']) await smtp.command(`RCPT TO:<${to}>`)
    expect((await smtp.command('RCPT TO:<c@gmail.com>')).code).toBe(421)
    await smtp.closed
    const entries = await journal()
    expect(entries.map((e) => e.status)).toEqual([550, 550, 421])
    expect(entries[2]).toMatchObject({
      request: { to: 'c@gmail.com', from: 'ecole@example.fr' },
      note: 'too many refused recipients (2), closing',
    })
  })

  it('journals a client cut off by a deadline, with what it had given', async () => {
    const smtp = rawSmtp(gateway.port)
    await smtp.greeting
    await smtp.command('EHLO client.example')
    await smtp.command('MAIL FROM:<ecole@example.fr>')
    await smtp.command(`RCPT TO:<${FAKE_ADDRESS}>`)
    // Half a command line, never ended: the command-line deadline (200 ms here) answers 421.
    smtp.write('NOO')
    expect((await smtp.reply()).code).toBe(421)
    await smtp.closed
    expect(await journal()).toMatchObject([
      {
        provider: 'fakemail',
        request: { to: FAKE_ADDRESS, from: 'ecole@example.fr' },
        status: 421,
        note: 'Timeout - command line not completed within 200 ms, closing connection',
      },
    ])
  })

  it('journals an accepted mail once, by its provider’s decision', async () => {
    await gateway.smsim.sendMail({ from: 'ecole@example.fr', to: FAKE_ADDRESS, text: 'Bonjour' })
    expect((await journal()).map((e) => [e.provider, e.code, e.status])).toEqual([
      ['fakemail', 'ok', undefined],
    ])
  })
})

describe('a stopping smsim', () => {
  it('journals nothing of the 421 it sends its clients', async () => {
    const smsim = await startTestSmsim()
    const idle = rawSmtp(smsim.smtp.port)
    await idle.greeting
    await idle.command('EHLO client.example')
    await idle.command('MAIL FROM:<ecole@example.fr>')
    await smsim.close()
    expect((await idle.reply()).code).toBe(421)
    expect(smsim.sim.store.journal()).toEqual([])
  })
})
