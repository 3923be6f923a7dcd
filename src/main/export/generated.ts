// The files an export generates rather than copies: one transcript per chat, then the two
// sidecars. A transcript that cannot be written is an error for that chat, not for the export.
import { join } from 'node:path'
import type { Catalog } from '../catalog/catalog'
import { writeAtomically } from './atomic-write'
import type { FolderMaker } from './confine'
import type { ExportPlan } from './plan'
import { sidecarCsv, sidecarCsvName, sidecarJson, sidecarJsonName } from './sidecars'
import type { Template } from './template'
import { renderTranscript } from './transcript'
import { transcriptMessages, transcriptTargets } from './transcripts'
import type { ExportError } from './types'

export interface GeneratedInput {
  readonly catalog: Catalog
  readonly plan: ExportPlan
  readonly root: string
  readonly folders: FolderMaker
  readonly template: Template
  /** Paths that failed to copy: the sidecars give those items no path. */
  readonly failed: ReadonlySet<string>
  /** Transcript failures are added here. */
  readonly errors: ExportError[]
}

/** Both sidecars ask for an item's access rules; one query per item is enough. */
function memo<T>(load: (id: number) => T): (id: number) => T {
  const cache = new Map<number, T>()
  return (id) => {
    if (!cache.has(id)) cache.set(id, load(id))
    return cache.get(id) as T
  }
}

export async function writeGenerated(
  input: GeneratedInput,
): Promise<{ readonly transcripts: string[]; readonly sidecars: string[] }> {
  const { catalog, plan, folders } = input
  const exportedAt = new Date().toISOString()
  const transcripts: string[] = []
  for (const target of transcriptTargets(plan, input.template, plan.namer)) {
    try {
      const slash = target.path.lastIndexOf('/')
      await folders.ensure(slash < 0 ? '' : target.path.slice(0, slash))
      const path = folders.pathOf(target.path)
      const messages = transcriptMessages(catalog, plan, target, input.failed)
      await writeAtomically(path, renderTranscript(target.chat, messages, exportedAt))
      transcripts.push(path)
    } catch (error) {
      input.errors.push({ path: target.path, mediaId: null, message: (error as Error).message })
    }
  }
  const context = {
    plan,
    template: input.template.source,
    exportedAt,
    accessRules: memo((id: number) => catalog.media.accessRules(id)),
    failed: input.failed,
  }
  const json = join(input.root, sidecarJsonName)
  const csv = join(input.root, sidecarCsvName)
  await writeAtomically(json, sidecarJson(context))
  await writeAtomically(csv, sidecarCsv(context))
  return { transcripts, sidecars: [json, csv] }
}
