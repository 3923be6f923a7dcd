// exportArchive: plan every path, copy (or hard-link) the files (copy-files.ts), then write
// transcripts, sidecars and the manifest. The summary says what happened to each file.
import { dirname } from 'node:path'
import { openCatalog, type Catalog } from '../catalog/catalog'
import { FileStore } from '../store/file-store'
import { writeAtomically } from './atomic-write'
import { ExportTargetError, resolveExportRoot } from './confine'
import { copyAll, emptyTally, type CopyContext } from './copy-files'
import { ExportFolders } from './folders'
import {
  commitGenerated,
  discardGenerated,
  stageGenerated,
  writeGenerated,
  type GeneratedFiles,
} from './generated'
import { manifestFileName, readManifest, serializeManifest } from './manifest'
import { minPathUnits, relativePathBudget, windowsMaxPathUnits } from './path-budget'
import { planExport, type ExportPlan } from './plan'
import { sidecarCsvName, sidecarJsonName } from './sidecars'
import { conversationChats, loadLinks, sourceFileOf } from './source'
import { defaultTemplate, parseTemplate, type Template } from './template'
import { exportChats } from './transcript-plan'
import type {
  ExportError,
  ExportLink,
  ExportOptions,
  ExportProgress,
  ExportSelection,
  ExportSummary,
} from './types'

// Enough copies in flight to keep the thread pool busy between one file's steps and the next;
// the copies are kernel work, so more than this only queues (measured in docs/export.md).
const defaultConcurrency = 16

/** Names at the export's root that no media file may take. */
const reservedNames = [sidecarJsonName, sidecarCsvName, manifestFileName] as const

/** Every path of an export of `links` (oldest first); the dialog's preview plans with it too. */
export function planLinks(
  catalog: Catalog,
  links: readonly ExportLink[],
  template: Template,
  pathBudget: number,
): ExportPlan {
  return planExport(links, template, (link) => sourceFileOf(catalog, link), reservedNames, pathBudget)
}

export function toSelection(filter: ExportOptions['filter']): ExportSelection {
  if (filter === undefined) return { kind: 'links', filter: {} }
  return 'kind' in filter ? filter : { kind: 'links', filter }
}

/** Exports the archive (or a filtered part of it) into `options.to`. Template errors throw TemplateError. */
export async function exportArchive(options: ExportOptions): Promise<ExportSummary> {
  const template = parseTemplate(options.template ?? defaultTemplate)
  const ownCatalog = options.catalog === undefined
  const dataDir = options.dataDir ?? dirname(options.catalog?.db.name ?? '')
  if (!options.dataDir && !options.catalog) throw new Error('exportArchive needs a dataDir or a catalog.')
  const root = await resolveExportRoot(options.to, dataDir)
  const pathBudget = relativePathBudget(root, options.platform)
  if (pathBudget < minPathUnits) {
    throw new ExportTargetError(
      `The export folder's path is ${root.length} characters long, and Windows allows ` +
        `${windowsMaxPathUnits} for a whole path: too little is left for the files' names. ` +
        'Choose a folder with a shorter path.',
    )
  }
  const folders = await ExportFolders.open(root)
  let catalog: Catalog
  try {
    catalog = options.catalog ?? openCatalog(dataDir)
  } catch (error) {
    await folders.close()
    throw error
  }
  const tally = emptyTally()
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
    const selection = toSelection(options.filter)
    const links = loadLinks(catalog, selection)
    const plan = planLinks(catalog, links, template, pathBudget)
    // Every chat gets its conversation, also one without an exported item (issue 12).
    const chats = exportChats(plan, conversationChats(catalog, selection))
    filesTotal = plan.files.length
    bytesTotal = plan.files.reduce((sum, f) => sum + f.source.size, 0)
    const manifestPath = folders.pathOf(manifestFileName)
    const manifest = await readManifest(manifestPath)
    const failed = new Set<string>()
    const context: CopyContext = {
      folders,
      store: await FileStore.open(dataDir, { create: false }),
      mode: options.mode ?? 'copy',
      manifest,
      tally,
      errors,
      failed,
      stopped: null,
    }
    progress('copying')
    const copying = copyAll(
      plan.files,
      context,
      options.concurrency ?? defaultConcurrency,
      options.signal,
      () => progress('copying'),
    )
    // Transcripts and sidecars are written to temp names alongside the copies, on the bet that
    // no file fails: the CPU work of rendering them then hides behind the copies' kernel time.
    const staging = stageGenerated({
      catalog,
      plan,
      chats,
      folders,
      template,
      failed: new Set(),
      signal: options.signal,
    }).catch(() => null)
    // copyAll records each file's failure itself; should it still throw, drop what was staged.
    await copying.catch(async (error: unknown) => {
      const staged = await staging
      if (staged) await discardGenerated(staged)
      throw error
    })
    const staged = await staging
    if (context.stopped) {
      // Nothing more goes into a tree that changed under us, not even the manifest.
      if (staged) await discardGenerated(staged)
      throw context.stopped
    }
    const cancelled = options.signal?.aborted === true
    let generated: GeneratedFiles = { transcripts: [], conversations: [], sidecars: [] }
    if (cancelled || failed.size > 0) {
      if (staged) await discardGenerated(staged)
    }
    if (!cancelled) {
      progress('writing')
      // A file failed (its entries must say so), or staging did: write them again, for real.
      generated =
        staged && failed.size === 0
          ? await commitGenerated(staged, errors)
          : await writeGenerated({ catalog, plan, chats, folders, template, failed }, errors)
    }
    // Written even after a cancel, so the next run skips what this one finished.
    await folders.check('')
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
      chats: chats.length,
      sidecars: generated.sidecars,
      transcripts: generated.transcripts,
      conversations: generated.conversations,
      errors,
      notes,
      cancelled,
    }
  } catch (error) {
    progress('failed')
    throw error
  } finally {
    await folders.close()
    if (ownCatalog) catalog.close()
  }
}
