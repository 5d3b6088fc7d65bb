/**
 * What the unit tests of {@link MemoryStore} share: a clock origin, the magic numbers they
 * deliver to, and the effects a decision returns, written short.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Effect } from './effects.ts'
import { MemoryStore, type MemoryStoreOptions } from './memory-store.ts'
import type { NewSms } from './model.ts'
import { SqliteStore } from './sqlite-store.ts'

/** A kind of store the same behavioural suite runs over (STYLE.md §21). */
export interface StoreKind {
  name: string
  open(options?: MemoryStoreOptions): MemoryStore
}

const opened: { store: SqliteStore; dir: string }[] = []

/** Every store the suite runs over: in memory, and on disk (`--data-dir`). */
export const STORE_KINDS: readonly StoreKind[] = [
  { name: 'MemoryStore', open: (options) => new MemoryStore(options) },
  {
    name: 'SqliteStore',
    open: (options) => {
      const dir = mkdtempSync(join(tmpdir(), 'smsim-store-'))
      const store = new SqliteStore({ ...options, dir })
      opened.push({ store, dir })
      return store
    },
  },
]

/** Closes the stores on disk the test opened and deletes their directories (an `afterEach`). */
export function closeStores(): void {
  for (const { store, dir } of opened.splice(0)) {
    store.close()
    rmSync(dir, { recursive: true, force: true })
  }
}

export const T0 = new Date('2026-01-05T09:00:00+01:00')
export const MINUTE = 60_000
export const HOUR = 60 * MINUTE
export const at = (ms: number): Date => new Date(T0.getTime() + ms)
export const iso = (ms: number): string => at(ms).toISOString()

export const JEAN = '+33660919010'
export const ABSENT_10_MIN = '+33600000013'
export const ABSENT_FOREVER = '+33600000015'
export const UNASSIGNED = '+33600000010'

/** SMStoB logins are e-mail addresses, compared without case, as the server configures it. */
export const SMSTOB_IDS: MemoryStoreOptions = {
  normalizeId: (_provider, id) => id.trim().toLowerCase(),
}

/** A store with SMStoB's account `jean@resto.fr` and 10 credits, as each test starts from. */
export function storeWithJean(kind: StoreKind = STORE_KINDS[0]!): MemoryStore {
  const store = kind.open(SMSTOB_IDS)
  store.createAccount({ provider: 'smstob', id: 'jean@resto.fr', secret: 'x', credits: 10 }, T0)
  return store
}

/** An SMS of jean@resto.fr's to `to`, as a decision returns it. */
export function sms(to: string, extra: Partial<NewSms> = {}): Effect {
  return {
    kind: 'sms',
    sms: {
      provider: 'smstob',
      account: 'jean@resto.fr',
      transport: 'http',
      to,
      text: 'Bonjour',
      encoding: 'gsm7',
      segments: 1,
      class: 'normal',
      validityMs: 24 * HOUR,
      ...extra,
    },
  }
}

/** A debit of the account, as a decision returns it. */
export const debit = (amount: number, account = 'jean@resto.fr'): Effect => ({
  kind: 'debit',
  provider: 'smstob',
  account,
  amount,
  reason: 'send (http)',
})
