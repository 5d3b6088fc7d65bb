/**
 * A notification that fails (an HTTP status outside 2xx, or no connection) is tried again on
 * the simulator clock, 1 minute and then 5 minutes later, three attempts in all; each attempt
 * is in the journal with transport `callback`.
 *
 * @see simulators/engine/callbacks.ts — CALLBACK_RETRY_DELAYS_MS
 */
import { afterEach, describe, expect, it } from 'vitest'
import { CALLBACK_RETRY_DELAYS_MS } from '../../../simulators/engine/callbacks.ts'
import { MINUTE, MOBILE, SEND } from '../json/helpers.ts'
import { startListener, useCallbackSmsim, type Listener } from './helpers.ts'

describe('notification retries', () => {
  const aspsms = useCallbackSmsim()
  const listeners: Listener[] = []
  afterEach(async () => {
    for (const l of listeners.splice(0)) await l.close()
  })
  const listen = async (statuses: number[]) => {
    const listener = await startListener(statuses)
    listeners.push(listener)
    return listener
  }
  const send = (url: string) =>
    aspsms.post('SendTextSMS', {
      ...SEND,
      Recipients: [`${MOBILE}:42`],
      URLDeliveryNotification: `${url}/dlr?id=`,
    })

  it('waits 1 and 5 minutes of simulator time between attempts', () => {
    expect(CALLBACK_RETRY_DELAYS_MS).toEqual([1 * MINUTE, 5 * MINUTE])
  })

  it('tries a listener that answered 500 again only once the clock has moved 1 minute', async () => {
    const dlr = await listen([500, 200])
    await send(dlr.url)
    await dlr.nth(1)
    await aspsms.settled()

    await aspsms.advance(59_000)
    await aspsms.settled()
    expect(dlr.received).toHaveLength(1)

    await aspsms.advance(1_000)
    expect((await dlr.nth(2)).path).toBe('/dlr?id=42')
    await aspsms.settled()
    await aspsms.advance(60 * MINUTE)
    await aspsms.settled()
    expect(dlr.received).toHaveLength(2)
    expect((await aspsms.callbacks()).map((c) => [c.at, c.status, c.note])).toEqual([
      ['2026-01-05T08:00:00.000Z', 500, 'attempt 1/3: HTTP 500'],
      ['2026-01-05T08:01:00.000Z', 200, 'attempt 2/3'],
    ])
  })

  it('gives up after exactly 3 attempts to a listener that always fails', async () => {
    const dlr = await listen([503])
    await send(dlr.url)
    await dlr.nth(1)
    await aspsms.settled()
    await aspsms.advance(1 * MINUTE)
    await dlr.nth(2)
    await aspsms.settled()
    await aspsms.advance(5 * MINUTE)
    await dlr.nth(3)
    await aspsms.settled()
    await aspsms.advance(24 * 60 * MINUTE)
    await aspsms.settled()
    expect(dlr.received).toHaveLength(3)
    expect((await aspsms.callbacks()).map((c) => [c.at, c.status, c.note])).toEqual([
      ['2026-01-05T08:00:00.000Z', 503, 'attempt 1/3: HTTP 503'],
      ['2026-01-05T08:01:00.000Z', 503, 'attempt 2/3: HTTP 503'],
      ['2026-01-05T08:06:00.000Z', 503, 'attempt 3/3: HTTP 503'],
    ])
  })

  it('counts a refused connection as a failed attempt, and journals why', async () => {
    const gone = await listen([200])
    await gone.close()
    await send(gone.url)
    await aspsms.settled()
    const [first] = await aspsms.callbacks()
    expect(first).toMatchObject({
      transport: 'callback',
      note: `attempt 1/3: connect ECONNREFUSED ${new URL(gone.url).host}`,
    })
    expect(first?.status).toBeUndefined()
  })
})
