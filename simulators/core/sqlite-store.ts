/**
 * The durable {@link Store} behind `--data-dir` (docs/decisions/021-persistence.md): a
 * {@link MemoryStore} — the same code answers every read and applies every write — whose every
 * write is also appended to an SQLite file. The writes of one event-loop turn are committed in
 * one transaction at its end (group commit), and {@link SqliteStore.durable} tells when: the
 * engine answers a request only then. At start the writes are replayed, in order, into a fresh
 * MemoryStore: the state is the one the last acknowledged write left.
 *
 * @note Imported only by the standalone server (server/app.ts): better-sqlite3 is a native
 * module, and the msw entry point must not load it.
 */
import { randomBytes } from 'node:crypto'
import { dirname } from 'node:path'
import type Database from 'better-sqlite3'
import type { Effect } from './effects.ts'
import { corrupt, DataDirError, openDataDir, type DataDirOptions } from './data-dir.ts'
import type { NewJournalEntry } from './journal-record.ts'
import { MemoryStore, type MemoryStoreOptions, type StoreSnapshot } from './memory-store.ts'
import type { Account, AccountInput, JournalEntry, Mail, ProviderId, Sms } from './model.ts'
import type { NumberState } from './numbers.ts'
import type { AccountPatch, CallbackEffect, OnDisk, SmsEvent } from './store.ts'

/** One write of the store, as recorded and replayed: the method and its arguments. */
type Write =
  | ['createAccount', AccountInput, number]
  | ['updateAccount', ProviderId, string, AccountPatch, number]
  | ['deleteAccount', ProviderId, string]
  | ['apply', readonly Effect[], number]
  | ['release', number]
  | ['setNumber', string, NumberState | null]
  | ['journal', JournalEntry, number, string | null]
  | ['reset']

/**
 * Writes recorded before the store may write a snapshot of its state in their place
 * (compaction), at the least. The file then holds at most one snapshot — bounded as the memory
 * store is, by count and bytes — and the writes after it (about 500 B each for an ordinary send
 * and its journal entry).
 */
export const COMPACT_AFTER_WRITES = 50_000

/**
 * The writes after a snapshot must also weigh this share of the snapshot before the next one is
 * written. A snapshot costs time in proportion to the state (3 s for a full store of 200,000
 * SMS, ADR 021): written every 50,000 writes, a full store would spend most of its time writing
 * snapshots; written when the writes weigh as much as the snapshot, its cost per write stays
 * the same whatever the state's size, and the file stays under twice the snapshot plus
 * {@link COMPACT_AFTER_WRITES} writes.
 */
export const COMPACT_GROWTH = 1

export interface SqliteStoreOptions extends MemoryStoreOptions, DataDirOptions {
  /** Writes between two snapshots, at the least (default {@link COMPACT_AFTER_WRITES}); tests lower it. */
  compactAfterWrites?: number
  /** {@link COMPACT_GROWTH}; tests set 0 to compact on the count of writes alone. */
  compactGrowth?: number
}

/** What waits for the next commit: a write, a setting, or the reset that empties the file. */
type Pending = { write: string } | { setting: string; value: string } | 'reset'

const DURABLE: Promise<void> = Promise.resolve()

/**
 * @example
 * const store = new SqliteStore({ dir: '.smsim-data' })
 * store.createAccount({ provider: 'smstob', id: 'a@b.fr', credits: 10 }, now)
 * await store.durable() // on disk
 * store.close()
 */
export class SqliteStore extends MemoryStore {
  readonly #db: Database.Database
  readonly #commit: (pending: readonly Pending[]) => number
  #replaying = false
  /** Writes, and their bytes, committed since the last snapshot. */
  #written = 0
  #writtenBytes = 0
  /** The last snapshot's bytes. */
  #snapshotBytes = 0
  readonly #compactAfter: number
  readonly #compactGrowth: number
  /** What the next commit writes, in order, and who waits for it (group commit, ADR 021). */
  #pending: Pending[] = []
  #waiting: { resolve: () => void; reject: (error: unknown) => void }[] = []
  #commitQueued = false
  /** Why the last commit failed (a full disk…), until one succeeds. */
  #failure: DataDirError | undefined
  readonly #settings = new Map<string, unknown>()

  constructor(options: SqliteStoreOptions) {
    // The file is opened before the memory store is made: the salt of its journal is in it.
    const db = openDataDir(options)
    const settings = new Map<string, unknown>()
    let salt: Buffer
    try {
      for (const row of db
        .prepare("SELECT name, value FROM settings WHERE name <> 'snapshot'")
        .iterate()) {
        const { name, value } = row as { name: string; value: string }
        settings.set(name, JSON.parse(value))
      }
      const kept = settings.get('salt') as string | undefined
      salt = kept ? Buffer.from(kept, 'base64') : randomBytes(16)
      if (!kept)
        db.prepare("INSERT INTO settings (name, value) VALUES ('salt', ?)").run(
          JSON.stringify(salt.toString('base64')),
        )
    } catch (error) {
      db.close()
      throw error instanceof SyntaxError ? corrupt(db.name, error) : error
    }
    super({ ...options, salt })
    this.#db = db
    this.#settings = settings
    this.#compactAfter = options.compactAfterWrites ?? COMPACT_AFTER_WRITES
    this.#compactGrowth = options.compactGrowth ?? COMPACT_GROWTH
    const append = db.prepare('INSERT INTO writes (write) VALUES (?)')
    const setting = db.prepare('INSERT OR REPLACE INTO settings (name, value) VALUES (?, ?)')
    const clearWrites = db.prepare('DELETE FROM writes')
    const clearSnapshot = db.prepare("DELETE FROM settings WHERE name = 'snapshot'")
    this.#commit = db.transaction((pending: readonly Pending[]) => {
      let bytes = 0
      for (const item of pending) {
        if (item === 'reset') {
          clearWrites.run()
          clearSnapshot.run()
        } else if ('write' in item) {
          append.run(item.write)
          bytes += item.write.length
        } else setting.run(item.setting, item.value)
      }
      return bytes
    })
    try {
      this.#replay(db.name)
    } catch (error) {
      db.close()
      throw error
    }
  }

  /**
   * Resolves once every write made so far is on disk. Writes are committed together at the end
   * of the event-loop turn that made them (group commit): the requests of one turn share one
   * transaction and one fsync, and each is answered after it. Rejects with a
   * `SMSIM_DATA_DIR_WRITE` {@link DataDirError} if the commit fails (a full disk); the writes
   * stay pending and the next commit tries them again.
   */
  durable(): Promise<void> {
    if (this.#pending.length === 0) return DURABLE
    return new Promise((resolve, reject) => this.#waiting.push({ resolve, reject }))
  }

  /**
   * Why the data directory cannot be written, after trying the pending writes once more, or
   * undefined when it can: the engine asks before deciding, so that a request is refused whole
   * (503) rather than decided in memory without reaching the disk.
   */
  unwritable(): DataDirError | undefined {
    if (this.#failure) this.flush()
    return this.#failure
  }

  /** Commits every pending write now (the end of a turn, a close); never throws. */
  flush(): void {
    this.#commitQueued = false
    const pending = this.#pending
    const waiting = this.#waiting
    if (pending.length === 0) {
      this.#waiting = []
      for (const waiter of waiting) waiter.resolve()
      return
    }
    let bytes: number
    try {
      bytes = this.#commit(pending)
    } catch (error) {
      // Nothing of the transaction is on disk: the writes stay pending, in order, for the next try.
      this.#failure = new DataDirError(
        'SMSIM_DATA_DIR_WRITE',
        `cannot write to ${this.#db.name} (${error instanceof Error ? error.message : String(error)}): ` +
          'free some space, or check the directory, then retry',
        { cause: error },
      )
      this.#waiting = []
      for (const waiter of waiting) waiter.reject(this.#failure)
      return
    }
    this.#failure = undefined
    this.#pending = []
    this.#waiting = []
    for (const item of pending) {
      if (item === 'reset') {
        this.#written = this.#writtenBytes = this.#snapshotBytes = 0
      } else if ('write' in item) this.#written++
    }
    this.#writtenBytes += bytes
    for (const waiter of waiting) waiter.resolve()
    if (
      this.#written >= this.#compactAfter &&
      this.#writtenBytes >= this.#snapshotBytes * this.#compactGrowth
    )
      this.compact()
  }

  /**
   * Writes a snapshot of the state in place of every write recorded so far, in one transaction:
   * what the file holds is then bounded like memory (see {@link COMPACT_GROWTH}).
   */
  compact(): void {
    this.flush()
    if (this.#failure) return
    const snapshot = JSON.stringify(this.snapshot())
    try {
      this.#db.transaction(() => {
        this.#db
          .prepare("INSERT OR REPLACE INTO settings (name, value) VALUES ('snapshot', ?)")
          .run(snapshot)
        this.#db.prepare('DELETE FROM writes').run()
      })()
      // The WAL back to empty: the file's free pages are reused by the writes that follow.
      this.#db.pragma('wal_checkpoint(TRUNCATE)')
    } catch {
      // The writes are still there, the snapshot is not: the state is whole; tried again later.
      return
    }
    this.#written = this.#writtenBytes = 0
    this.#snapshotBytes = snapshot.length
  }

  /** A setting kept beside the state (the clock, the faults), as JSON; undefined if never set. */
  setting(name: string): unknown {
    return this.#settings.get(name)
  }

  /** Keeps a setting, committed with the writes of the same turn. */
  saveSetting(name: string, value: unknown): void {
    this.#settings.set(name, value)
    this.#queue({ setting: name, value: JSON.stringify(value) })
  }

  /** Commits what is pending, closes the file and releases the lock; the store is not used afterwards. */
  close(): void {
    if (!this.#db.open) return
    this.flush()
    this.#db.close()
  }

  /** Where the state is kept and how it stands, for the health answer and the banner. */
  onDisk(): OnDisk {
    return {
      dir: dirname(this.#db.name),
      file: this.#db.name,
      writable: !this.#failure,
      ...(this.#failure ? { error: this.#failure.message } : {}),
    }
  }

  #queue(item: Pending): void {
    this.#pending.push(item)
    if (this.#commitQueued) return
    this.#commitQueued = true
    // After every I/O callback of this turn: the requests parsed in it are committed together.
    setImmediate(() => this.flush())
  }

  #record(write: Write): void {
    if (!this.#replaying) this.#queue({ write: JSON.stringify(write) })
  }

  #replay(file: string): void {
    this.#replaying = true
    try {
      const snapshot = this.#db
        .prepare("SELECT value FROM settings WHERE name = 'snapshot'")
        .get() as { value: string } | undefined
      if (snapshot) {
        this.restore(JSON.parse(snapshot.value) as StoreSnapshot)
        this.#snapshotBytes = snapshot.value.length
      }
      for (const row of this.#db.prepare('SELECT write FROM writes ORDER BY seq').iterate()) {
        const { write } = row as { write: string }
        this.#replayOne(JSON.parse(write) as Write)
        this.#written++
        this.#writtenBytes += write.length
      }
    } catch (error) {
      if (error instanceof SyntaxError || (error as { code?: string }).code?.startsWith('SQLITE_'))
        throw corrupt(file, error)
      throw error
    } finally {
      this.#replaying = false
    }
  }

  #replayOne(write: Write): void {
    switch (write[0]) {
      case 'createAccount':
        this.createAccount(write[1], new Date(write[2]))
        break
      case 'updateAccount':
        this.updateAccount(write[1], write[2], write[3], new Date(write[4]))
        break
      case 'deleteAccount':
        this.deleteAccount(write[1], write[2])
        break
      case 'apply':
        this.apply(write[1], new Date(write[2]))
        break
      case 'release':
        this.release(new Date(write[1]))
        break
      case 'setNumber':
        this.setNumber(write[1], write[2] ?? undefined)
        break
      case 'journal':
        this.restoreJournal(write[1], write[2], write[3] ?? undefined)
        break
      case 'reset':
        this.reset()
        break
    }
  }

  // Each write: the memory store first (it may refuse: a 404, a 409, a debit past the credits,
  // and then nothing is recorded), then the record, before the caller answers anybody.

  override createAccount(input: AccountInput, now: Date): Account {
    const account = super.createAccount(input, now)
    this.#record(['createAccount', input, now.getTime()])
    return account
  }

  override updateAccount(
    provider: ProviderId,
    id: string,
    patch: AccountPatch,
    now: Date,
  ): Account {
    const account = super.updateAccount(provider, id, patch, now)
    this.#record(['updateAccount', provider, id, patch, now.getTime()])
    return account
  }

  override deleteAccount(provider: ProviderId, id: string): void {
    super.deleteAccount(provider, id)
    this.#record(['deleteAccount', provider, id])
  }

  override apply(
    effects: readonly Effect[],
    now: Date,
  ): { sms: Sms[]; mails: Mail[]; events: SmsEvent[]; callbacks: CallbackEffect[] } {
    const applied = super.apply(effects, now)
    this.#record(['apply', effects, now.getTime()])
    return applied
  }

  override release(now: Date): SmsEvent[] {
    const events = super.release(now)
    // A release that moved nothing is not recorded: the running clock releases several times a
    // second. (@note A deferred SMS routed at its time whose first status is still ahead moves
    // no status: it is routed again at replay, in the number's state of then.)
    if (events.length > 0) this.#record(['release', now.getTime()])
    return events
  }

  override setNumber(e164: string, state: NumberState | undefined): void {
    super.setNumber(e164, state)
    this.#record(['setNumber', e164, state ?? null])
  }

  override addJournal(entry: NewJournalEntry): JournalEntry {
    const kept = super.addJournal(entry)
    // The entry as kept (bounded, secrets masked), never as given: nothing in clear on disk.
    const { bytes, accountTag } = this.journalRecordOf(kept)
    this.#record(['journal', kept, bytes, accountTag ?? null])
    return kept
  }

  override reset(): void {
    super.reset()
    // Nothing before a reset is needed again: the file starts over.
    if (!this.#replaying) this.#queue('reset')
  }
}
