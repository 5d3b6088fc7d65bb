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
import { existsSync, mkdirSync, rmSync } from 'node:fs'
import { randomBytes } from 'node:crypto'
import { dirname, join } from 'node:path'
import Database from 'better-sqlite3'
import type { Effect } from './effects.ts'
import { SmsimError } from './errors.ts'
import type { NewJournalEntry } from './journal-record.ts'
import { MemoryStore, type MemoryStoreOptions, type StoreSnapshot } from './memory-store.ts'
import type { Account, AccountInput, JournalEntry, Mail, ProviderId, Sms } from './model.ts'
import type { NumberState } from './numbers.ts'
import type { AccountPatch, CallbackEffect, OnDisk, SmsEvent } from './store.ts'

/** The file of the data directory that holds the state. */
export const DATABASE_FILE = 'smsim.db'

/**
 * The schema's version, kept in SQLite's `user_version`. Raise it with a migration in
 * {@link MIGRATIONS} when the schema or the meaning of a recorded write changes.
 */
export const SCHEMA_VERSION = 1

/** `MIGRATIONS[n]` takes a database from version n to n + 1. */
const MIGRATIONS: readonly string[] = [
  `CREATE TABLE writes (seq INTEGER PRIMARY KEY, write TEXT NOT NULL);
   CREATE TABLE settings (name TEXT PRIMARY KEY, value TEXT NOT NULL);`,
]

/** A data directory that cannot be used; the message says why and what to do. */
export class DataDirError extends SmsimError {
  constructor(code: string, message: string, options?: { cause?: unknown }) {
    super(code, message, options)
    this.name = 'DataDirError'
  }
}

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

export interface SqliteStoreOptions extends MemoryStoreOptions {
  /** Writes between two snapshots, at the least (default {@link COMPACT_AFTER_WRITES}); tests lower it. */
  compactAfterWrites?: number
  /** {@link COMPACT_GROWTH}; tests set 0 to compact on the count of writes alone. */
  compactGrowth?: number
  /** The data directory; created if missing. */
  dir: string
  /** Deletes the directory's database first (`--reset-data`): the way out of a damaged file. */
  reset?: boolean
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
      for (const row of db.prepare('SELECT name, value FROM settings').iterate()) {
        const { name, value } = row as { name: string; value: string }
        if (name !== 'snapshot') settings.set(name, JSON.parse(value))
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

/** Opens the data directory's database, locked, at {@link SCHEMA_VERSION}. */
function openDataDir(options: SqliteStoreOptions): Database.Database {
  mkdirSync(options.dir, { recursive: true })
  const file = join(options.dir, DATABASE_FILE)
  if (options.reset)
    for (const suffix of ['', '-wal', '-shm']) rmSync(file + suffix, { force: true })
  const fresh = !existsSync(file)
  const db = openDatabase(file)
  try {
    migrate(db, file, fresh)
  } catch (error) {
    db.close()
    throw error
  }
  return db
}

/**
 * Opens the file in WAL with `synchronous=FULL` (a commit is on disk when it returns, so an
 * answer sent after it survives a crash of the machine) and `locking_mode=EXCLUSIVE`: the lock
 * is taken by the first write and held until the file is closed, so a second smsim on the same
 * directory is refused, and a killed process holds no lock (the OS releases it).
 */
function openDatabase(file: string): Database.Database {
  let db: Database.Database
  try {
    db = new Database(file, { timeout: 0 })
  } catch (error) {
    throw new DataDirError('SMSIM_DATA_DIR_UNUSABLE', `cannot open ${file}: ${String(error)}`, {
      cause: error,
    })
  }
  try {
    db.pragma('locking_mode = EXCLUSIVE')
    db.pragma('journal_mode = WAL')
    db.pragma('synchronous = FULL')
    // Takes the exclusive lock now rather than at the first request.
    db.exec('BEGIN EXCLUSIVE; COMMIT')
    return db
  } catch (error) {
    db.close()
    if (
      (error as { code?: string }).code?.startsWith('SQLITE_BUSY') ||
      (error as { code?: string }).code === 'SQLITE_LOCKED'
    ) {
      throw new DataDirError(
        'SMSIM_DATA_DIR_LOCKED',
        `${file} is in use by another smsim: stop it, or give this one another --data-dir`,
        { cause: error },
      )
    }
    throw corrupt(file, error)
  }
}

function corrupt(file: string, error: unknown): DataDirError {
  return new DataDirError(
    'SMSIM_DATA_DIR_CORRUPT',
    `${file} is damaged (${error instanceof Error ? error.message : String(error)}): ` +
      'move it away to keep it, or start with --reset-data to start over empty',
    { cause: error },
  )
}

/** Brings the schema to {@link SCHEMA_VERSION}; a newer one is refused, never downgraded. */
function migrate(db: Database.Database, file: string, fresh: boolean): void {
  let version: number
  try {
    version = db.pragma('user_version', { simple: true }) as number
  } catch (error) {
    throw corrupt(file, error)
  }
  if (version > SCHEMA_VERSION) {
    throw new DataDirError(
      'SMSIM_DATA_DIR_NEWER',
      `${file} was written by a newer smsim (schema ${version}; this one reads up to ` +
        `${SCHEMA_VERSION}): upgrade smsim, or give this one another --data-dir`,
    )
  }
  if (version === 0 && !fresh) {
    const tables = db
      .prepare("SELECT count(*) AS n FROM sqlite_master WHERE type = 'table'")
      .get() as {
      n: number
    }
    if (tables.n > 0) throw corrupt(file, new Error('no schema version'))
  }
  for (let v = version; v < SCHEMA_VERSION; v++) {
    db.transaction(() => {
      db.exec(MIGRATIONS[v]!)
      db.pragma(`user_version = ${v + 1}`)
    })()
  }
}
