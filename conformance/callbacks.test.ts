/**
 * The runner's callback receiver: each scenario's calls under its own path, 500 where a
 * scenario asks for a failure, and a wait that ends with the call it waits for.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CallbackReceiver } from './callbacks.ts'

let receiver: CallbackReceiver
beforeAll(async () => {
  receiver = await CallbackReceiver.start()
})
afterAll(() => receiver.close())

describe('CallbackReceiver', () => {
  it("keeps each scenario's calls apart, in the order they came, with what it answered", async () => {
    const a = receiver.urlFor('run-1')
    const b = receiver.urlFor('run-2')
    expect((await fetch(`${a}/delivered?id=1`)).status).toBe(200)
    expect((await fetch(`${b}/fail/delivered?id=2`)).status).toBe(500)
    expect((await fetch(`${a}/nondelivered?id=3`)).status).toBe(200)
    const signal = AbortSignal.timeout(5000)
    expect(await receiver.waitFor('run-1', 0, signal)).toEqual([
      { method: 'GET', path: '/delivered?id=1', answered: 200 },
      { method: 'GET', path: '/nondelivered?id=3', answered: 200 },
    ])
    expect(await receiver.waitFor('run-2', 1, signal)).toEqual([
      { method: 'GET', path: '/fail/delivered?id=2', answered: 500 },
    ])
  })

  it('waits for a call that has not come yet, and gives it as soon as it does', async () => {
    const waiting = receiver.waitFor('run-3', 1, AbortSignal.timeout(5000))
    await fetch(`${receiver.urlFor('run-3')}/buffered?id=9`)
    expect(await waiting).toEqual([{ method: 'GET', path: '/buffered?id=9', answered: 200 }])
  })

  it('stops waiting when told to, with the reason', async () => {
    const stop = new AbortController()
    const waiting = receiver.waitFor('run-4', 1, stop.signal)
    stop.abort(new Error('step timed out'))
    await expect(waiting).rejects.toThrow()
  })
})
