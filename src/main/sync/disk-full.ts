import { DiskFullError } from '../download/errors'

/** SQLite's "database or disk is full" is the same condition as ENOSPC on a file: stop, keep, resume. */
export function isSqliteFull(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code
  return code === 'SQLITE_FULL' || code === 'SQLITE_IOERR_WRITE'
}

export function asDiskFull(error: unknown): unknown {
  if (!isSqliteFull(error)) return error
  return new DiskFullError(
    'The disk is full (the catalog could not be written): free some space, then run the same sync again; it resumes where it stopped.',
  )
}

/** Runs a catalog write whose failure must not mask the error being handled, except a full disk. */
export function bestEffort(write: () => void, onDiskFull: (error: Error) => void): void {
  try {
    write()
  } catch (error) {
    const mapped = asDiskFull(error)
    if (mapped instanceof DiskFullError) onDiskFull(mapped)
    else throw error
  }
}
