/**
 * The gateway takes mail for the providers' own addresses only, and refuses every other
 * recipient with a 550 that names the accepted ones: smsim is never an open relay (DESIGN.md
 * principle 5), whoever asks and however the address is written.
 *
 * @see simulators/mail/smtp-gateway.ts — `onRcptTo`
 */
import { describe, expect, it } from 'vitest'
import { PROVIDERS } from '../../simulators/providers.ts'
import {
  FAKE_ADDRESS,
  FAKE_ADDRESSES,
  FAKE_DOMAIN,
  rawSmtp,
  sendRawMail,
  useGateway,
} from './helpers.ts'

/** RCPT TO replies for each address, in one session. */
async function rcpt(port: number, addresses: readonly string[], login = false) {
  const smtp = rawSmtp(port)
  await smtp.greeting
  await smtp.command('EHLO client.example')
  if (login) expect((await smtp.command('AUTH PLAIN AHVzZXIAcGFzcw==')).code).toBe(235)
  expect((await smtp.command('MAIL FROM:<ecole@example.fr>')).code).toBe(250)
  const replies = []
  for (const address of addresses) replies.push(await smtp.command(`RCPT TO:<${address}>`))
  await smtp.command('QUIT')
  return replies
}

describe('the address policy', () => {
  const gateway = useGateway()

  it('accepts each address form a provider claims', async () => {
    const forms = [`XV65JU.0660919010@${FAKE_DOMAIN}`, `sms.XV65JU@${FAKE_DOMAIN}`, FAKE_ADDRESS]
    expect((await rcpt(gateway.port, forms)).map((r) => r.code)).toEqual([250, 250, 250])
  })

  it('compares the domain without case, and hands the provider the address as written', async () => {
    const written = 'sms.XV65JU@Fake.SMSIM.test'
    expect((await rcpt(gateway.port, [written]))[0]).toEqual({
      code: 250,
      text: '2.1.5 Accepted',
    })
    // On a raw session: nodemailer writes domains in lower case itself.
    const done = await sendRawMail(
      gateway.port,
      { from: 'ecole@example.fr', to: [written] },
      'Subject: x\r\n\r\nBonjour\r\n',
    )
    expect(done.code).toBe(250)
    expect(gateway.received.map((r) => r.recipient)).toEqual([written])
  })

  it('refuses any other recipient with a 550 that names the accepted addresses', async () => {
    const [refused] = await rcpt(gateway.port, ['someone@example.com'])
    const accepted = gateway.smsim.sim.mailAddresses()
    expect(accepted).toEqual(expect.arrayContaining([...FAKE_ADDRESSES]))
    expect(refused).toEqual({
      code: 550,
      text: `5.1.1 <someone@example.com>: relay access denied; smsim takes mail only for ${accepted.join(', ')}`,
    })
  })

  it('takes the providers’ real addresses exactly when a simulated provider claims them', async () => {
    const real = [
      'mail2sms@allmysms.com',
      'MAIL2SMS@AllMySMS.COM',
      'sendsms@isendpro-api.com',
      'sendsms@ISENDPRO-API.com',
      'XV65JU.0660919010@smstob.com',
      'sms.XV65JU@SMStoB.com',
      'sms@smstob.com',
    ]
    const claimed = real.map((a) => (gateway.smsim.sim.mailEndpoint(a) ? 250 : 550))
    expect((await rcpt(gateway.port, real)).map((r) => r.code)).toEqual(claimed)
  })

  it.runIf(PROVIDERS.find((p) => p.id === 'smstob')?.mail?.length)(
    'accepts SMStoB’s three address forms, the domain in any case',
    async () => {
      const forms = ['XV65JU.0660919010@smstob.com', 'sms.XV65JU@SMStoB.com', 'sms@SMSTOB.COM']
      expect((await rcpt(gateway.port, forms)).map((r) => r.code)).toEqual([250, 250, 250])
    },
  )

  it.runIf(PROVIDERS.find((p) => p.id === 'allmysms')?.mail?.length)(
    'accepts allmysms’ address, the domain in any case',
    async () => {
      const forms = ['mail2sms@allmysms.com', 'mail2sms@AllMySMS.com']
      expect((await rcpt(gateway.port, forms)).map((r) => r.code)).toEqual([250, 250])
    },
  )

  it('takes mail from any sender, the null sender included', async () => {
    const smtp = rawSmtp(gateway.port)
    await smtp.greeting
    await smtp.command('EHLO client.example')
    expect((await smtp.command('MAIL FROM:<>')).code).toBe(250)
    expect((await smtp.command(`RCPT TO:<${FAKE_ADDRESS}>`)).code).toBe(250)
    await smtp.command('QUIT')
  })
})

describe('no open relay', () => {
  const gateway = useGateway()

  it('refuses other domains even to a client that logged in', async () => {
    const replies = await rcpt(gateway.port, ['friend@gmail.com', 'postmaster@example.org'], true)
    expect(replies.map((r) => r.code)).toEqual([550, 550])
  })

  it('refuses a provider’s address disguised at another domain', async () => {
    const disguised = [
      `sms@${FAKE_DOMAIN}.evil.example`,
      `sms%${FAKE_DOMAIN}@evil.example`,
      `sms@evil.example`,
      `"sms@${FAKE_DOMAIN}"@evil.example`,
    ]
    const replies = await rcpt(gateway.port, disguised)
    for (const reply of replies) expect(reply.code).toBeGreaterThanOrEqual(500)
    expect(gateway.received).toEqual([])
  })

  it('delivers a mail with a refused recipient to the provider only', async () => {
    const sent = await gateway.smsim.sendMail({
      from: 'ecole@example.fr',
      to: [FAKE_ADDRESS, 'friend@gmail.com'],
      subject: 'Bonjour',
      text: 'Bonjour',
    })
    expect(sent).toMatchObject({ accepted: [FAKE_ADDRESS], rejected: ['friend@gmail.com'] })
    expect(gateway.received.map((r) => r.mail.envelope.to)).toEqual([[FAKE_ADDRESS]])
  })

  it('answers nodemailer a 550 it reports, when no recipient is accepted', async () => {
    const failure = await gateway.smsim
      .sendMail({ from: 'ecole@example.fr', to: 'friend@gmail.com', text: 'x' })
      .catch((error: unknown) => error)
    expect(failure).toMatchObject({ responseCode: 550, code: 'EENVELOPE' })
    expect((failure as { response: string }).response).toContain('relay access denied')
  })
})
