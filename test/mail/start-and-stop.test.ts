/**
 * smsim starts its SMTP gateway with the HTTP side and stops both (`startSmsim`,
 * `startTestSmsim`), and the `smsim start` command prints where it listens and which addresses
 * take mail. A port that is taken fails the start cleanly: `PortInUseError`, exit status 2.
 */
import { connect, createServer, type AddressInfo, type Server } from 'node:net'
import { afterEach, describe, expect, it } from 'vitest'
import { buildProgram, runProgram } from '../../command/smsim.ts'
import { PortInUseError } from '../../simulators/core/errors.ts'
import { startSmsim, startTestSmsim } from '../../simulators/testing.ts'
import { PROVIDERS } from '../../simulators/providers.ts'
import { FAKE_ADDRESS, fakeMailProvider, rawSmtp } from './helpers.ts'

const blockers: Server[] = []
afterEach(() => {
  for (const blocker of blockers.splice(0)) blocker.close()
})

/** A port held by another listener for the rest of the test. */
async function takenPort(): Promise<number> {
  const blocker = createServer()
  blockers.push(blocker)
  await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve))
  return (blocker.address() as AddressInfo).port
}

/** Whether something accepts connections on the port. */
function listening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1')
    socket.once('connect', () => resolve(socket.destroy() && true))
    socket.once('error', () => resolve(false))
  })
}

describe('startTestSmsim', () => {
  it('starts HTTP and SMTP on free ports, and close() stops both', async () => {
    const smsim = await startTestSmsim()
    expect(smsim.smtp.host).toBe('127.0.0.1')
    expect(smsim.smtp.port).not.toBe(2525)
    const smtp = rawSmtp(smsim.smtp.port)
    expect((await smtp.greeting).code).toBe(220)
    await smtp.command('QUIT')
    const httpPort = Number(new URL(smsim.url).port)
    await smsim.close()
    expect(await listening(smsim.smtp.port)).toBe(false)
    expect(await listening(httpPort)).toBe(false)
  })

  it('stops at once with a client connected between mails, and tells it so', async () => {
    const smsim = await startTestSmsim({ smtpLimits: { closeGraceMs: 60_000 } })
    const idle = rawSmtp(smsim.smtp.port)
    await idle.greeting
    await idle.command('EHLO client.example')
    await smsim.close()
    expect(await idle.reply()).toEqual({ code: 421, text: '4.4.2 Server shutting down' })
    await idle.closed
  })

  it('lets a mail under way finish, then stops', async () => {
    const smsim = await startTestSmsim({
      providers: [...PROVIDERS, fakeMailProvider([])],
      smtpLimits: { closeGraceMs: 60_000 },
    })
    const busy = rawSmtp(smsim.smtp.port)
    await busy.greeting
    await busy.command('EHLO client.example')
    await busy.command('MAIL FROM:<ecole@example.fr>')
    expect((await busy.command(`RCPT TO:<${FAKE_ADDRESS}>`)).code).toBe(250)
    await busy.command('DATA')
    busy.write('Subject: presque\r\n\r\nBon')
    const stopped = smsim.close()
    expect((await busy.command('jour\r\n.')).code).toBe(250)
    expect((await busy.command('QUIT')).code).toBe(421)
    await stopped
  })
})

describe('startSmsim', () => {
  it('fails with PortInUseError when the SMTP port is taken, and frees the HTTP port again', async () => {
    const smtpPort = await takenPort()
    const failure = await startSmsim({ httpPort: 0, smtpPort, demo: false }).catch(
      (error: unknown) => error,
    )
    expect(failure).toBeInstanceOf(PortInUseError)
    expect((failure as PortInUseError).message).toBe(
      `port ${smtpPort} on 127.0.0.1 is already in use`,
    )
  })
})

/**
 * Runs `smsim start …` in this process until it prints its banner (the binary itself is
 * spawned in test/server/cli.test.ts): `exited` is the status of a start that failed, `stop`
 * closes one that started.
 */
function start(args: string[]) {
  let output = ''
  let stop: (() => Promise<void>) | undefined
  const exited = buildProgram({
    output: { writeOut: (text) => (output += text), writeErr: (text) => (output += text) },
    untilStopped: (close) => (stop = close),
    commands: 'start',
  }).then((program) => runProgram(program, ['node', 'smsim', 'start', ...args]))
  const banner = exited.then((code) => {
    if (code !== undefined || !stop) throw new Error(`smsim exited with ${code}: ${output}`)
    return output
  })
  return { banner, exited, output: () => output, stop: () => stop?.() }
}

describe('smsim start', () => {
  it('prints the SMTP address and the addresses that take mail, and takes mail there', async () => {
    const smsim = start(['--http-port', '0', '--smtp-port', '0', '--no-demo'])
    try {
      const banner = await smsim.banner
      const port = Number(/SMTP\s+smtp:\/\/127\.0\.0\.1:(\d+)/.exec(banner)?.[1])
      expect(port).toBeGreaterThan(0)
      expect(banner).toContain('every other is refused with 550')
      const smtp = rawSmtp(port)
      expect((await smtp.greeting).text).toMatch(/^smsim ESMTP/)
      await smtp.command('EHLO client.example')
      await smtp.command('MAIL FROM:<ecole@example.fr>')
      expect((await smtp.command('RCPT TO:<friend@gmail.com>')).code).toBe(550)
      await smtp.command('QUIT')
    } finally {
      await smsim.stop()
    }
  })

  it('exits with status 2 and a clear message when the SMTP port is taken', async () => {
    const port = await takenPort()
    const smsim = start(['--http-port', '0', '--smtp-port', String(port)])
    smsim.banner.catch(() => undefined)
    expect(await smsim.exited).toBe(2)
    expect(smsim.output()).toContain(`smsim: port ${port} on 127.0.0.1 is already in use`)
    expect(smsim.output()).not.toMatch(/\n\s+at /)
  })
})
