/**
 * The durable {@link Store} behind `--data-dir` (docs/decisions/021-persistence.md): a
 * {@link MemoryStore} — the same code answers every read and applies every write — whose every
 * write is also appended to an SQLite file, in one transaction, before the call returns. At
 * start the writes are replayed, in order, into a fresh MemoryStore: the state is the one the
 * last acknowledged write left.
 *
 * @note Imported only by the standalone server (server/app.ts): better-sqlite3 is a native
 * module, and the msw entry point must not load it.
 */
import { existsSync, mkdirSync, rmSync } from 'node:fs'
import { randomBytes } from 'node:crypto'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import type { Effect } from './effects.ts'
import { SmsimError } from './errors.ts'
import type { NewJournalEntry } from './journal-record.ts'
import { MemoryStore, type MemoryStoreOptions, type StoreSnapshot } from './memory-store.ts'
import type { Account, AccountInput, JournalEntry, Mail, ProviderId, Sms } from './model.ts'
import type { NumberState } from './numbers.ts'
import type { AccountPatch, CallbackEffect, SmsEvent } from './store.ts'

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
 * Writes recorded before the store writes a snapshot of its state in their place (compaction):
 * the file then holds at most one snapshot — bounded as the memory store is, by count and
 * bytes — and this many writes (about 500 B each for an ordinary send and its journal entry).
 */
export const COMPACT_AFTER_WRITES = 50_000

export interface SqliteStoreOptions extends MemoryStoreOptions {
  /** Writes between two snapshots (default {@link COMPACT_AFTER_WRITES}); tests lower it. */
  compactAfterWrites?: number
  /** The data directory; created if missing. */
  dir: string
  /** Deletes the directory's database first (`--reset-data`): the way out of a damaged file. */
  reset?: boolean
}

/**
 * @example
 * const store = new SqliteStore({ dir: '.smsim-data' })
 * store.createAccount({ provider: 'smstob', id: 'a@b.fr', credits: 10 }, now) // on disk on return
 * store.close()
 */
export class SqliteStore extends MemoryStore {
  readonly #db: Database.Database
  readonly #append: Database.Statement
  readonly #appendMany: (writes: string[]) => void
  #replaying = false
  /** Writes recorded since the last snapshot. */
  #written = 0
  readonly #compactAfter: number
  /** Writes made inside {@link batch}, committed together when it returns. */
  #batch: string[] | undefined

  constructor(options: SqliteStoreOptions) {
    // The file is opened before the memory store is made: the salt of its journal is in it.
    const db = openDataDir(options)
    let salt: Buffer
    try {
      const row = db.prepare("SELECT value FROM settings WHERE name = 'salt'").get() as
        { value: string } | undefined
      salt = row ? Buffer.from(JSON.parse(row.value) as string, 'base64') : randomBytes(16)
      if (!row)
        db.prepare("INSERT INTO settings (name, value) VALUES ('salt', ?)").run(
          JSON.stringify(salt.toString('base64')),
        )
    } catch (error) {
      db.close()
      throw error
    }
    super({ ...options, salt })
    this.#db = db
    this.#compactAfter = options.compactAfterWrites ?? COMPACT_AFTER_WRITES
    this.#append = db.prepare('INSERT INTO writes (write) VALUES (?)')
    const append = this.#append
    this.#appendMany = db.transaction((writes: string[]) => {
      for (const write of writes) append.run(write)
    })
    try {
      this.#replay(db.name)
    } catch (error) {
      db.close()
      throw error
    }
  }

  /**
   * Runs `fn`, committing every write it makes in one transaction when it returns: the engine
   * wraps one request's decision, its reactions and its journal entry, so that a crash leaves
   * all of them or none.
   */
  batch<T>(fn: () => T): T {
    if (this.#batch) return fn()
    const writes: string[] = (this.#batch = [])
    try {
      return fn()
    } finally {
      this.#batch = undefined
      if (writes.length > 0) {
        this.#appendMany(writes)
        this.#wrote(writes.length)
      }
    }
  }

  /**
   * Writes a snapshot of the state in place of every write recorded so far, in one transaction:
   * what the file holds is then bounded like memory. Called every {@link COMPACT_AFTER_WRITES}.
   */
  compact(): void {
    const snapshot = JSON.stringify(this.snapshot())
    this.#db.transaction(() => {
      this.#db
        .prepare("INSERT OR REPLACE INTO settings (name, value) VALUES ('snapshot', ?)")
        .run(snapshot)
      this.#db.prepare('DELETE FROM writes').run()
    })()
    // The WAL back to empty: the file's free pages are reused by the writes that follow.
    this.#db.pragma('wal_checkpoint(TRUNCATE)')
    this.#written = 0
  }

  #wrote(count: number): void {
    this.#written += count
    if (this.#written >= this.#compactAfter) this.compact()
  }

  /** A setting kept beside the state (the clock, the faults), as JSON; undefined if never set. */
  setting(name: string): unknown {
    const row = this.#db.prepare('SELECT value FROM settings WHERE name = ?').get(name) as
      { value: string } | undefined
    return row ? JSON.parse(row.value) : undefined
  }

  saveSetting(name: string, value: unknown): void {
    this.#db
      .prepare('INSERT OR REPLACE INTO settings (name, value) VALUES (?, ?)')
      .run(name, JSON.stringify(value))
  }

  /** Closes the file and releases the lock; the store must not be used afterwards. */
  close(): void {
    if (this.#db.open) this.#db.close()
  }

  #record(write: Write): void {
    if (this.#replaying) return
    const json = JSON.stringify(write)
    if (this.#batch) this.#batch.push(json)
    else {
      this.#append.run(json)
      this.#wrote(1)
    }
  }

  #replay(file: string): void {
    this.#replaying = true
    try {
      const snapshot = this.#db
        .prepare("SELECT value FROM settings WHERE name = 'snapshot'")
        .get() as { value: string } | undefined
      if (snapshot) this.restore(JSON.parse(snapshot.value) as StoreSnapshot)
      for (const row of this.#db.prepare('SELECT write FROM writes ORDER BY seq').iterate()) {
        this.#replayOne(JSON.parse((row as { write: string }).write) as Write)
        this.#written++
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
    if (this.#replaying) return
    // Nothing before a reset is needed again: the file starts over.
    if (this.#batch) this.#batch.push(JSON.stringify(['reset']))
    else
      this.#db.transaction(() => {
        this.#db.prepare('DELETE FROM writes').run()
        this.#db.prepare("DELETE FROM settings WHERE name = 'snapshot'").run()
      })()
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
