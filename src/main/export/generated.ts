// The files an export generates rather than copies: per chat its transcript (HTML) and its
// conversation (conversation.txt, conversation.json), then the two sidecars. A chat whose files
// cannot be written is an error for that chat, not for the export.
// They can be staged (written to temp names) while the copies run, then committed (renamed into
// place) or discarded once the copy stage is over.
import type { Catalog } from '../catalog/catalog'
import { commitStaged, discardStaged, writeStaged, type StagedFile } from './atomic-write'
import type { ExportFolders } from './folders'
import type { ExportPlan } from './plan'
import { sidecarCsv, sidecarCsvName, sidecarJson, sidecarJsonName } from './sidecars'
import type { Template } from './template'
import { conversationJson, conversationText } from './conversation-files'
import { renderTranscript, type TranscriptMessage } from './transcript-html'
import { transcriptMessages, transcriptTargets, type ExportChat } from './transcript-plan'
import type { ExportError } from './types'

export interface GeneratedInput {
  readonly catalog: Catalog
  readonly plan: ExportPlan
  /** Every chat whose conversation the export writes (exportChats in transcript-plan.ts). */
  readonly chats: readonly ExportChat[]
  readonly folders: ExportFolders
  readonly template: Template
  /** Paths that failed to copy: the sidecars give those items no path. */
  readonly failed: ReadonlySet<string>
  /** Stops staging early; what was staged is removed. */
  readonly signal?: AbortSignal
}

export interface GeneratedFiles {
  readonly transcripts: string[]
  /** conversation.txt and conversation.json of each chat. */
  readonly conversations: string[]
  readonly sidecars: string[]
}

/** A generated file in its temp name, and the folder of the export it goes in. */
interface StagedIn {
  readonly file: StagedFile
  readonly folder: string
}

/** Generated files in temp names, with the transcript errors met on the way. */
export interface StagedGenerated {
  readonly folders: ExportFolders
  readonly files: readonly StagedIn[]
  readonly transcripts: readonly string[]
  readonly conversations: readonly string[]
  readonly sidecars: readonly string[]
  readonly errors: readonly ExportError[]
}

/** Both sidecars ask for an item's access rules; one query per item is enough. */
function memo<T>(load: (id: number) => T): (id: number) => T {
  const cache = new Map<number, T>()
  return (id) => {
    if (!cache.has(id)) cache.set(id, load(id))
    return cache.get(id) as T
  }
}

export async function discardGenerated(staged: StagedGenerated): Promise<void> {
  await Promise.all(staged.files.map((f) => discardStaged(f.file)))
}

/** Writes every generated file to a temp name; on any failure (an abort included) removes them all. */
export async function stageGenerated(input: GeneratedInput): Promise<StagedGenerated> {
  const { catalog, plan, folders, signal } = input
  const exportedAt = new Date().toISOString()
  const files: StagedIn[] = []
  const transcripts: string[] = []
  const conversations: string[] = []
  const errors: ExportError[] = []
  try {
    for (const target of transcriptTargets(input.chats, input.template, plan.namer)) {
      signal?.throwIfAborted()
      try {
        const slash = target.path.lastIndexOf('/')
        const folder = slash < 0 ? '' : target.path.slice(0, slash)
        await folders.ensure(folder)
        await folders.check(folder)
        // Each file reads the chat's messages afresh, a page at a time.
        const messages = (): Iterable<TranscriptMessage> =>
          transcriptMessages(catalog, plan, target, input.failed)
        const write = async (path: string, chunks: Iterable<string>): Promise<void> => {
          files.push({ file: await writeStaged(folders.pathOf(path), chunks, signal), folder })
        }
        await write(target.path, renderTranscript(target.chat, messages(), exportedAt))
        transcripts.push(folders.displayPathOf(target.path))
        await write(target.textPath, conversationText(target.chat, messages(), exportedAt))
        await write(target.jsonPath, conversationJson(target.chat, messages(), exportedAt))
        conversations.push(folders.displayPathOf(target.textPath), folders.displayPathOf(target.jsonPath))
      } catch (error) {
        if (signal?.aborted) throw error
        errors.push({ path: target.path, mediaId: null, message: (error as Error).message })
      }
    }
    const context = {
      plan,
      template: input.template.source,
      exportedAt,
      accessRules: memo((id: number) => catalog.media.accessRules(id)),
      failed: input.failed,
    }
    await folders.check('')
    for (const [name, chunks] of [
      [sidecarJsonName, sidecarJson(context)],
      [sidecarCsvName, sidecarCsv(context)],
    ] as const) {
      files.push({ file: await writeStaged(folders.pathOf(name), chunks, signal), folder: '' })
    }
    const sidecars = [folders.displayPathOf(sidecarJsonName), folders.displayPathOf(sidecarCsvName)]
    return { folders, files, transcripts, conversations, sidecars, errors }
  } catch (error) {
    await discardGenerated({ folders, files, transcripts, conversations, sidecars: [], errors })
    throw error
  }
}

/** Renames the staged files into place and adds their transcript errors to `errors`. */
export async function commitGenerated(
  staged: StagedGenerated,
  errors: ExportError[],
): Promise<GeneratedFiles> {
  try {
    for (const { file, folder } of staged.files) {
      await staged.folders.check(folder)
      await commitStaged(file)
    }
  } catch (error) {
    await discardGenerated(staged)
    throw error
  }
  errors.push(...staged.errors)
  return {
    transcripts: [...staged.transcripts],
    conversations: [...staged.conversations],
    sidecars: [...staged.sidecars],
  }
}

export async function writeGenerated(input: GeneratedInput, errors: ExportError[]): Promise<GeneratedFiles> {
  return commitGenerated(await stageGenerated(input), errors)
}
