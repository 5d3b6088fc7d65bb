/**
 * Slow clients cannot hold the gateway's connection slots for ever (issue 10, item 5): a command
 * line has a bounded time to arrive from its first byte to its line end, a session a bounded
 * life without a mail accepted (NOOP, RSET, EHLO and refused recipients are no progress), and a
 * mail a bounded time to arrive once DATA is answered 354. Each bound is answered `421` with a
 * text that says which, then the connection is closed, and the slot serves the next client.
 *
 * The bounds are real time by nature: they are lowered here to hundreds of milliseconds through
 * `smtpLimits`, and the assertions wait with generous upper bounds, never on speed.
 *
 * @see simulators/mail/limits.ts — COMMAND_LINE_TIMEOUT_MS, SESSION_WITHOUT_MAIL_MS, DATA_TIMEOUT_MS
 */
import { describe, expect, it } from 'vitest'
import { FAKE_ADDRESS, rawSmtp, useGateway, type RawSmtp, type SmtpReply } from './helpers.ts'

const MAIL = 'From: ecole@example.fr\r\nSubject: lent\r\n\r\nBonjour\r\n'

/** Far above any bound used here: a client still served this long after it began is not cut. */
const GIVE_UP_MS = 5_000

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/** Whether the server closed the connection within `ms`. */
async function closedWithin(smtp: RawSmtp, ms: number): Promise<boolean> {
  return Promise.race([smtp.closed.then(() => true), sleep(ms).then(() => false)])
}

/**
 * Writes `bytes` one at a time, `everyMs` apart, until they run out or the server closes the
 * connection; resolves with the first reply the server sent meanwhile, if any.
 */
async function trickle(smtp: RawSmtp, bytes: string, everyMs: number): Promise<SmtpReply | void> {
  const reply = smtp.reply().catch(() => undefined)
  let closed = false
  void smtp.closed.then(() => (closed = true))
  for (const byte of bytes) {
    if (closed) break
    smtp.write(byte)
    await sleep(everyMs)
  }
  return Promise.race([reply, sleep(everyMs).then(() => undefined)])
}

/** Opens a session and reads its greeting. */
async function greeted(port: number): Promise<RawSmtp> {
  const smtp = rawSmtp(port)
  expect((await smtp.greeting).code).toBe(220)
  return smtp
}

describe('a command line that trickles in', () => {
  const gateway = useGateway({ smtpLimits: { commandLineTimeoutMs: 300, socketTimeoutMs: 2_000 } })

  it('is cut off with 421 once it has taken longer than the bound, and the connection closed', async () => {
    const smtp = await greeted(gateway.port)
    const started = performance.now()
    // One byte every 40 ms: far under the idle timeout, so only the line bound can stop it.
    const reply = await trickle(smtp, `EHLO ${'a'.repeat(GIVE_UP_MS / 40)}\r\n`, 40)
    expect(reply).toEqual({
      code: 421,
      text: '4.4.2 Timeout - command line not completed within 300 ms, closing connection',
    })
    expect(await closedWithin(smtp, 1_000)).toBe(true)
    expect(performance.now() - started).toBeLessThan(GIVE_UP_MS / 2)
  })

  it('takes a line sent in pieces with pauses under the bound', async () => {
    const smtp = await greeted(gateway.port)
    smtp.write('EHLO cli')
    await sleep(100)
    smtp.write('ent.exa')
    await sleep(100)
    expect((await smtp.command('mple')).code).toBe(250)
    expect((await smtp.command('QUIT')).code).toBe(221)
  })
})

describe('a session that never sends a mail', () => {
  const gateway = useGateway({
    smtpLimits: { sessionWithoutMailMs: 400, commandLineTimeoutMs: 200, socketTimeoutMs: 2_000 },
  })

  it('is cut off with 421 however many NOOPs it sends', async () => {
    const smtp = await greeted(gateway.port)
    const started = performance.now()
    let last: SmtpReply | undefined
    let noops = 0
    while (performance.now() - started < GIVE_UP_MS) {
      last = await smtp.command('NOOP').catch(() => undefined)
      if (last?.code !== 250) break
      noops++
      await sleep(50)
    }
    expect(noops).toBeGreaterThan(0)
    expect(last).toEqual({
      code: 421,
      text: '4.4.2 Timeout - no mail accepted within 400 ms of session, closing connection',
    })
    expect(await closedWithin(smtp, 1_000)).toBe(true)
    expect(performance.now() - started).toBeLessThan(GIVE_UP_MS / 2)
  })

  it('counts neither RSET, EHLO nor refused recipients as progress', async () => {
    const smtp = await greeted(gateway.port)
    const started = performance.now()
    const commands = ['EHLO client.example', 'MAIL FROM:<a@example.org>', 'RCPT TO:<x@example.com>']
    let last: SmtpReply | undefined
    for (let i = 0; performance.now() - started < GIVE_UP_MS; i++) {
      last = await smtp.command(commands[i % 3]!).catch(() => undefined)
      if (last === undefined || last.code === 421) break
      if (i % 3 === 2) await smtp.command('RSET').catch(() => undefined)
      await sleep(50)
    }
    expect(last).toMatchObject({ code: 421, text: expect.stringContaining('no mail accepted') })
    expect(await closedWithin(smtp, 1_000)).toBe(true)
  })
})

describe('a mail that trickles in after DATA', () => {
  const gateway = useGateway({
    smtpLimits: { dataTimeoutMs: 400, sessionWithoutMailMs: 5_000, socketTimeoutMs: 2_000 },
  })

  it('is cut off with 421 once the transfer has taken longer than its bound', async () => {
    const smtp = await greeted(gateway.port)
    await smtp.command('EHLO client.example')
    await smtp.command('MAIL FROM:<a@example.org>')
    await smtp.command(`RCPT TO:<${FAKE_ADDRESS}>`)
    expect((await smtp.command('DATA')).code).toBe(354)
    const started = performance.now()
    const reply = await trickle(smtp, MAIL.repeat(4).slice(0, GIVE_UP_MS / 20), 20)
    expect(reply).toEqual({
      code: 421,
      text: '4.4.2 Timeout - mail not received within 400 ms, closing connection',
    })
    expect(await closedWithin(smtp, 1_000)).toBe(true)
    expect(performance.now() - started).toBeLessThan(GIVE_UP_MS / 2)
    expect(gateway.received).toEqual([])
  })
})

describe('every slot taken by slow clients', () => {
  const gateway = useGateway({
    smtpLimits: {
      maxClients: 2,
      commandLineTimeoutMs: 300,
      sessionWithoutMailMs: 600,
      socketTimeoutMs: 2_000,
    },
  })

  it('turns a normal mail away while they hold the slots, and accepts it once they are cut off', async () => {
    const trickler = await greeted(gateway.port)
    const looper = await greeted(gateway.port)
    const stop = { now: false }
    void trickle(trickler, 'x'.repeat(GIVE_UP_MS / 40), 40)
    void (async () => {
      while (!stop.now) {
        if ((await looper.command('NOOP').catch(() => undefined))?.code !== 250) return
        await sleep(50)
      }
    })()

    const refused = rawSmtp(gateway.port)
    expect((await refused.greeting).code).toBe(421)

    const started = performance.now()
    let sent: { response: string } | undefined
    let turnedAway = 0
    while (!sent && performance.now() - started < GIVE_UP_MS) {
      sent = await gateway.smsim
        .sendMail({ from: 'ecole@example.fr', to: FAKE_ADDRESS, subject: 'enfin', text: 'Bonjour' })
        .catch(() => {
          turnedAway++
          return undefined
        })
      if (!sent) await sleep(50)
    }
    stop.now = true
    expect(turnedAway).toBeGreaterThan(0)
    expect(sent?.response).toMatch(/^250 /)
    expect(gateway.received).toHaveLength(1)
    expect(await closedWithin(trickler, 1_000)).toBe(true)
    expect(await closedWithin(looper, 1_000)).toBe(true)
  })
})

describe('honest clients, under the bounds', () => {
  const gateway = useGateway({
    smtpLimits: {
      maxMailBytes: 256 * 1024,
      commandLineTimeoutMs: 200,
      sessionWithoutMailMs: 500,
      dataTimeoutMs: 3_000,
      socketTimeoutMs: 2_000,
    },
  })

  it('takes a session with pauses, and mails after the session bound, since each mail resets it', async () => {
    const smtp = await greeted(gateway.port)
    for (let mail = 0; mail < 3; mail++) {
      for (const command of [
        'EHLO client.example',
        'NOOP',
        'MAIL FROM:<ecole@example.fr>',
        `RCPT TO:<${FAKE_ADDRESS}>`,
      ]) {
        await sleep(60)
        expect((await smtp.command(command)).code).toBe(250)
      }
      expect((await smtp.command('DATA')).code).toBe(354)
      smtp.write('From: ecole@example.fr\r\n')
      await sleep(150)
      smtp.write('Subject: pauses\r\n\r\nBonjour\r\n')
      expect((await smtp.command('.')).code).toBe(250)
    }
    expect(gateway.received).toHaveLength(3)
    expect((await smtp.command('QUIT')).code).toBe(221)
  })

  it('takes a large mail sent at an honest rate, longer than the session and line bounds', async () => {
    const smtp = await greeted(gateway.port)
    await smtp.command('EHLO client.example')
    await smtp.command('MAIL FROM:<ecole@example.fr>')
    await smtp.command(`RCPT TO:<${FAKE_ADDRESS}>`)
    expect((await smtp.command('DATA')).code).toBe(354)
    smtp.write('From: ecole@example.fr\r\nSubject: grand\r\n\r\n')
    // 192 KiB in 16 KiB pieces every 80 ms: about 1 s, twice the session bound, and five times
    // the line bound (a mail's lines are not command lines), at ~200 KiB/s: faster than the
    // 256 KiB in 3 s the data bound asks for.
    const line = `${'x'.repeat(1022)}\r\n`
    for (let piece = 0; piece < 12; piece++) {
      smtp.write(line.repeat(16))
      await sleep(80)
    }
    expect(await smtp.command('.')).toEqual({ code: 250, text: '2.6.0 OK: handed to fakemail' })
    expect(gateway.received).toHaveLength(1)
    expect((await smtp.command('QUIT')).code).toBe(221)
  })
})
