/**
 * Setup of the delivery-notification tests: the standalone server with a frozen clock, and an
 * HTTP listener inside the test that receives the GETs smsim makes.
 *
 * Nothing here waits on the wall clock: the simulator clock moves through the control API
 * (`PUT /_smsim/clock`, `POST /_smsim/clock/advance`), a test waits for the listener's n-th
 * request with a promise, and `sim.callbacks.settled()` waits for the attempts already started
 * — an attempt falls due only when the clock moves, and starts before the control API answers.
 *
 * @example
 * const dlr = await startListener([500, 200])
 * await post('SendTextSMS', { ...SEND, URLDeliveryNotification: `${dlr.url}/dlr?id=` })
 * expect((await dlr.nth(1)).path).toBe('/dlr?id=4242')
 */
import { createServer, type IncomingHttpHeaders } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterEach } from 'vitest'
import type { JournalEntry } from '../../../simulators/core/model.ts'
import { controlOverHttp, resetEachTest } from '../../support/control.ts'
import { recordingLogger } from '../../support/logger.ts'
import { useTestSmsim } from '../../support/smsim.ts'
import { ACCOUNT, MONDAY_9H } from '../json/helpers.ts'

export interface Received {
  method: string
  /** Path and query as received. */
  path: string
  headers: IncomingHttpHeaders
}

export interface Listener {
  /** `http://127.0.0.1:<port>` */
  url: string
  received: Received[]
  /** Resolves when the n-th request (from 1) has arrived. */
  nth(n: number): Promise<Received>
  close(): Promise<void>
}

/**
 * Starts a listener on 127.0.0.1:0 that answers its requests with `statuses` in turn (the last
 * one repeated).
 */
export async function startListener(statuses: number[] = [200]): Promise<Listener> {
  const received: Received[] = []
  const waiting = new Map<number, (r: Received) => void>()
  const server = createServer((req, res) => {
    const request = { method: req.method ?? '', path: req.url ?? '', headers: req.headers }
    received.push(request)
    const status = statuses[Math.min(received.length, statuses.length) - 1] ?? 200
    res.writeHead(status, { 'content-type': 'text/plain' }).end(String(status))
    waiting.get(received.length)?.(request)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    received,
    nth: (n) =>
      received[n - 1]
        ? Promise.resolve(received[n - 1]!)
        : new Promise((resolve) => waiting.set(n, resolve)),
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}

export interface CallbackTarget {
  /** POST to `/aspsms/json/<method>`; resolves with the parsed answer. */
  post(method: string, body: unknown): Promise<Record<string, unknown>>
  advance(ms: number): Promise<void>
  /** Waits for every notification attempt already started. */
  settled(): Promise<void>
  /** The journal's notification attempts, oldest first. */
  callbacks(): Promise<JournalEntry[]>
}

/** The standalone server for the enclosing `describe`, reset and frozen at 9:00 before each test. */
export function useCallbackSmsim(): CallbackTarget {
  const logger = recordingLogger()
  const running = useTestSmsim({ logger })
  const aspsms = controlOverHttp(() => running().control, 'aspsms')
  resetEachTest(aspsms, { now: MONDAY_9H, accounts: [ACCOUNT], logger })
  // Registered after resetEachTest's check, so it runs before it: an attempt still running
  // could log after the check.
  afterEach(() => running().sim.callbacks.settled())
  return {
    async post(method, body) {
      const response = await fetch(`${running().url}/aspsms/json/${method}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      })
      return (await response.json()) as Record<string, unknown>
    },
    advance: aspsms.advance,
    settled: () => running().sim.callbacks.settled(),
    async callbacks() {
      const journal = await aspsms.journal()
      return journal.filter((entry) => entry.transport === 'callback')
    },
  }
}
