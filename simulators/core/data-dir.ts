/**
 * The data directory of `--data-dir` (docs/decisions/021-persistence.md): its database file
 * opened in WAL with `synchronous=FULL`, locked against a second smsim, brought to the schema's
 * version by migrations; and the errors that say why a directory cannot be used and what to do.
 * The store that writes in it is sqlite-store.ts.
 */
import { existsSync, mkdirSync, rmSync } from 'node:fs'
import { resolve } from 'node:path'
import Database from 'better-sqlite3'
import { SmsimError } from './errors.ts'

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

/** How to open a data directory. */
export interface DataDirOptions {
  /** The data directory; created if missing. */
  dir: string
  /** Deletes the directory's database first (`--reset-data`): the way out of a damaged file. */
  reset?: boolean
}

/** Opens the data directory's database, locked, at {@link SCHEMA_VERSION}. */
export function openDataDir(options: DataDirOptions): Database.Database {
  mkdirSync(options.dir, { recursive: true })
  // Absolute: the health answer and the messages name the directory wherever smsim was started.
  const file = resolve(options.dir, DATABASE_FILE)
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

export function corrupt(file: string, error: unknown): DataDirError {
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
