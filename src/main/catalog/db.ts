// Opening the catalog file: refuse anything that is not a healthy Chatkeep catalog with a clear
// one-line error, never a silent reset, then bring the schema up to date.
import { accessSync, closeSync, constants, existsSync, openSync, readSync } from 'node:fs'
import { dirname } from 'node:path'
import Database from 'better-sqlite3'
import { errnoOf } from '../lib/errno'
import { makeDirectorySync } from '../lib/make-directory'
import { migrations, type Migration } from './migrations'

export type Db = Database.Database

export class CatalogError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'CatalogError'
  }
}

const sqliteHeader = 'SQLite format 3\u0000'

function assertLooksLikeSqlite(path: string): void {
  if (!existsSync(path)) return
  const fd = openSync(path, 'r')
  try {
    const buffer = Buffer.alloc(16)
    const read = readSync(fd, buffer, 0, 16, 0)
    // A zero-length file is what a crash between create and first write leaves; SQLite accepts it.
    if (read === 0) return
    if (read < 16 || buffer.toString('latin1') !== sqliteHeader) {
      throw new CatalogError(
        `The catalog ${path} is not a SQLite database (damaged or overwritten). ` +
          'Move it aside and run "chatkeep verify" or a sync to rebuild; your files are untouched.',
      )
    }
  } finally {
    closeSync(fd)
  }
}

export interface OpenOptions {
  readonly readonly?: boolean
  /** Where a long migration's notice goes (migrations/types.ts `notice`); stderr by default. */
  readonly onNotice?: (line: string) => void
}

/** From this many messages on, a migration with a notice says it before it runs (seconds, not less). */
export const bigCatalogMessages = 100_000

function notWritable(what: string, reason: string): CatalogError {
  return new CatalogError(
    `${what} cannot be written (${reason}). Chatkeep writes its catalog there even to read it: make it ` +
      'writable (or the drive read-write), or copy the data folder somewhere writable and use that ' +
      '(--data-dir or CHATKEEP_DATA_DIR).',
  )
}

/** SQLite says only "unable to open database file" when the folder is read-only: say what is wrong. */
function assertWritableFolder(dir: string): void {
  try {
    accessSync(dir, constants.W_OK)
  } catch (error) {
    const code = errnoOf(error)
    if (code === 'EROFS') throw notWritable(`The data folder ${dir}`, 'the drive is read-only')
    if (code === 'EACCES' || code === 'EPERM')
      throw notWritable(`The data folder ${dir}`, 'no write permission')
    throw error
  }
}

function isCantWriteError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code
  return (
    typeof code === 'string' && (code.startsWith('SQLITE_CANTOPEN') || code.startsWith('SQLITE_READONLY'))
  )
}

export function openDatabase(path: string, options: OpenOptions = {}): Db {
  if (path !== ':memory:') {
    try {
      makeDirectorySync(dirname(path))
    } catch (error) {
      throw new CatalogError(`Cannot create the data folder ${dirname(path)}: ${(error as Error).message}`)
    }
    if (!options.readonly) assertWritableFolder(dirname(path))
    assertLooksLikeSqlite(path)
  }
  let db: Db
  try {
    db = new Database(path, { readonly: options.readonly ?? false })
  } catch (error) {
    throw new CatalogError(`Cannot open the catalog ${path}: ${(error as Error).message}`)
  }
  try {
    if (!options.readonly) db.pragma('journal_mode = WAL')
    db.pragma('foreign_keys = ON')
    // NORMAL is durable across power loss in WAL mode except for the last transactions;
    // files are fsynced before their rows are written, so a lost row means a re-download, not a lie.
    db.pragma('synchronous = NORMAL')
    db.pragma('busy_timeout = 5000')
    // Checkpoint the WAL every 10,000 pages (~40 MB) instead of SQLite's 1,000: a checkpoint syncs
    // the WAL and the database file even at synchronous = NORMAL, and an ingest's page of 100
    // messages dirties enough pages (table, indexes, a full-text segment) to cross 1,000 every few
    // pages. Ingest of 20,000 parsed messages into the 1M bench catalog, alternating, same load:
    // 9,025–11,531 messages/s at 1,000, 12,446–13,858 at 10,000 (docs/benchmarks.md).
    if (!options.readonly) db.pragma('wal_autocheckpoint = 10000')
    // Statement journals (every upsert whose triggers touch several rows needs one inside a
    // transaction) and sort spills otherwise go to unlinked files in the OS temp dir: measured at
    // ~36 small writes and one file open per downloaded file. They are small and short-lived.
    db.pragma('temp_store = MEMORY')
    // 64 MB of page cache instead of SQLite's 2 MB: a text search maps each full-text hit to its
    // message_media and media rows, random reads that missed the small cache at 10M messages.
    // Same searches on the 10M bench catalog, alternating in one process (load 0.3): `hey` 15-16
    // -> 10-12 ms, `love` + downloaded 25-26 -> 14-16, `paris beach` 97-101 -> 76-81, love in one
    // month 483-628 -> 366-411. A desktop app's catalog connections are one or two.
    db.pragma('cache_size = -65536')
    checkIntegrity(db, path)
    migrate(db, path, migrations, options.onNotice ?? ((line) => process.stderr.write(`${line}\n`)))
  } catch (error) {
    db.close()
    if (isCantWriteError(error)) throw notWritable(`The catalog ${path}`, (error as Error).message)
    throw error
  }
  return db
}

/** The newest message's row id: about how many messages the catalog holds, in one index lookup. */
function newestMessageIdAtLeast(db: Db, count: number): boolean {
  const row = db.prepare<[], { n: number | null }>('SELECT max(id) AS n FROM messages').get()
  return (row?.n ?? 0) >= count
}

/**
 * A cheap look at the file's structure on every open: the schema and the root page of every
 * table and index. A full quick_check reads the whole file (10.7 s at a million media), so it
 * runs in `verify`, not at start-up; damage met later surfaces as SQLITE_CORRUPT (see
 * isCorruptionError).
 */
function checkIntegrity(db: Db, path: string): void {
  try {
    const objects = db
      .prepare<[], { name: string; type: string; tbl: string }>(
        `SELECT name, type, tbl_name AS tbl FROM sqlite_master WHERE type IN ('table', 'index') AND rootpage > 0`,
      )
      .all()
    for (const object of objects) {
      // Auto-indexes of UNIQUE constraints cannot be named in INDEXED BY; their table read covers them.
      if (object.type === 'index' && object.name.startsWith('sqlite_autoindex_')) continue
      const table = object.type === 'table' ? object.name : object.tbl
      const quoted = `"${table.replaceAll('"', '""')}"`
      const hint = object.type === 'index' ? ` INDEXED BY "${object.name.replaceAll('"', '""')}"` : ''
      db.prepare(`SELECT 1 FROM ${quoted}${hint} LIMIT 1`).get()
    }
  } catch (error) {
    throw new CatalogError(
      `The catalog ${path} is damaged: ${(error as Error).message}. Move it aside and sync again.`,
    )
  }
}

/** A full check of every page: what `verify` runs. Returns null when the catalog is sound. */
export function fullIntegrityProblem(db: Db): string | null {
  try {
    const result = db.pragma('quick_check', { simple: true })
    return result === 'ok' ? null : String(result)
  } catch (error) {
    return (error as Error).message
  }
}

/** SQLite's own words for a damaged file, wherever a query meets it. */
export function isCorruptionError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code
  return typeof code === 'string' && (code.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_NOTADB')
}

/** What a migration says before it runs: only when it has a notice and the catalog is big. */
function noticeOf(db: Db, path: string, current: number, migration: Migration): string | null {
  if (migration.notice === undefined || current === 0 || !newestMessageIdAtLeast(db, bigCatalogMessages))
    return null
  return `Upgrading the catalog ${path}: ${migration.notice}`
}

/**
 * The notices opening this catalog will give (its migrations' `notice`, as `migrate` says them),
 * read without changing anything, so the desktop app can show them before the upgrade blocks it.
 * None for a missing or unreadable file: opening it reports that.
 */
export function pendingNotices(path: string, all: readonly Migration[] = migrations): string[] {
  if (!existsSync(path)) return []
  let db: Db
  try {
    db = new Database(path, { readonly: true, fileMustExist: true })
  } catch {
    return []
  }
  try {
    const current = schemaVersion(db)
    return all
      .filter((migration) => migration.version > current)
      .map((migration) => noticeOf(db, path, current, migration))
      .filter((notice) => notice !== null)
  } catch {
    return []
  } finally {
    db.close()
  }
}

export function schemaVersion(db: Db): number {
  return Number(db.pragma('user_version', { simple: true }))
}

export function migrate(
  db: Db,
  path = 'catalog',
  all: readonly Migration[] = migrations,
  onNotice: (line: string) => void = () => undefined,
): void {
  const current = schemaVersion(db)
  const latest = all.at(-1)?.version ?? 0
  if (current > latest) {
    throw new CatalogError(
      `The catalog ${path} was written by a newer Chatkeep (schema ${current}, this one knows ${latest}). ` +
        'Update Chatkeep to open it.',
    )
  }
  for (const migration of all) {
    if (migration.version <= current) continue
    const rebuild = migration.rebuildsTables === true
    const notice = noticeOf(db, path, current, migration)
    if (notice !== null) onNotice(notice)
    const apply = db.transaction(() => {
      db.exec(migration.sql)
      if (rebuild) {
        const broken = db.pragma('foreign_key_check') as readonly unknown[]
        if (broken.length > 0) throw new Error(`${broken.length} rows lost the row they reference`)
      }
      db.pragma(`user_version = ${migration.version}`)
    })
    // SQLite ignores this pragma inside a transaction, so it is switched around it.
    const foreignKeys = Number(db.pragma('foreign_keys', { simple: true }))
    if (rebuild) db.pragma('foreign_keys = OFF')
    try {
      apply.immediate()
    } catch (error) {
      throw new CatalogError(
        `Migration ${migration.version} (${migration.name}) failed on ${path}: ${(error as Error).message}`,
      )
    } finally {
      if (rebuild) db.pragma(`foreign_keys = ${foreignKeys}`)
    }
  }
}
