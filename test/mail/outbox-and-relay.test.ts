/**
 * Every mail a provider sends back lands in the outbox (`GET /_smsim/mails`); with `--relay`
 * it is also delivered by SMTP to the server named — here a second smtp-server started inside
 * the test, standing for a team's mail catcher. Without `--relay` nothing is sent anywhere.
 *
 * @see simulators/mail/relay.ts
 */
import type { AddressInfo } from 'node:net'
import { createServer } from 'node:net'
import { SMTPServer } from 'smtp-server'
import { afterEach, describe, expect, it } from 'vitest'
import type { JournalEntry } from '../../simulators/core/model.ts'
import { parseInbound } from '../../simulators/mail/inbound.ts'
import { parseRelayUrl } from '../../simulators/mail/relay.ts'
import { PROVIDERS } from '../../simulators/providers.ts'
import { startTestSmsim, type TestSmsim } from '../../simulators/testing.ts'
import { recordingLogger } from '../support/logger.ts'
import { FAKE_ADDRESS, fakeMailProvider, useGateway, type Received } from './helpers.ts'

const MAIL = { from: 'ecole@example.fr', to: FAKE_ADDRESS, subject: 'Bonjour', text: 'Bonjour\n' }

describe('the outbox', () => {
  const gateway = useGateway()

  it('keeps every mail a provider sends back, readable at GET /_smsim/mails', async () => {
    const sent = await gateway.smsim.sendMail(MAIL)
    const outbox = await gateway.smsim.outbox()
    expect(outbox).toEqual([
      {
        id: 'mail-000001',
        provider: 'fakemail',
        from: FAKE_ADDRESS,
        to: 'ecole@example.fr',
        subject: 'Reçu : Bonjour',
        text: 'Bonjour\n',
        headers: { 'In-Reply-To': sent.messageId },
        date: expect.any(String),
      },
    ])
    const response = await fetch(`${gateway.smsim.url}/_smsim/mails?to=ECOLE@example.fr`)
    expect(await response.json()).toEqual(outbox)
    expect(await gateway.smsim.outbox({ to: 'someone@else.example' })).toEqual([])
  })
})

/** A mail catcher: an smtp-server that keeps what it receives. */
async function startCatcher() {
  const received: Buffer[] = []
  const waiting: (() => void)[] = []
  let connections = 0
  const server = new SMTPServer({
    authOptional: true,
    disableReverseLookup: true,
    hideSTARTTLS: true,
    logger: false,
    onConnect: (_session, callback) => {
      connections++
      callback()
    },
    onData(stream, _session, callback) {
      const chunks: Buffer[] = []
      stream.on('data', (chunk: Buffer) => chunks.push(chunk))
      stream.on('end', () => {
        received.push(Buffer.concat(chunks))
        waiting.splice(0).forEach((wake) => wake())
        callback()
      })
    },
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return {
    url: `smtp://127.0.0.1:${(server.server.address() as AddressInfo).port}`,
    received,
    get connections() {
      return connections
    },
    /** Resolves once `count` mails have arrived. */
    async until(count: number) {
      while (received.length < count) await new Promise<void>((wake) => waiting.push(wake))
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}

/** A port nothing listens on. */
async function closedPort(): Promise<number> {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  await new Promise<void>((resolve) => server.close(() => resolve()))
  return port
}

describe('--relay', () => {
  const open: { close(): Promise<void> }[] = []
  afterEach(async () => {
    for (const closable of open.splice(0)) await closable.close()
  })
  const start = async (relay?: string) => {
    const logger = recordingLogger()
    const received: Received[] = []
    const smsim: TestSmsim = await startTestSmsim({
      logger,
      providers: [...PROVIDERS, fakeMailProvider(received)],
      ...(relay ? { relay } : {}),
    })
    open.unshift(smsim)
    return { smsim, logger }
  }

  it('delivers every outbox mail to the SMTP server it names', async () => {
    const catcher = await startCatcher()
    open.push(catcher)
    const { smsim, logger } = await start(catcher.url)
    await smsim.sendMail(MAIL)
    await smsim.sendMail({ ...MAIL, subject: 'Encore' })
    await catcher.until(2)
    const relayed = await Promise.all(
      catcher.received.map((raw) => parseInbound(raw, { from: '', to: [] })),
    )
    expect(relayed.map((m) => [m.from, m.headers.to, m.subject])).toEqual([
      [FAKE_ADDRESS, 'ecole@example.fr', 'Reçu : Bonjour'],
      [FAKE_ADDRESS, 'ecole@example.fr', 'Reçu : Encore'],
    ])
    expect(relayed[0]).toMatchObject({
      text: 'Bonjour\n',
      headers: { 'x-smsim-provider': 'fakemail', 'x-smsim-mail-id': 'mail-000001' },
    })
    expect(logger.calls).toEqual([])
  })

  it('journals a mail the relay could not deliver, under its provider, and answers the sender all the same', async () => {
    const port = await closedPort()
    const { smsim, logger } = await start(`smtp://127.0.0.1:${port}`)
    const sent = await smsim.sendMail(MAIL)
    expect(sent.response).toBe('250 2.6.0 OK: handed to fakemail')
    expect(await smsim.outbox()).toHaveLength(1)
    // Closing waits for the mails under way: the failure is in by then.
    await smsim.close()
    const relayEntries = smsim.sim.store
      .journal({ provider: 'fakemail' })
      .filter((entry: JournalEntry) => entry.transport === 'relay')
    expect(relayEntries).toMatchObject([
      {
        transport: 'relay',
        request: { mail: 'mail-000001', to: 'ecole@example.fr', subject: 'Reçu : Bonjour' },
        note: expect.stringMatching(new RegExp(`^not relayed to smtp://127.0.0.1:${port}: `)),
      },
    ])
    expect(logger.calls).toHaveLength(1)
  })

  it('sends nothing anywhere without --relay', async () => {
    const catcher = await startCatcher()
    open.push(catcher)
    const { smsim } = await start()
    await smsim.sendMail(MAIL)
    expect(await smsim.outbox()).toHaveLength(1)
    await smsim.close()
    expect(catcher.connections).toBe(0)
  })

  it('refuses a relay URL it cannot use before anything listens', async () => {
    await expect(start('http://127.0.0.1:1025')).rejects.toThrowErrorMatchingInlineSnapshot(
      `[BadConfigError: --relay must be an smtp:// or smtps:// URL, not "http://127.0.0.1:1025"]`,
    )
    expect(parseRelayUrl('smtp://user:p%40ss@[::1]:1025')).toEqual({
      host: '::1',
      port: 1025,
      secure: false,
      auth: { user: 'user', pass: 'p@ss' },
      shown: 'smtp://[::1]:1025',
    })
    expect(parseRelayUrl('smtps://mail.example.org')).toMatchObject({ port: 465, secure: true })
  })
})
