/**
 * `/_smsim/leases` over HTTP: how runners that share one smsim take turns on its clock and
 * faults. A POST answers when the lease is granted, so a waiting runner simply awaits it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestSmsim, type TestSmsim } from '../../simulators/testing.ts'

let smsim: TestSmsim
beforeAll(async () => {
  smsim = await startTestSmsim()
})
afterAll(() => smsim.close())

interface Lease {
  id: string
  mode: string
  ttlMs: number
}
type LeaseState = { shared: number; exclusive: number; waiting: number }

/** Reads the lease table until it shows `waiting` waiters (a request in flight reaches it). */
async function untilWaiting(waiting: number): Promise<LeaseState> {
  for (;;) {
    const state = await smsim.control.get<LeaseState>('/leases')
    if (state.waiting === waiting) return state
    await new Promise((resolve) => setImmediate(resolve))
  }
}

describe('leases', () => {
  it('grants an exclusive lease at once when nothing is held, and ends it on DELETE', async () => {
    const lease = await smsim.control.post<Lease>('/leases', { mode: 'exclusive', ttlMs: 5000 })
    expect(lease).toMatchObject({ mode: 'exclusive', ttlMs: 5000 })
    expect(await smsim.control.get('/leases')).toEqual({ shared: 0, exclusive: 1, waiting: 0 })
    await smsim.control.delete(`/leases/${lease.id}`)
    expect(await smsim.control.get('/leases')).toEqual({ shared: 0, exclusive: 0, waiting: 0 })
  })

  it('answers a second exclusive request only once the first lease is released', async () => {
    const first = await smsim.control.post<Lease>('/leases', { mode: 'exclusive' })
    let answered = false
    const second = smsim.control.post<Lease>('/leases', { mode: 'exclusive' }).then((lease) => {
      answered = true
      return lease
    })
    await untilWaiting(1)
    expect(answered).toBe(false)
    await smsim.control.delete(`/leases/${first.id}`)
    const lease = await second
    expect(lease.mode).toBe('exclusive')
    await smsim.control.delete(`/leases/${lease.id}`)
  })

  it('forgets a waiting request whose client hung up', async () => {
    const held = await smsim.control.post<Lease>('/leases', { mode: 'exclusive' })
    const hangUp = new AbortController()
    const waiting = fetch(`${smsim.url}/_smsim/leases`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ mode: 'exclusive' }),
      signal: hangUp.signal,
    }).catch((error: Error) => error.name)
    await untilWaiting(1)
    hangUp.abort()
    expect(await waiting).toBe('AbortError')
    await untilWaiting(0)
    await smsim.control.delete(`/leases/${held.id}`)
    expect(await smsim.control.get('/leases')).toEqual({ shared: 0, exclusive: 0, waiting: 0 })
  })

  it('refuses an unknown mode, a time to live out of range and an unknown lease', async () => {
    await expect(smsim.control.post('/leases', { mode: 'forever' })).rejects.toThrow(
      /400 .*mode must be .*shared.* or .*exclusive/,
    )
    await expect(smsim.control.post('/leases', { ttlMs: 0 })).rejects.toThrow(/400 .*ttlMs/)
    await expect(smsim.control.delete('/leases/nope')).rejects.toThrow(/404 .*no lease .*nope/)
  })
})
