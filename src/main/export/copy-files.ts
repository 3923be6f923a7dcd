// The copy stage of an export: every planned file put in place a few at a time, with progress and
// cancel. One file's failure is recorded and the rest go on.
import { lstat, unlink } from 'node:fs/promises'
import { isErrno } from '../lib/errno'
import type { FileStore } from '../store/file-store'
import { FolderChangedError, nameKey, type ExportFolders } from './folders'
import { alreadyThere, type ManifestEntry } from './manifest'
import { NameTakenError, placeFile, placeNew, type PlaceMode, type Placed } from './place-file'
import type { PlannedFile } from './plan'
import { interleaveByFolder } from './schedule'
import type { ExportError } from './types'

export interface Tally {
  copied: number
  linked: number
  skipped: number
  bytes: number
  filesDone: number
  bytesDone: number
  fellBack: boolean
}

export interface CopyContext {
  readonly folders: ExportFolders
  /** Where the sources come from: the store resolves catalog paths and refuses anything outside it. */
  readonly store: Pick<FileStore, 'absPath'>
  readonly mode: PlaceMode
  readonly manifest: Map<string, ManifestEntry>
  readonly tally: Tally
  readonly errors: ExportError[]
  readonly failed: Set<string>
  /** Set when a folder changed under the export: no further file is started. */
  stopped: FolderChangedError | null
}

export function emptyTally(): Tally {
  return { copied: 0, linked: 0, skipped: 0, bytes: 0, filesDone: 0, bytesDone: 0, fellBack: false }
}

const missingMessage = 'the archived file is missing; run "chatkeep verify"'

async function explainMissing(error: NodeJS.ErrnoException, source: string): Promise<never> {
  const missing = error.code === 'ENOENT' && !(await lstat(source).catch(() => null))
  throw missing ? new Error(missingMessage) : error
}

/** The real path of the stored file, refusing one that is missing or leads out of the store. */
async function sourcePath(store: CopyContext['store'], relPath: string): Promise<string> {
  try {
    return await store.absPath(relPath)
  } catch (error) {
    if (isErrno(error, 'ENOENT', 'ENOTDIR')) throw new Error(missingMessage, { cause: error })
    throw new Error('the catalogued file lies outside the file store', { cause: error })
  }
}

type Outcome = { readonly placed: Placed } | { readonly skipped: ManifestEntry }

/** Takes the name over from whatever holds it, unless that is already the same file. */
async function replaceOrSkip(
  file: PlannedFile,
  source: string,
  destination: string,
  context: CopyContext,
): Promise<Outcome> {
  const same = await alreadyThere(
    destination,
    file.source.sha256,
    file.source.size,
    context.manifest.get(file.path),
  )
  if (same.same) return { skipped: same.entry }
  const placed = await placeFile(source, destination, context.mode).catch((error: NodeJS.ErrnoException) =>
    explainMissing(error, source),
  )
  return { placed }
}

/** A name that was free when the folder was listed: null if something has taken it since. */
async function createNew(source: string, destination: string, mode: PlaceMode): Promise<Outcome | null> {
  try {
    return { placed: await placeNew(source, destination, mode) }
  } catch (error) {
    if (error instanceof NameTakenError) return null
    return explainMissing(error as NodeJS.ErrnoException, source)
  }
}

async function exportOne(file: PlannedFile, context: CopyContext): Promise<void> {
  const { tally, manifest } = context
  try {
    const source = await sourcePath(context.store, file.source.relPath)
    const slash = file.path.lastIndexOf('/')
    const folder = slash < 0 ? '' : file.path.slice(0, slash)
    const present = await context.folders.ensure(folder)
    // Still where it was made? (folders.ts: on Linux the write cannot follow a swap anyway.)
    await context.folders.check(folder)
    const destination = context.folders.pathOf(file.path)
    // Only a name that was already in the folder can be a file from an earlier export.
    const isNew = !present.has(nameKey(file.path.slice(slash + 1)))
    const outcome =
      (isNew ? await createNew(source, destination, context.mode) : null) ??
      (await replaceOrSkip(file, source, destination, context))
    if ('skipped' in outcome) {
      manifest.set(file.path, outcome.skipped)
      tally.skipped++
      return
    }
    const { placed } = outcome
    const written = await lstat(destination)
    if (written.size !== file.source.size) {
      await unlink(destination).catch(() => undefined)
      throw new Error('the archived file is damaged (wrong size); run "chatkeep verify"')
    }
    if (placed.how === 'linked') tally.linked++
    else tally.copied++
    if (placed.fellBack) tally.fellBack = true
    tally.bytes += file.source.size
    manifest.set(file.path, { sha256: file.source.sha256, size: written.size, mtimeMs: written.mtimeMs })
  } catch (error) {
    if (error instanceof FolderChangedError) context.stopped ??= error
    context.failed.add(file.path)
    manifest.delete(file.path)
    context.errors.push({ path: file.path, mediaId: file.link.mediaId, message: (error as Error).message })
  } finally {
    tally.filesDone++
    tally.bytesDone += file.source.size
  }
}

/**
 * Copies `files` with `concurrency` in flight. A cancel (or a folder changing under the export)
 * stops taking new files and waits for the ones in flight, so every file that has its final name
 * is complete when this returns.
 */
export async function copyAll(
  files: readonly PlannedFile[],
  context: CopyContext,
  concurrency: number,
  signal: AbortSignal | undefined,
  report: () => void,
): Promise<void> {
  const queue = interleaveByFolder(files, (file) => file.path)
  let next = 0
  const worker = async (): Promise<void> => {
    for (let i = next++; i < queue.length; i = next++) {
      if (signal?.aborted || context.stopped) return
      await exportOne(queue[i] as PlannedFile, context)
      report()
    }
  }
  await Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, 64)) }, worker))
}
