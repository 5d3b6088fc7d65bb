/**
 * `/_smsim/leases`: the control API side of leases.ts. `POST` waits — the answer comes when the
 * lease is granted — so a runner simply awaits it; `DELETE` ends it.
 */
import type { Router } from 'express'
import { ControlError } from '../core/errors.ts'
import { LeaseTable, MAX_LEASE_TTL_MS, type LeaseMode } from './leases.ts'

const MODES: readonly LeaseMode[] = ['shared', 'exclusive']

/**
 * Mounts the lease routes on the control API's router.
 *
 * @example
 * // POST /_smsim/leases {"mode":"exclusive","ttlMs":60000} → 201 {"id":"…","mode":"exclusive","ttlMs":60000}
 * // DELETE /_smsim/leases/<id> → 204
 */
export function mountLeaseRoutes(api: Router, leases = new LeaseTable()): LeaseTable {
  api.get('/leases', (_req, res) => res.json(leases.state))
  api.post('/leases', async (req, res) => {
    const body = (req.body ?? {}) as { mode?: unknown; ttlMs?: unknown }
    const mode = body.mode ?? 'shared'
    const ttlMs = body.ttlMs ?? 60_000
    if (!MODES.includes(mode as LeaseMode))
      throw new ControlError(400, 'mode must be "shared" or "exclusive"')
    if (typeof ttlMs !== 'number' || !(ttlMs > 0) || ttlMs > MAX_LEASE_TTL_MS)
      throw new ControlError(
        400,
        `ttlMs must be a number of milliseconds from 1 to ${MAX_LEASE_TTL_MS}`,
      )
    // The runner gave up (timeout, Ctrl-C): its place in the queue goes, or its lease if granted.
    const gone = new AbortController()
    res.on('close', () => {
      if (!res.writableFinished) gone.abort(new Error('the client went away'))
    })
    let id: string
    try {
      id = await leases.acquire(mode as LeaseMode, ttlMs, gone.signal)
    } catch (error) {
      if (gone.signal.aborted) return
      throw new ControlError(503, (error as Error).message)
    }
    if (gone.signal.aborted) return void leases.release(id)
    res.status(201).json({ id, mode, ttlMs })
  })
  api.delete('/leases/:id', (req, res) => {
    if (!leases.release(req.params.id))
      throw new ControlError(404, `no lease "${req.params.id}" (released, or expired)`)
    res.status(204).end()
  })
  return leases
}
