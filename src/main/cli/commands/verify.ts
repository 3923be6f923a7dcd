// chatkeep verify: every page of the catalog, then every catalogued file re-hashed through the
// store (which refuses paths that lead out of it), then the store walked for files the catalog
// does not know. Damaged files are moved aside and their rows forgotten, so the next sync fetches
// them again.
import { openCatalog } from '../../catalog/catalog'
import { fullIntegrityProblem } from '../../catalog/db'
import type { FileRow } from '../../catalog/repositories/files'
import { FileStore } from '../../store/file-store'
import type { CommandRun } from '../command'

export interface VerifyProblem {
  readonly fileId: number
  readonly sha256: string
  readonly path: string
  /** `outside`: the catalog's path is not a store path or leads out of the store; it is not read. */
  readonly problem: 'missing' | 'size' | 'hash' | 'outside'
}

export interface VerifyReport {
  readonly files: number
  readonly bytes: number
  readonly ok: number
  readonly missing: readonly VerifyProblem[]
  readonly corrupt: readonly VerifyProblem[]
  /** Media items the catalog no longer calls downloaded; the next sync fetches them again. */
  readonly reopened: number
  /** What SQLite's full page check found wrong with the catalog file itself, or null. */
  readonly catalogProblem: string | null
  /** Files in the store that no catalog row names (a crash between a file and its row leaves one). */
  readonly orphans: number
  /** The catalog names no file and no media while the store holds files: it was lost, emptied or replaced. */
  readonly catalogLost: boolean
}

// Two readers keep both cores busy hashing without thrashing a spinning disk.
const readers = 2

async function findOrphans(store: FileStore, known: ReadonlySet<string>): Promise<number> {
  let orphans = 0
  for await (const relPath of store.listStored()) if (!known.has(relPath)) orphans++
  return orphans
}

export async function verifyArchive(
  dataDir: string,
  onProgress?: (done: number, total: number) => void,
): Promise<VerifyReport> {
  const catalog = openCatalog(dataDir)
  try {
    // Every page of the catalog, not just the ones the files query touches (too slow for start-up).
    const catalogProblem = fullIntegrityProblem(catalog.db)
    if (catalogProblem !== null) {
      const empty = { files: 0, bytes: 0, ok: 0, missing: [], corrupt: [], reopened: 0 }
      return { ...empty, catalogProblem, orphans: 0, catalogLost: false }
    }
    const store = await FileStore.open(dataDir, { create: false })
    const files = [...catalog.files.all()]
    const missing: VerifyProblem[] = []
    const corrupt: VerifyProblem[] = []
    let bytes = 0
    let next = 0
    let done = 0
    const worker = async (): Promise<void> => {
      for (let i = next++; i < files.length; i = next++) {
        const file = files[i] as FileRow
        const result = await store.verify(file.relPath, file.sha256, file.size)
        const path = store.pathOf(file.relPath) ?? file.relPath
        if (result.ok) bytes += file.size
        else {
          const problem = { fileId: file.id, sha256: file.sha256, path, problem: result.reason }
          if (result.reason === 'missing') missing.push(problem)
          else corrupt.push(problem)
        }
        onProgress?.(++done, files.length)
      }
    }
    await Promise.all(Array.from({ length: readers }, worker))
    const orphans = await findOrphans(store, new Set(files.map((f) => f.relPath)))
    // A damaged file is moved aside (never deleted: it is the user's data) so the store cannot
    // mistake it for good bytes, and the catalog stops claiming it. A path outside the store is
    // not ours to move.
    for (const problem of corrupt) {
      const row = files.find((f) => f.id === problem.fileId)
      if (row && problem.problem !== 'outside') await store.quarantine(row.relPath)
    }
    const reopened = catalog.transaction(() =>
      [...missing, ...corrupt].reduce((n, problem) => n + catalog.files.forget(problem.fileId).length, 0),
    )
    const ok = files.length - missing.length - corrupt.length
    // A catalog that still knows media (a sync stopped by a full disk or a crash before its first
    // rows landed) is behind its files, not lost: their account's next sync adopts them.
    const catalogLost = files.length === 0 && orphans > 0 && catalog.stats.stats().media === 0
    return {
      files: files.length,
      bytes,
      ok,
      missing,
      corrupt,
      reopened,
      catalogProblem,
      orphans,
      catalogLost,
    }
  } finally {
    catalog.close()
  }
}

function reportText(report: VerifyReport): string {
  if (report.catalogProblem !== null) {
    return `The catalog itself is damaged (${report.catalogProblem.split('\n')[0]}). Move catalog.sqlite aside and sync again to rebuild it; the files are untouched.`
  }
  if (report.catalogLost) {
    return (
      `The catalog lists no files, but the store holds ${report.orphans}: catalog.sqlite was lost, emptied ` +
      'or replaced. Restore it from a backup if you have one, or sync each account again to rebuild it; ' +
      'the stored files are kept and not stored twice.'
    )
  }
  const lines = [`${report.ok} of ${report.files} files OK (${report.bytes} bytes checked).`]
  for (const p of report.missing) lines.push(`missing: ${p.path}`)
  for (const p of report.corrupt) lines.push(`corrupt (${p.problem}): ${p.path}`)
  if (report.corrupt.some((p) => p.problem !== 'outside'))
    lines.push('Damaged files were moved to files/.quarantine/.')
  if (report.reopened > 0) {
    lines.push(
      `${report.reopened} media items are marked for download again: run "chatkeep sync" for their accounts.`,
    )
  }
  if (report.orphans > 0) {
    lines.push(
      `${report.orphans} files in the store are not in the catalog (left by an interrupted sync, or the catalog is older than the files); the next sync of their account uses them.`,
    )
  }
  return lines.join('\n')
}

export const run: CommandRun = async (context) => {
  let lastShown = 0
  const report = await verifyArchive(context.dataDir, (done, total) => {
    const now = Date.now()
    if (context.stderrIsTty && (now - lastShown > 250 || done === total)) {
      lastShown = now
      process.stderr.write(`\rverifying ${done}/${total}`)
      if (done === total) process.stderr.write('\n')
    }
  })
  context.output.result(report, () => reportText(report))
  const damaged = report.missing.length + report.corrupt.length > 0
  return report.catalogProblem !== null || report.catalogLost || damaged ? 1 : 0
}
