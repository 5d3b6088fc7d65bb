/**
 * smsim started on free ports (HTTP and SMTP) for the enclosing `describe`, and what the mail
 * suites read back from it.
 *
 * @example
 * const smsim = useTestSmsim({ logger })
 * it('answers', async () => expect((await fetch(`${smsim().url}/smstob/http.php`)).status).toBe(200))
 */
import { afterAll, beforeAll, expect } from 'vitest'
import type { Mail } from '../../simulators/core/model.ts'
import { startTestSmsim, type StartOptions, type TestSmsim } from '../../simulators/testing.ts'

/**
 * Starts smsim before the enclosing `describe`'s first test and closes it after its last. The
 * getter fails clearly when a test reaches it outside the `describe`'s run.
 */
export function useTestSmsim(options: StartOptions = {}): () => TestSmsim {
  let running: TestSmsim | undefined
  beforeAll(async () => {
    running = await startTestSmsim(options)
  })
  afterAll(() => running?.close())
  return () => {
    if (!running) throw new Error('smsim is not started')
    return running
  }
}

/**
 * The outbox mail that answers the mail `messageId` (by its `In-Reply-To`); fails the test
 * unless there is exactly one.
 */
export async function replyTo(smsim: TestSmsim, messageId: string): Promise<Mail> {
  const found = (await smsim.outbox()).filter((m) => m.headers?.['In-Reply-To'] === messageId)
  expect(found, `replies to ${messageId}`).toHaveLength(1)
  return found[0]!
}
