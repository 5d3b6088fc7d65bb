/**
 * Leases: any number of shared ones at once, an exclusive one alone, in the order they were
 * asked for, and none outliving its time to live.
 */
import { afterEach, describe, expect, it, vi } from 'vitest'
import { LeaseTable, MAX_LEASE_WAITERS } from './leases.ts'

/** Whether a promise has settled, after the microtasks queued so far have run. */
async function settled(promise: Promise<unknown>): Promise<boolean> {
  let done = false
  void promise.then(
    () => (done = true),
    () => (done = true),
  )
  await new Promise((resolve) => setImmediate(resolve))
  return done
}

describe('LeaseTable', () => {
  afterEach(() => void vi.useRealTimers())

  it('grants shared leases side by side', async () => {
    const leases = new LeaseTable()
    await leases.acquire('shared', 60_000)
    await leases.acquire('shared', 60_000)
    expect(leases.state).toEqual({ shared: 2, exclusive: 0, waiting: 0 })
  })

  it('grants an exclusive lease only when nothing else is held, and holds others back meanwhile', async () => {
    const leases = new LeaseTable()
    const first = await leases.acquire('shared', 60_000)
    const exclusive = leases.acquire('exclusive', 60_000)
    expect(await settled(exclusive)).toBe(false)
    // Asked for after the exclusive one: it waits its turn, though a shared lease is held.
    const later = leases.acquire('shared', 60_000)
    expect(await settled(later)).toBe(false)
    expect(leases.state).toEqual({ shared: 1, exclusive: 0, waiting: 2 })

    leases.release(first)
    const id = await exclusive
    expect(await settled(later)).toBe(false)
    expect(leases.state).toEqual({ shared: 0, exclusive: 1, waiting: 1 })
    leases.release(id)
    await later
    expect(leases.state).toEqual({ shared: 1, exclusive: 0, waiting: 0 })
  })

  it('says a lease was not held when it is released twice', async () => {
    const leases = new LeaseTable()
    const id = await leases.acquire('exclusive', 60_000)
    expect(leases.release(id)).toBe(true)
    expect(leases.release(id)).toBe(false)
  })

  it('ends a lease when its time to live runs out, so a dead runner cannot block the simulator', async () => {
    vi.useFakeTimers()
    const leases = new LeaseTable()
    await leases.acquire('exclusive', 5_000)
    const next = leases.acquire('exclusive', 5_000)
    vi.advanceTimersByTime(4_999)
    expect(leases.state.waiting).toBe(1)
    vi.advanceTimersByTime(1)
    await next
    expect(leases.state).toEqual({ shared: 0, exclusive: 1, waiting: 0 })
  })

  it('drops a waiter whose runner went away, and lets the next one in', async () => {
    const leases = new LeaseTable()
    const held = await leases.acquire('shared', 60_000)
    const gone = new AbortController()
    const abandoned = leases.acquire('exclusive', 60_000, gone.signal)
    const next = leases.acquire('shared', 60_000)
    gone.abort(new Error('the client went away'))
    await expect(abandoned).rejects.toThrow('the client went away')
    await next
    expect(leases.state).toEqual({ shared: 2, exclusive: 0, waiting: 0 })
    leases.release(held)
  })

  it(`refuses more than ${MAX_LEASE_WAITERS} waiters`, async () => {
    const leases = new LeaseTable()
    await leases.acquire('exclusive', 60_000)
    for (let i = 0; i < MAX_LEASE_WAITERS; i++) void leases.acquire('shared', 60_000)
    await expect(leases.acquire('shared', 60_000)).rejects.toThrow('already waiting')
  })
})
