/**
 * The store on disk (`--data-dir`, issue 15) across restarts: what one store wrote, the next one
 * opened on the same directory reads; a directory in use, newer or damaged is refused clearly.
 * (The behaviour it shares with the memory store is the memory store's suite, run over both.)
 */
import { mkdtempSync, readFileSync, rmSync, statSync, truncateSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { at, debit, HOUR, JEAN, MINUTE, SMSTOB_IDS, sms, T0 } from './memory-store-testing.ts'
import { DATABASE_FILE, SCHEMA_VERSION } from './data-dir.ts'
import { SqliteStore } from './sqlite-store.ts'

/** Restarts read the writes alone, a snapshot alone, or a snapshot and the writes after it. */
const COMPACTIONS = [
  { name: 'writes only', compactAfterWrites: 1e9 },
  { name: 'a snapshot after every write', compactAfterWrites: 1 },
  { name: 'a snapshot every 3 writes', compactAfterWrites: 3 },
]

describe.each(COMPACTIONS)('SqliteStore across a restart ($name)', ({ compactAfterWrites }) => {
  let dir: string
  const open: SqliteStore[] = []
  const openStore = (options = {}) => {
    const store = new SqliteStore({ ...SMSTOB_IDS, compactAfterWrites, ...options, dir })
    open.push(store)
    return store
  }
  const restart = (store: SqliteStore, options = {}) => {
    store.close()
    return openStore(options)
  }
  /** The error `fn` throws, as `code: message`, the directory written `<dir>`. */
  const refusal = (fn: () => unknown): string => {
    try {
      fn()
    } catch (error) {
      const { code, message } = error as { code: string; message: string }
      return `${code}: ${message.replace(dir, '<dir>')}`
    }
    return 'not refused'
  }
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'smsim-data-'))
  })
  afterEach(() => {
    for (const store of open.splice(0)) store.close()
    rmSync(dir, { recursive: true, force: true })
  })

  it('keeps accounts, credits, ledger, SMS, mails, marks, numbers and journal', () => {
    const store = openStore()
    store.createAccount({ provider: 'smstob', id: 'jean@resto.fr', secret: 'x', credits: 10 }, T0)
    store.apply([sms(JEAN), debit(1)], T0)
    store.apply(
      [
        { kind: 'mark', provider: 'smstob', account: 'jean@resto.fr', key: 'email-1' },
        {
          kind: 'mail',
          mail: { provider: 'smstob', from: 'a@b', to: 'c@d', subject: 's', text: 't' },
        },
      ],
      T0,
    )
    store.setNumber(JEAN, { status: 'absent', backAfterMs: 10 * MINUTE })
    store.addJournal({ at: T0.toISOString(), provider: 'smstob', transport: 'http', request: {} })
    const before = {
      accounts: store.listAccounts(),
      ledger: store.ledger(),
      messages: store.messages(),
      mails: store.mails(),
      journal: store.journal(),
      numbers: store.listNumbers(),
    }

    const again = restart(store)
    expect({
      accounts: again.listAccounts(),
      ledger: again.ledger(),
      messages: again.messages(),
      mails: again.mails(),
      journal: again.journal(),
      numbers: again.listNumbers(),
    }).toEqual(before)
    expect(again.account('smstob', 'jean@resto.fr')?.credits).toBe(9)
    expect(again.hasMark('smstob', 'jean@resto.fr', 'email-1')).toBe(true)
    expect(again.lastSubmitted('smstob', 'jean@resto.fr', JEAN, 'Bonjour')).toBe(T0.getTime())
    // The numbering goes on where it stopped.
    expect(again.apply([sms(JEAN, { text: 'encore' })], at(MINUTE)).sms[0]!.id).toBe('sms-000002')
  })

  it('releases a deferred SMS on time after a restart', () => {
    const store = openStore()
    store.createAccount({ provider: 'smstob', id: 'jean@resto.fr', credits: 10 }, T0)
    const [deferred] = store.apply([sms(JEAN, { scheduledAt: at(HOUR).toISOString() })], T0).sms
    const again = restart(store)
    expect(again.release(at(HOUR - 1))).toEqual([])
    const events = again.release(at(HOUR))
    expect(events.map((e) => [e.sms.id, e.status])).toEqual([[deferred!.id, 'delivered']])
    // The release itself is kept: delivered once, not again after the next restart.
    expect(restart(again).release(at(2 * HOUR))).toEqual([])
  })

  it('finds a masked journal entry by its clear account id after a restart', () => {
    const secret = { secretAccountIds: (provider: string) => provider === 'isendpro' }
    const store = openStore(secret)
    const keyid = 'a296464ce012b8ab710a'
    store.addJournal({
      at: T0.toISOString(),
      provider: 'isendpro',
      transport: 'http',
      account: keyid,
      request: { keyid },
    })
    const again = restart(store, secret)
    expect(again.journal({ account: keyid })).toHaveLength(1)
    // Nothing in clear on disk.
    again.close()
    expect(readFileSync(join(dir, DATABASE_FILE)).includes(keyid)).toBe(false)
  })

  it('starts empty again after a reset', () => {
    const store = openStore()
    store.createAccount({ provider: 'smstob', id: 'jean@resto.fr', credits: 10 }, T0)
    store.reset()
    store.createAccount({ provider: 'aspsms', id: 'KEY', credits: 1 }, T0)
    expect(
      restart(store)
        .listAccounts()
        .map((a) => a.id),
    ).toEqual(['KEY'])
  })

  it('commits the writes of one turn together, and says when they are on disk', async () => {
    const store = openStore()
    store.createAccount({ provider: 'smstob', id: 'jean@resto.fr', credits: 10 }, T0)
    store.apply([sms(JEAN), debit(1)], T0)
    const durable = store.durable()
    store.apply([sms(JEAN, { text: 'second' }), debit(1)], T0)
    await durable
    // Nothing left to wait for: the answer to a read-only request is not held.
    expect(store.durable()).toBe(store.durable())
    const again = restart(store)
    expect(again.messages()).toHaveLength(2)
    expect(again.account('smstob', 'jean@resto.fr')?.credits).toBe(8)
  })

  it('refuses a second smsim on the same directory', () => {
    openStore()
    expect(refusal(() => new SqliteStore({ dir }))).toMatchInlineSnapshot(
      `"SMSIM_DATA_DIR_LOCKED: <dir>/smsim.db is in use by another smsim: stop it, or give this one another --data-dir"`,
    )
  })

  it('refuses a directory written by a newer smsim', () => {
    openStore().close()
    const db = new Database(join(dir, DATABASE_FILE))
    db.pragma(`user_version = ${SCHEMA_VERSION + 1}`)
    db.close()
    expect(refusal(() => openStore())).toMatchInlineSnapshot(
      `"SMSIM_DATA_DIR_NEWER: <dir>/smsim.db was written by a newer smsim (schema 2; this one reads up to 1): upgrade smsim, or give this one another --data-dir"`,
    )
  })

  it('refuses a damaged file with a way out, and starts over with reset', () => {
    writeFileSync(join(dir, DATABASE_FILE), 'not a database at all, '.repeat(100))
    expect(refusal(() => openStore())).toMatchInlineSnapshot(
      `"SMSIM_DATA_DIR_CORRUPT: <dir>/smsim.db is damaged (file is not a database): move it away to keep it, or start with --reset-data to start over empty"`,
    )
    expect(openStore({ reset: true }).listAccounts()).toEqual([])
  })
})

describe('SqliteStore on disk', () => {
  it('refuses a truncated file with a way out', () => {
    const dir = mkdtempSync(join(tmpdir(), 'smsim-data-'))
    try {
      const store = new SqliteStore({ dir, compactAfterWrites: 1e9 })
      store.createAccount({ provider: 'smstob', id: 'jean@resto.fr', credits: 1e6 }, T0)
      for (let i = 0; i < 2000; i++) store.apply([sms(JEAN, { text: `${i}` }), debit(1)], T0)
      store.close()
      const file = join(dir, DATABASE_FILE)
      truncateSync(file, Math.floor(statSync(file).size / 2))
      let refused: { code?: string; message?: string } = {}
      try {
        new SqliteStore({ dir }).close()
      } catch (error) {
        refused = error as typeof refused
      }
      expect(refused.code).toBe('SMSIM_DATA_DIR_CORRUPT')
      expect(refused.message).toContain('--reset-data')
      const fresh = new SqliteStore({ dir, reset: true })
      expect(fresh.listAccounts()).toEqual([])
      fresh.close()
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })

  it('keeps the file bounded like memory: a snapshot replaces the writes', () => {
    const dir = mkdtempSync(join(tmpdir(), 'smsim-data-'))
    try {
      const options = { dir, limits: { maxRecords: 10 }, compactAfterWrites: 50 }
      const store = new SqliteStore(options)
      store.createAccount({ provider: 'smstob', id: 'jean@resto.fr', credits: 1e6 }, T0)
      for (let i = 0; i < 500; i++) store.apply([sms(JEAN, { text: `${i}` }), debit(1)], T0)
      store.close()
      const db = new Database(join(dir, DATABASE_FILE), { readonly: true })
      const { n } = db.prepare('SELECT count(*) AS n FROM writes').get() as { n: number }
      db.close()
      expect(n).toBeLessThan(50)
      const again = new SqliteStore(options)
      expect(again.messages().map((m) => m.text)).toEqual(
        Array.from({ length: 10 }, (_, i) => `${490 + i}`),
      )
      expect(again.account('smstob', 'jean@resto.fr')?.credits).toBe(1e6 - 500)
      again.close()
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })
})
