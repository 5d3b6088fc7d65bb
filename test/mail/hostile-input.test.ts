/**
 * Nothing a client sends crashes the gateway or earns it a stack trace (STYLE.md §12): hostile
 * `.eml` fixtures, mails too large or too deep to read, abrupt disconnects, junk commands, and
 * a provider that throws. After each, the gateway answers the next mail with 250.
 *
 * @see simulators/mail/fixtures/README.md — the hostile fixtures
 */
import { describe, expect, it } from 'vitest'
import type { Provider } from '../../simulators/core/provider.ts'
import {
  MAX_MAIL_BYTES,
  MAX_MIME_HEAD_BYTES,
  MAX_MIME_PARTS,
} from '../../simulators/mail/limits.ts'
import { PROVIDERS } from '../../simulators/providers.ts'
import { startTestSmsim } from '../../simulators/testing.ts'
import { recordingLogger } from '../support/logger.ts'
import {
  FAKE_ADDRESS,
  fakeMailProvider,
  fixture,
  rawSmtp,
  sendRawMail,
  useGateway,
  type Gateway,
} from './helpers.ts'

const ENVELOPE = { from: 'fuzz@example.net', to: [FAKE_ADDRESS] }
const GOOD = 'From: ecole@example.fr\r\nSubject: encore là ?\r\n\r\nBonjour\r\n'

/** The gateway still takes a plain mail, and hands it over. */
async function stillServes(gateway: Gateway) {
  const before = gateway.received.length
  expect(await sendRawMail(gateway.port, ENVELOPE, GOOD)).toMatchObject({ code: 250 })
  expect(gateway.received.length).toBe(before + 1)
}

describe('hostile mails', () => {
  const gateway = useGateway()

  it.each([
    'hostile-bad-boundaries.eml',
    'hostile-no-boundary.eml',
    'hostile-nul-bytes.eml',
    'hostile-header-injection.eml',
    'hostile-8bit-junk.eml',
  ])(
    'takes %s, hands what it could read to the provider, and serves the next mail',
    async (name) => {
      expect(await sendRawMail(gateway.port, ENVELOPE, fixture(name))).toEqual({
        code: 250,
        text: '2.6.0 OK: handed to fakemail',
      })
      expect(gateway.received).toHaveLength(1)
      await stillServes(gateway)
    },
  )

  it('never hands a provider a header value with a line break in it', async () => {
    await sendRawMail(gateway.port, ENVELOPE, fixture('hostile-header-injection.eml'))
    const { mail } = gateway.received[0]!
    expect(mail.subject).toBe('hello Bcc: victim@example.org injected body')
    for (const value of Object.values(mail.headers)) expect(value).not.toMatch(/[\r\n]/)
  })

  it(`answers 552 to a single 10 MiB line, over the ${MAX_MAIL_BYTES}-byte limit`, async () => {
    const line = Buffer.alloc(10 * 1024 * 1024, 'a')
    const reply = await sendRawMail(
      gateway.port,
      ENVELOPE,
      Buffer.concat([Buffer.from('From: a@example.org\r\nSubject: long\r\n\r\n'), line]),
    )
    expect(reply.code).toBe(552)
    expect(gateway.received).toEqual([])
    await stillServes(gateway)
  })

  it('answers 554 to headers too large to read, journals why, and hands the mail to no one', async () => {
    const raw = `From: a@example.org\r\nX-Big: ${'a'.repeat(2 * 1024 * 1024)}\r\n\r\nx\r\n`
    expect(await sendRawMail(gateway.port, ENVELOPE, raw)).toEqual({
      code: 554,
      text: '5.6.0 the mail could not be read as MIME: Max header size for a MIME node exceeded; the mail was not handed to any provider',
    })
    expect(gateway.received).toEqual([])
    expect(await gateway.smsim.control.get('/journal?provider=fakemail')).toMatchObject([
      { transport: 'smtp', status: 554, request: { to: FAKE_ADDRESS, from: 'fuzz@example.net' } },
    ])
    await stillServes(gateway)
  })

  it(`answers 554 to a mail of more than ${MAX_MIME_PARTS} parts, and journals why`, async () => {
    let raw = 'From: a@example.org\r\nContent-Type: multipart/mixed; boundary=B\r\n\r\n'
    for (let i = 0; i < MAX_MIME_PARTS + 1; i++)
      raw += `--B\r\nContent-Type: text/plain\r\n\r\nx\r\n`
    expect(await sendRawMail(gateway.port, ENVELOPE, `${raw}--B--\r\n`)).toEqual({
      code: 554,
      text: '5.6.0 the mail could not be read as MIME: Max allowed child nodes exceeded; the mail was not handed to any provider',
    })
    expect(gateway.received).toEqual([])
    expect(await gateway.smsim.control.get('/journal?provider=fakemail')).toMatchObject([
      { status: 554, note: 'the mail could not be read as MIME: Max allowed child nodes exceeded' },
    ])
    await stillServes(gateway)
  })

  it('reads the text of a part nested as deep as the part bound allows', async () => {
    const depth = MAX_MIME_PARTS - 2
    let raw = 'From: a@example.org\r\nContent-Type: multipart/mixed; boundary=b0\r\n\r\n'
    for (let i = 0; i < depth; i++)
      raw += `--b${i}\r\nContent-Type: multipart/mixed; boundary=b${i + 1}\r\n\r\n`
    raw += `--b${depth}\r\nContent-Type: text/plain\r\n\r\nau fond\r\n--b${depth}--\r\n`
    for (let i = depth - 1; i >= 0; i--) raw += `--b${i}--\r\n`
    expect((await sendRawMail(gateway.port, ENVELOPE, raw)).code).toBe(250)
    expect(gateway.received[0]?.mail.text).toBe('au fond')
  })

  it('reads headers just under the bound', async () => {
    const raw = `From: a@example.org\r\nX-Big: ${'a'.repeat(MAX_MIME_HEAD_BYTES - 1024)}\r\n\r\nx\r\n`
    expect((await sendRawMail(gateway.port, ENVELOPE, raw)).code).toBe(250)
    expect(gateway.received).toHaveLength(1)
  })

  it('answers 554 to MIME nested thousands of levels deep', async () => {
    let raw = 'From: a@example.org\r\nContent-Type: multipart/mixed; boundary=b0\r\n\r\n'
    for (let i = 0; i < 2000; i++)
      raw += `--b${i}\r\nContent-Type: multipart/mixed; boundary=b${i + 1}\r\n\r\n`
    expect((await sendRawMail(gateway.port, ENVELOPE, raw)).code).toBe(554)
    await stillServes(gateway)
  })
})

describe('hostile sessions', () => {
  const gateway = useGateway()

  it('forgets a mail whose client went away in the middle of it', async () => {
    const smtp = rawSmtp(gateway.port)
    await smtp.greeting
    await smtp.command('EHLO client.example')
    await smtp.command('MAIL FROM:<a@example.org>')
    await smtp.command(`RCPT TO:<${FAKE_ADDRESS}>`)
    await smtp.command('DATA')
    smtp.write('From: a@example.org\r\nSubject: coupé\r\n\r\nBonjour, je')
    smtp.destroy()
    await smtp.closed
    await stillServes(gateway)
    expect(gateway.received).toHaveLength(1)
  })

  it('survives clients that leave before the greeting or in the middle of a command', async () => {
    const early = rawSmtp(gateway.port)
    early.destroy()
    const midCommand = rawSmtp(gateway.port)
    await midCommand.greeting
    midCommand.write('MAIL FROM:<a@exa')
    midCommand.destroy()
    await Promise.all([early.closed, midCommand.closed])
    await stillServes(gateway)
  })

  it('answers junk commands with 500, and closes after ten of them', async () => {
    const smtp = rawSmtp(gateway.port)
    await smtp.greeting
    const codes = []
    for (let i = 0; i < 10; i++)
      codes.push((await smtp.command(`\u00ff\u00fe\u0000JUNK ${i} \u0007`)).code)
    expect(codes).toEqual([...Array(9).fill(500), 421])
    await smtp.closed
    await stillServes(gateway)
  })

  it('refuses an HTTP request sent to the SMTP port', async () => {
    const smtp = rawSmtp(gateway.port)
    await smtp.greeting
    expect(await smtp.command('GET /_smsim/mails HTTP/1.1')).toMatchObject({ code: 421 })
    await smtp.closed
  })

  it('refuses control characters in an address', async () => {
    const smtp = rawSmtp(gateway.port)
    await smtp.greeting
    await smtp.command('EHLO client.example')
    await smtp.command('MAIL FROM:<a@example.org>')
    expect((await smtp.command(`RCPT TO:<sms\u0000@fake.smsim.test>`)).code).toBe(501)
    await smtp.command('QUIT')
  })

  it('takes pipelined commands and mails back to back on one connection', async () => {
    const smtp = rawSmtp(gateway.port)
    await smtp.greeting
    await smtp.command('EHLO client.example')
    const mail = `MAIL FROM:<a@example.org>\r\nRCPT TO:<${FAKE_ADDRESS}>\r\nDATA\r\n`
    smtp.write(mail)
    expect([
      (await smtp.reply()).code,
      (await smtp.reply()).code,
      (await smtp.reply()).code,
    ]).toEqual([250, 250, 354])
    smtp.write(`${GOOD}.\r\n${mail}`)
    const codes = []
    for (let i = 0; i < 4; i++) codes.push((await smtp.reply()).code)
    expect(codes).toEqual([250, 250, 250, 354])
    smtp.write(`${GOOD}.\r\nQUIT\r\n`)
    expect((await smtp.reply()).code).toBe(250)
    await smtp.closed
    expect(gateway.received).toHaveLength(2)
  })
})

describe('a provider that throws', () => {
  it('answers 451 without a stack trace, logs the error on our side, and serves the next mail', async () => {
    const logger = recordingLogger()
    const broken: Provider = {
      ...fakeMailProvider([]),
      mail: [
        {
          name: 'broken',
          addresses: ['broken@fake.smsim.test'],
          accepts(address) {
            if (address.startsWith('boom')) throw new Error('accepts() blew up')
            return address.endsWith('@fake.smsim.test')
          },
          handle() {
            throw new Error('handle() blew up')
          },
        },
      ],
    }
    const smsim = await startTestSmsim({ logger, providers: [...PROVIDERS, broken] })
    try {
      const smtp = rawSmtp(smsim.smtp.port)
      await smtp.greeting
      await smtp.command('EHLO client.example')
      await smtp.command('MAIL FROM:<a@example.org>')
      expect(await smtp.command('RCPT TO:<boom@fake.smsim.test>')).toEqual({
        code: 451,
        text: '4.3.0 local error in processing, try again later',
      })
      expect(logger.calls.splice(0)).toMatchObject([
        [
          // With no provider to say where a password is, the local part is logged masked.
          'smsim: the SMTP gateway failed on RCPT TO:<****@fake.smsim.test>:',
          { message: 'accepts() blew up' },
        ],
      ])
      await smtp.command('QUIT')

      // A decision that throws is the simulator's to catch: logged, journalled, and the mail
      // still taken (the sender gets no stack trace, and nothing to retry).
      const reply = await sendRawMail(
        smsim.smtp.port,
        { from: 'a@example.org', to: ['broken@fake.smsim.test'] },
        GOOD,
      )
      expect(reply.code).toBe(250)
      expect(logger.calls.splice(0)).toMatchObject([
        ['smsim: fakemail broken failed:', { message: 'handle() blew up' }],
      ])
      expect(await smsim.control.get('/journal')).toMatchObject([
        { note: 'internal error (see the smsim log)' },
      ])
    } finally {
      await smsim.close()
    }
  })
})
