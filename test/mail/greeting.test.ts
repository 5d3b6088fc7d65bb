/**
 * The gateway greets a new connection at once, without smtp-server's hard-coded 100 ms "early
 * talker" delay, and only once (docs/decisions/007-smtp-greeting-delay.md). The one wait here
 * on the wall clock is the library's own 100 ms timer, which these tests are about.
 */
import { describe, expect, it } from 'vitest'
import { startSmtpGateway } from '../../simulators/mail/smtp-gateway.ts'
import { Simulator } from '../../simulators/server/simulator.ts'
import { recordingLogger } from '../support/logger.ts'
import { rawSmtp } from './helpers.ts'

/** Milliseconds from connecting to the greeting. */
async function timeToGreeting(port: number): Promise<number> {
  const started = performance.now()
  const smtp = rawSmtp(port)
  const greeting = await smtp.greeting
  const elapsed = performance.now() - started
  expect(greeting.code).toBe(220)
  await smtp.command('QUIT')
  return elapsed
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[values.length >> 1]!

describe('the greeting', () => {
  it('comes at once, well before the library’s 100 ms, and only once', async () => {
    const logger = recordingLogger()
    const smtp = await startSmtpGateway(new Simulator({ demo: false }), { port: 0, logger })
    try {
      const times = []
      for (let i = 0; i < 7; i++) times.push(await timeToGreeting(smtp.port))
      expect(median(times)).toBeLessThan(50)

      // Past the library's own timer, the session goes on with no second 220 in it.
      const session = rawSmtp(smtp.port)
      await session.greeting
      await new Promise((resolve) => setTimeout(resolve, 150))
      expect(await session.command('NOOP')).toEqual({ code: 250, text: '2.0.0 OK' })
      await session.command('QUIT')
      expect(logger.calls).toEqual([])
    } finally {
      await smtp.close()
    }
  })

  it('waits the library’s 100 ms when promptGreeting is off (the benchmark’s baseline)', async () => {
    const smtp = await startSmtpGateway(new Simulator({ demo: false }), {
      port: 0,
      promptGreeting: false,
    })
    try {
      expect(await timeToGreeting(smtp.port)).toBeGreaterThanOrEqual(95)
    } finally {
      await smtp.close()
    }
  })
})
