/**
 * Every limit of the gateway, reached, answered with its documented reply, and the gateway
 * still serving the next client (STYLE.md §14). The limits are lowered for these tests through
 * `smtpLimits`, except the mail size, which is checked at its real value too.
 *
 * @see simulators/mail/limits.ts
 */
import { describe, expect, it } from 'vitest'
import { MAX_MAIL_BYTES, MAX_RECIPIENTS_PER_MAIL } from '../../simulators/mail/limits.ts'
import { FAKE_ADDRESS, FAKE_DOMAIN, rawSmtp, sendRawMail, useGateway } from './helpers.ts'

const MAIL = 'From: ecole@example.fr\r\nSubject: taille\r\n\r\nBonjour\r\n'

describe('the mail size limit, at its real value', () => {
  const gateway = useGateway()

  it('is announced with SIZE in the EHLO reply', async () => {
    const smtp = rawSmtp(gateway.port)
    expect((await smtp.greeting).text).toMatch(/^smsim ESMTP /)
    const ehlo = await smtp.command('EHLO client.example')
    expect(ehlo.text.split('\n')).toContain(`SIZE ${MAX_MAIL_BYTES}`)
    expect(ehlo.text).not.toContain('STARTTLS')
    await smtp.command('QUIT')
  })

  it('refuses at MAIL FROM a mail declared larger, with 552', async () => {
    const smtp = rawSmtp(gateway.port)
    await smtp.greeting
    await smtp.command('EHLO client.example')
    expect(await smtp.command(`MAIL FROM:<ecole@example.fr> SIZE=${MAX_MAIL_BYTES + 1}`)).toEqual({
      code: 552,
      text: `5.3.4 Error: message exceeds fixed maximum message size ${MAX_MAIL_BYTES}`,
    })
    expect((await smtp.command(`MAIL FROM:<ecole@example.fr> SIZE=${MAX_MAIL_BYTES}`)).code).toBe(
      250,
    )
    await smtp.command('QUIT')
  })
})

describe('the limits, lowered', () => {
  const gateway = useGateway({
    smtpLimits: { maxMailBytes: 64 * 1024, maxRefusedRecipients: 3, maxClients: 2 },
  })

  it('answers 552 after the final dot to a mail larger than it declared, then takes the next', async () => {
    const big = `${MAIL}${'x'.repeat(100 * 1024)}\r\n`
    const reply = await sendRawMail(
      gateway.port,
      { from: 'a@example.org', to: [FAKE_ADDRESS] },
      big,
    )
    expect(reply).toEqual({
      code: 552,
      text: '5.3.4 Error: message exceeds fixed maximum message size 65536',
    })
    expect(gateway.received).toEqual([])
    const next = await sendRawMail(
      gateway.port,
      { from: 'a@example.org', to: [FAKE_ADDRESS] },
      MAIL,
    )
    expect(next.code).toBe(250)
    expect(gateway.received).toHaveLength(1)
  })

  it('gives nodemailer a 552 for a mail over the limit', async () => {
    const failure = await gateway.smsim
      .sendMail({ from: 'a@example.org', to: FAKE_ADDRESS, text: 'x'.repeat(100 * 1024) })
      .catch((error: unknown) => error)
    expect(failure).toMatchObject({ responseCode: 552 })
  })

  it(`refuses the recipients of one mail past ${MAX_RECIPIENTS_PER_MAIL} with 452`, async () => {
    const smtp = rawSmtp(gateway.port)
    await smtp.greeting
    await smtp.command('EHLO client.example')
    await smtp.command('MAIL FROM:<ecole@example.fr>')
    const codes = []
    for (let i = 0; i <= MAX_RECIPIENTS_PER_MAIL; i++)
      codes.push((await smtp.command(`RCPT TO:<sms.pass${i}@${FAKE_DOMAIN}>`)).code)
    expect(codes).toEqual([...Array(MAX_RECIPIENTS_PER_MAIL).fill(250), 452])
    // The same address again is not one more recipient.
    expect((await smtp.command(`RCPT TO:<sms.pass0@${FAKE_DOMAIN}>`)).code).toBe(250)
    await smtp.command('QUIT')
  })

  it('closes a connection that keeps trying refused recipients, with 421', async () => {
    const smtp = rawSmtp(gateway.port)
    await smtp.greeting
    await smtp.command('EHLO client.example')
    await smtp.command('MAIL FROM:<probe@example.org>')
    const codes = []
    for (const n of [1, 2, 3, 4])
      codes.push((await smtp.command(`RCPT TO:<u${n}@example.com>`)).code)
    expect(codes).toEqual([550, 550, 550, 421])
    await smtp.closed
  })

  it('turns away a client past the connection limit with 421, and takes one again once another left', async () => {
    const first = rawSmtp(gateway.port)
    const second = rawSmtp(gateway.port)
    expect((await first.greeting).code).toBe(220)
    expect((await second.greeting).code).toBe(220)
    const third = rawSmtp(gateway.port)
    expect(await third.greeting).toEqual({
      code: 421,
      text: 'smsim Too many connected clients, try again in a moment',
    })
    await third.closed
    await first.command('QUIT')
    await first.closed
    const fourth = rawSmtp(gateway.port)
    expect((await fourth.greeting).code).toBe(220)
    await Promise.all([second.command('QUIT'), fourth.command('QUIT')])
  })

  it('closes a connection whose command line never ends', async () => {
    const smtp = rawSmtp(gateway.port)
    await smtp.greeting
    smtp.write(`EHLO ${'a'.repeat(64 * 1024)}`)
    expect((await smtp.reply()).code).toBe(421)
    await smtp.closed
  })
})

describe('the idle timeout, lowered', () => {
  const gateway = useGateway({ smtpLimits: { socketTimeoutMs: 100 } })

  it('closes a connection that sends nothing, with 421', async () => {
    const smtp = rawSmtp(gateway.port)
    await smtp.greeting
    expect(await smtp.reply()).toEqual({ code: 421, text: '4.4.2 Timeout - closing connection' })
    await smtp.closed
  })
})
