import { createHash } from 'node:crypto'
import { createReadStream } from 'node:fs'
import { mkdir, rename, stat } from 'node:fs/promises'
import { basename, join } from 'node:path'
import { pipeline } from 'node:stream/promises'
import { openCatalog } from '../../catalog/catalog'
import { fullIntegrityProblem } from '../../catalog/db'
import type { FileRow } from '../../catalog/repositories/files'
import type { CommandRun } from '../command'

export interface VerifyProblem {
  readonly fileId: number
  readonly sha256: string
  readonly path: string
  readonly problem: 'missing' | 'size' | 'hash'
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
}

export async function sha256File(path: string): Promise<string> {
  const hash = createHash('sha256')
  await pipeline(createReadStream(path, { highWaterMark: 1 << 20 }), hash)
  return hash.digest('hex')
}

async function checkFile(dataDir: string, file: FileRow): Promise<VerifyProblem | null> {
  const path = join(dataDir, file.relPath)
  try {
    const info = await stat(path)
    if (!info.isFile()) return { fileId: file.id, sha256: file.sha256, path, problem: 'missing' }
    if (info.size !== file.size) return { fileId: file.id, sha256: file.sha256, path, problem: 'size' }
  } catch {
    return { fileId: file.id, sha256: file.sha256, path, problem: 'missing' }
  }
  return (await sha256File(path)) === file.sha256
    ? null
    : { fileId: file.id, sha256: file.sha256, path, problem: 'hash' }
}

async function quarantine(dataDir: string, path: string): Promise<void> {
  const dir = join(dataDir, 'files', '.quarantine')
  await mkdir(dir, { recursive: true })
  await rename(path, join(dir, `${Date.now()}-${basename(path)}`)).catch(() => undefined)
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
      return { files: 0, bytes: 0, ok: 0, missing: [], corrupt: [], reopened: 0, catalogProblem }
    }
    const files = [...catalog.files.all()]
    const missing: VerifyProblem[] = []
    const corrupt: VerifyProblem[] = []
    let bytes = 0
    let next = 0
    let done = 0
    // Two readers keep both cores busy hashing without thrashing a spinning disk.
    const worker = async (): Promise<void> => {
      for (let i = next++; i < files.length; i = next++) {
        const file = files[i] as FileRow
        const problem = await checkFile(dataDir, file)
        if (problem === null) bytes += file.size
        else if (problem.problem === 'missing') missing.push(problem)
        else corrupt.push(problem)
        onProgress?.(++done, files.length)
      }
    }
    await Promise.all([worker(), worker()])
    // A damaged file is moved aside (never deleted: it is the user's data) so the store cannot
    // mistake it for good bytes, and the catalog stops claiming it.
    for (const problem of corrupt) await quarantine(dataDir, problem.path)
    const reopened = catalog.transaction(() =>
      [...missing, ...corrupt].reduce((n, problem) => n + catalog.files.forget(problem.fileId).length, 0),
    )
    const ok = files.length - missing.length - corrupt.length
    return { files: files.length, bytes, ok, missing, corrupt, reopened, catalogProblem: null }
  } finally {
    catalog.close()
  }
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
  context.output.result(report, () => {
    if (report.catalogProblem !== null) {
      return `The catalog itself is damaged (${report.catalogProblem.split('\n')[0]}). Move catalog.sqlite aside and sync again to rebuild it; the files are untouched.`
    }
    const lines = [`${report.ok} of ${report.files} files OK (${report.bytes} bytes checked).`]
    for (const p of report.missing) lines.push(`missing: ${p.path}`)
    for (const p of report.corrupt) lines.push(`corrupt (${p.problem}): ${p.path}`)
    if (report.corrupt.length > 0) lines.push('Damaged files were moved to files/.quarantine/.')
    if (report.reopened > 0) {
      lines.push(
        `${report.reopened} media items are marked for download again: run "chatkeep sync" for their accounts.`,
      )
    }
    return lines.join('\n')
  })
  return report.catalogProblem !== null || report.missing.length + report.corrupt.length > 0 ? 1 : 0
}
