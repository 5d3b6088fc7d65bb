/**
 * `GET /_smsim/events` over HTTP: each change of the simulator as one Server-Sent Event whose
 * data is the record exactly as the control API's reads show it, the dashboard's contract
 * (simulators/server/control-events.ts). Read as a dashboard reads it: fetch and the body's
 * reader. The stream's bounds are lowered through `liveLimits` and `httpLimits`.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { maskSecret } from '../../simulators/core/secrets.ts'
import { EVENT_RETRY_MS } from '../../simulators/server/live-limits.ts'
import { openEvents, type EventReader } from '../support/event-stream.ts'
import { expectNothingLogged, recordingLogger } from '../support/logger.ts'
import { rawHttp } from '../support/raw-http.ts'
import { rawConnect, trackServerSockets } from '../support/raw-socket.ts'
import { useTestSmsim } from '../support/smsim.ts'

const ACCOUNT = {
  provider: 'smstob' as const,
  id: 'ecole@example.fr',
  secret: 'XV65JU',
  credits: 10,
}
const CLOCK = { now: '2026-01-05T09:00:00+01:00', frozen: true }
/** Switched off for ten minutes (README, magic numbers): buffered, then delivered. */
const SWITCHED_OFF = '0600000013'

const sendQuery = (numero: string, message: string) =>
  `email=${ACCOUNT.id}&pass=${ACCOUNT.secret}&numero=${numero}&message=${encodeURIComponent(message)}`

/** Reads until the listener count is back to `size` (the server sees the client go). */
async function untilListeners(count: () => number, size: number): Promise<void> {
  const deadline = performance.now() + 5_000
  while (count() !== size) {
    if (performance.now() > deadline) throw new Error(`${count()} listeners left, not ${size}`)
    await new Promise((resolve) => setTimeout(resolve, 5))
  }
}

describe('the event stream', () => {
  const logger = recordingLogger()
  const smsim = useTestSmsim({ logger, accounts: [ACCOUNT], clock: CLOCK })
  let events: EventReader | undefined
  const open = async () => (events = await openEvents(smsim().url))
  const send = (numero: string, message: string) =>
    fetch(`${smsim().url}/smstob/http.php?${sendQuery(numero, message)}`).then((r) => r.text())

  beforeEach(() => smsim().control.post('/reset'))
  afterEach(async () => {
    await events?.close()
    events = undefined
    await untilListeners(() => smsim().sim.changes.size, 0)
    expectNothingLogged(logger)
  })

  it('opens as text/event-stream with retry: 2000, and tells a send as the reads show it', async () => {
    const stream = await open()
    expect(stream.response.status).toBe(200)
    expect(stream.response.headers.get('content-type')).toBe('text/event-stream; charset=utf-8')
    expect(await send('0660919010', 'Votre code : 482913')).toBe('80')

    const sms = await stream.next((e) => e.event === 'sms')
    const [message] = await smsim().control.get<unknown[]>('/messages')
    expect(sms.data).toEqual(message)
    expect(sms.data).toMatchObject({ status: 'delivered', otp: '482913' })
    const account = await stream.next((e) => e.event === 'account')
    expect(account.data).toEqual(await smsim().control.get(`/accounts/smstob/${ACCOUNT.id}`))
    expect(account.data).toMatchObject({ credits: 9, secret: maskSecret(ACCOUNT.secret) })
    const journal = await stream.next((e) => e.event === 'journal')
    expect(journal.data).toEqual((await smsim().control.get<unknown[]>('/journal')).at(-1))
    expect(stream.retry()).toBe(EVENT_RETRY_MS)
    expect(account.id).toBeGreaterThan(sms.id)
    expect(journal.id).toBeGreaterThan(account.id)
  })

  it('tells an SMS again when it changes status, and the clock when it moves', async () => {
    const stream = await open()
    expect(await send(SWITCHED_OFF, 'Bonjour')).toBe('80')
    expect((await stream.next((e) => e.event === 'sms')).data).toMatchObject({
      status: 'buffered',
    })
    await smsim().control.post('/clock/advance', { ms: 10 * 60_000 })
    const clock = await stream.next((e) => e.event === 'clock')
    expect(clock.data).toEqual(await smsim().control.get('/clock'))
    const delivered = await stream.next((e) => e.event === 'sms')
    expect(delivered.data).toMatchObject({ status: 'delivered' })
    expect(delivered.data).toEqual((await smsim().control.get<unknown[]>('/messages'))[0])
  })

  it('tells outbox mails with their credentials masked, as GET /mails shows them', async () => {
    const stream = await open()
    await smsim().sendMail({
      from: ACCOUNT.id,
      to: `${ACCOUNT.secret}.0660919010@smstob.com`,
      text: 'Bonjour par mail',
    })
    const mail = await stream.next((e) => e.event === 'mail')
    expect(mail.data).toEqual((await smsim().outbox({ to: ACCOUNT.id }))[0])
    expect(JSON.stringify(mail.data)).not.toContain(ACCOUNT.secret)
  })

  it('tells number states, faults, a deleted account and a reset', async () => {
    const stream = await open()
    await smsim().control.put('/numbers/0611223344', { status: 'unassigned' })
    expect((await stream.next((e) => e.event === 'state')).data).toEqual({ kind: 'numbers' })
    await smsim().control.put('/faults/smstob', { http500: 1 })
    expect((await stream.next((e) => e.event === 'state')).data).toEqual({ kind: 'faults' })
    // The fault counted down by a request is a change of the faults too.
    await send('0660919010', 'Bonjour')
    expect((await stream.next((e) => e.event === 'state')).data).toEqual({ kind: 'faults' })
    await smsim().control.delete(`/accounts/smstob/${ACCOUNT.id.toUpperCase()}`)
    expect((await stream.next((e) => e.event === 'account-deleted')).data).toEqual({
      provider: 'smstob',
      id: ACCOUNT.id,
    })
    await smsim().control.post('/reset')
    expect((await stream.next((e) => e.event === 'reset')).data).toEqual({})
    // The configured account comes back after the reset, and is told.
    expect((await stream.next((e) => e.event === 'account')).data).toMatchObject({ credits: 10 })
  })

  it('numbers the events of every stream with one increasing sequence', async () => {
    const first = await open()
    const second = await openEvents(smsim().url)
    await smsim().control.post('/clock/advance', { ms: 1 })
    await smsim().control.post('/clock/advance', { ms: 1 })
    const a = [await first.next(), await first.next()]
    const b = [await second.next(), await second.next()]
    expect(b.map((e) => e.id)).toEqual(a.map((e) => e.id))
    expect(a[1]!.id).toBeGreaterThan(a[0]!.id)
    await second.close()
  })

  it('lets go of its listener when the client closes the stream', async () => {
    const stream = await open()
    expect(smsim().sim.changes.size).toBe(1)
    await stream.close()
    events = undefined
    await untilListeners(() => smsim().sim.changes.size, 0)
  })

  it('never lets a listener that throws change what a provider answers', async () => {
    const stop = smsim().sim.changes.on('sms', () => {
      throw new Error('a broken listener')
    })
    try {
      expect(await send('0660919010', 'Bonjour')).toBe('80')
      expect(await smsim().control.get('/messages')).toHaveLength(1)
      expect(logger.calls.splice(0).map((call) => call[0])).toEqual([
        'smsim: a listener of "sms" changes failed:',
      ])
    } finally {
      stop()
    }
  })
})

describe('the event stream behind the control guards', () => {
  const token = 'a-token-of-32-characters-at-least'
  const smsim = useTestSmsim({ controlToken: token })

  it('asks for the bearer token, and refuses a foreign Host', async () => {
    const anonymous = await openEvents(smsim().url)
    expect(anonymous.response.status).toBe(401)
    await anonymous.close()
    // fetch sends its own Host: a DNS-rebinding page's request, written by hand.
    const foreign = await rawHttp(smsim().url, {
      path: '/_smsim/events',
      headers: { host: 'evil.example', authorization: `Bearer ${token}` },
    })
    expect(foreign.status).toBe(403)
    const allowed = await openEvents(smsim().url, { authorization: `Bearer ${token}` })
    expect(allowed.response.status).toBe(200)
    await allowed.close()
  })
})

describe('the event stream at lowered bounds', () => {
  const smsim = useTestSmsim({
    liveLimits: { maxStreams: 2, keepAliveMs: 50, maxBufferedBytes: 64 * 1024 },
    // Far below the stream's life: it must outlive them.
    httpLimits: {
      headersTimeoutMs: 200,
      requestTimeoutMs: 200,
      keepAliveTimeoutMs: 100,
      timeoutCheckIntervalMs: 20,
    },
  })

  it('refuses a stream beyond the maximum with 503 and a JSON error', async () => {
    const [a, b] = [await openEvents(smsim().url), await openEvents(smsim().url)]
    const third = await fetch(`${smsim().url}/_smsim/events`)
    expect(third.status).toBe(503)
    expect(await third.json()).toEqual({
      error: '2 event streams are already open: close one (a dashboard tab) and try again',
    })
    await a.close()
    await b.close()
  })

  it('sends a keep-alive comment at its interval, and outlives the request and idle timeouts', async () => {
    const stream = await openEvents(smsim().url)
    // Real time by nature (the timeouts are the server's): a few of each interval pass.
    for (let i = 0; i < 10; i++) expect(await stream.comment(1_000)).toBe(': keep-alive')
    await smsim().control.post('/clock/advance', { ms: 1 })
    expect((await stream.next((e) => e.event === 'clock')).event).toBe('clock')
    await stream.close()
  })

  it('disconnects a client that stops reading once it leaves the bound unread', async () => {
    const server = trackServerSockets(smsim().http.server)
    const client = await rawConnect(smsim().url)
    client.socket.pause()
    await client.write('GET /_smsim/events HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n')
    await untilListeners(() => smsim().sim.changes.size, 1)
    // Clock events, a hundred bytes each, until the socket's buffers and then the bound fill.
    let closed = false
    const watching = server.closed(client.port, 30_000).then(() => (closed = true))
    for (let i = 0; i < 2_000 && !closed; i++) {
      for (let j = 0; j < 100; j++) smsim().sim.clock.advance(1)
      await new Promise((resolve) => setImmediate(resolve))
    }
    await watching
    server.stop()
    client.socket.destroy()
    await untilListeners(() => smsim().sim.changes.size, 0)
  })
})
