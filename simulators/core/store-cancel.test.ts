/**
 * The `cancel` effect (allmysms's deleteCampaign): SMS still scheduled fail at once with the
 * reason and never reach the phone, in memory and across a restart of the store on disk; SMS
 * already on the network, and other accounts' SMS, are left alone.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type { Effect } from './effects.ts'
import { MemoryStore } from './memory-store.ts'
import { at, HOUR, JEAN, SMSTOB_IDS, sms, T0 } from './memory-store-testing.ts'
import { SqliteStore } from './sqlite-store.ts'

const cancel = (ids: string[], account = 'jean@resto.fr'): Effect => ({
  kind: 'cancel',
  provider: 'smstob',
  account,
  ids,
  reason: 'cancelled',
})

function setup(store: MemoryStore) {
  store.createAccount({ provider: 'smstob', id: 'jean@resto.fr', credits: 10 }, T0)
  const [later] = store.apply([sms(JEAN, { scheduledAt: at(2 * HOUR).toISOString() })], T0).sms
  const [now] = store.apply([sms(JEAN)], T0).sms
  return { later: later!, now: now! }
}

describe('the cancel effect', () => {
  const dirs: string[] = []
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true })
  })

  it('fails a scheduled SMS at once, for good, and leaves a delivered one and another account’s alone', () => {
    const store = new MemoryStore(SMSTOB_IDS)
    const { later, now } = setup(store)
    expect(store.apply([cancel([later.id], 'autre@resto.fr')], T0).events).toEqual([])
    const { events } = store.apply([cancel([later.id, now.id, 'sms-nope'])], at(HOUR))
    expect(events.map((e) => [e.sms.id, e.status])).toEqual([[later.id, 'failed']])
    store.release(at(3 * HOUR))
    expect(store.messages().map((m) => [m.status, m.reason])).toEqual([
      ['failed', 'cancelled'],
      ['delivered', undefined],
    ])
  })

  it('is kept across a restart of the store on disk', () => {
    const dir = mkdtempSync(join(tmpdir(), 'smsim-cancel-'))
    dirs.push(dir)
    const first = new SqliteStore({ ...SMSTOB_IDS, dir })
    const { later } = setup(first)
    first.apply([cancel([later.id])], at(HOUR))
    first.close()
    const again = new SqliteStore({ ...SMSTOB_IDS, dir })
    again.release(at(3 * HOUR))
    expect(again.messages()[0]).toMatchObject({ status: 'failed', reason: 'cancelled' })
    again.close()
  })
})
