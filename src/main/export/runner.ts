// exportArchive: plan every path, copy (or hard-link) a few files at a time with progress and
// cancel, then write transcripts, sidecars and the manifest. One file's failure is reported and
// the rest go on; the summary says what happened to each.
import { lstat, realpath, unlink } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import { openCatalog } from '../catalog/catalog'
import { writeAtomically } from './atomic-write'
import { FolderMaker, isInside, nameKey, resolveExportRoot } from './confine'
import { writeGenerated } from './generated'
import {
  alreadyThere,
  manifestFileName,
  readManifest,
  serializeManifest,
  type ManifestEntry,
} from './manifest'
import { placeFile, type PlaceMode } from './place-file'
import { planExport, type PlannedFile } from './plan'
import { sidecarCsvName, sidecarJsonName } from './sidecars'
import { loadLinks, sourceFileOf } from './source'
import { defaultTemplate, parseTemplate } from './template'
import type { ExportError, ExportOptions, ExportProgress, ExportSelection, ExportSummary } from './types'

const defaultConcurrency = 4

function toSelection(filter: ExportOptions['filter']): ExportSelection {
  if (filter === undefined) return { kind: 'links', filter: {} }
  return 'kind' in filter ? filter : { kind: 'links', filter }
}

interface Tally {
  copied: number
  linked: number
  skipped: number
  bytes: number
  filesDone: number
  bytesDone: number
  fellBack: boolean
}

interface CopyContext {
  readonly folders: FolderMaker
  readonly filesRoot: string
  readonly mode: PlaceMode
  readonly manifest: Map<string, ManifestEntry>
  readonly tally: Tally
  readonly errors: ExportError[]
  readonly failed: Set<string>
}

async function exportOne(file: PlannedFile, context: CopyContext): Promise<void> {
  const { tally, manifest } = context
  try {
    const source = join(context.filesRoot, file.source.relPath.replace(/^files\//, ''))
    if (!isInside(context.filesRoot, source))
      throw new Error('the catalogued file lies outside the file store')
    const slash = file.path.lastIndexOf('/')
    const present = await context.folders.ensure(slash < 0 ? '' : file.path.slice(0, slash))
    const destination = context.folders.pathOf(file.path)
    // Only a name that was already in the folder can be a file from an earlier export.
    if (present.has(nameKey(file.path.slice(slash + 1)))) {
      const same = await alreadyThere(
        destination,
        file.source.sha256,
        file.source.size,
        manifest.get(file.path),
      )
      if (same.same) {
        manifest.set(file.path, same.entry)
        tally.skipped++
        return
      }
    }
    const placed = await placeFile(source, destination, context.mode).catch(
      async (error: NodeJS.ErrnoException) => {
        const missing = error.code === 'ENOENT' && !(await lstat(source).catch(() => null))
        throw missing ? new Error('the archived file is missing; run "chatkeep verify"') : error
      },
    )
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
    context.failed.add(file.path)
    manifest.delete(file.path)
    context.errors.push({ path: file.path, mediaId: file.link.mediaId, message: (error as Error).message })
  } finally {
    tally.filesDone++
    tally.bytesDone += file.source.size
  }
}

async function copyAll(
  files: readonly PlannedFile[],
  context: CopyContext,
  concurrency: number,
  signal: AbortSignal | undefined,
  report: () => void,
): Promise<void> {
  let next = 0
  const worker = async (): Promise<void> => {
    for (let i = next++; i < files.length; i = next++) {
      if (signal?.aborted) return
      await exportOne(files[i] as PlannedFile, context)
      report()
    }
  }
  await Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, 16)) }, worker))
}

/** Exports the archive (or a filtered part of it) into `options.to`. Template errors throw TemplateError. */
export async function exportArchive(options: ExportOptions): Promise<ExportSummary> {
  const template = parseTemplate(options.template ?? defaultTemplate)
  const ownCatalog = options.catalog === undefined
  const dataDir = options.dataDir ?? dirname(options.catalog?.db.name ?? '')
  if (!options.dataDir && !options.catalog) throw new Error('exportArchive needs a dataDir or a catalog.')
  const root = await resolveExportRoot(options.to, dataDir)
  const catalog = options.catalog ?? openCatalog(dataDir)
  const tally: Tally = {
    copied: 0,
    linked: 0,
    skipped: 0,
    bytes: 0,
    filesDone: 0,
    bytesDone: 0,
    fellBack: false,
  }
  const errors: ExportError[] = []
  let filesTotal = 0
  let bytesTotal = 0
  const progress = (phase: ExportProgress['phase']): void =>
    options.onProgress?.({
      phase,
      filesDone: tally.filesDone,
      filesTotal,
      bytesDone: tally.bytesDone,
      bytesTotal,
      errors: errors.length,
    })
  try {
    progress('planning')
    const links = loadLinks(catalog, toSelection(options.filter))
    const reserved = [sidecarJsonName, sidecarCsvName, manifestFileName]
    const plan = planExport(links, template, (link) => sourceFileOf(catalog, link), reserved)
    filesTotal = plan.files.length
    bytesTotal = plan.files.reduce((sum, f) => sum + f.source.size, 0)
    const manifestPath = join(root, manifestFileName)
    const manifest = await readManifest(manifestPath)
    const folders = new FolderMaker(root)
    const failed = new Set<string>()
    const filesRoot = await realpath(join(dataDir, 'files')).catch(() => join(dataDir, 'files'))
    const context: CopyContext = {
      folders,
      filesRoot,
      mode: options.mode ?? 'copy',
      manifest,
      tally,
      errors,
      failed,
    }
    progress('copying')
    await copyAll(plan.files, context, options.concurrency ?? defaultConcurrency, options.signal, () =>
      progress('copying'),
    )
    const cancelled = options.signal?.aborted === true
    let generated = { transcripts: [] as string[], sidecars: [] as string[] }
    if (!cancelled) {
      progress('writing')
      generated = await writeGenerated({ catalog, plan, root, folders, template, failed, errors })
    }
    // Written even after a cancel, so the next run skips what this one finished.
    await writeAtomically(manifestPath, [serializeManifest(manifest)])
    progress(cancelled ? 'cancelled' : 'done')
    const notes = tally.fellBack
      ? [
          'Some files were copied instead of hard-linked: the export folder is on another volume than the archive.',
        ]
      : []
    return {
      to: root,
      files: plan.files.length,
      copied: tally.copied,
      linked: tally.linked,
      skipped: tally.skipped,
      bytes: tally.bytes,
      totalBytes: bytesTotal,
      chats: new Set(plan.entries.map((e) => e.link.chatRowId)).size,
      sidecars: generated.sidecars,
      transcripts: generated.transcripts,
      errors,
      notes,
      cancelled,
    }
  } catch (error) {
    progress('failed')
    throw error
  } finally {
    if (ownCatalog) catalog.close()
  }
}
