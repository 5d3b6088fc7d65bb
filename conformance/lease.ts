/**
 * The runner's side of smsim's leases (simulators/server/leases.ts): each scenario holds a
 * shared lease on the target while it runs, or an exclusive one when it moves what every
 * scenario shares (the clock, a fault). Within one run a local lock already orders them; the
 * lease orders them across runs — two CI jobs, or `--provider smstob` and `--provider aspsms`
 * started side by side — pointed at one smsim.
 */
import { MAX_LEASE_TTL_MS } from '../simulators/server/leases.ts'
import type { Target } from './target.ts'

/**
 * Waits for a lease and returns its release; a target without a control API (a foreign
 * endpoint) or without leases (an older smsim) has nothing to lease.
 *
 * @example
 * const release = await leaseOn(target, true, 60_000)
 * try { … } finally { await release() }
 */
export async function leaseOn(
  target: Target,
  exclusive: boolean,
  ttlMs: number,
): Promise<() => Promise<void>> {
  const control = target.control
  if (!control) return async () => {}
  let id: string
  try {
    ;({ id } = await control.post<{ id: string }>('/leases', {
      mode: exclusive ? 'exclusive' : 'shared',
      ttlMs: Math.min(MAX_LEASE_TTL_MS, Math.max(1, Math.round(ttlMs))),
    }))
  } catch (error) {
    if (/→ 404 /.test((error as Error).message)) return async () => {}
    throw error
  }
  return () => control.delete(`/leases/${id}`)
}
