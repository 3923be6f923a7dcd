// The files an export generates rather than copies: per chat its transcript (HTML) and its
// conversation (conversation.txt, conversation.json), then the two sidecars. A chat whose files
// cannot be written is an error for that chat, not for the export.
// They can be staged (written to temp names) while the copies run, then committed (renamed into
// place) or discarded once the copy stage is over.
import { join } from 'node:path'
import type { Catalog } from '../catalog/catalog'
import { commitStaged, discardStaged, writeStaged, type StagedFile } from './atomic-write'
import type { FolderMaker } from './confine'
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
  readonly root: string
  readonly folders: FolderMaker
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

/** Generated files in temp names, with the transcript errors met on the way. */
export interface StagedGenerated {
  readonly files: readonly StagedFile[]
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
  await Promise.all(staged.files.map(discardStaged))
}

/** Writes every generated file to a temp name; on any failure (an abort included) removes them all. */
export async function stageGenerated(input: GeneratedInput): Promise<StagedGenerated> {
  const { catalog, plan, folders, signal } = input
  const exportedAt = new Date().toISOString()
  const files: StagedFile[] = []
  const transcripts: string[] = []
  const conversations: string[] = []
  const errors: ExportError[] = []
  try {
    for (const target of transcriptTargets(input.chats, input.template, plan.namer)) {
      signal?.throwIfAborted()
      try {
        const slash = target.path.lastIndexOf('/')
        await folders.ensure(slash < 0 ? '' : target.path.slice(0, slash))
        // Each file reads the chat's messages afresh, a page at a time.
        const messages = (): Iterable<TranscriptMessage> =>
          transcriptMessages(catalog, plan, target, input.failed)
        const html = folders.pathOf(target.path)
        files.push(await writeStaged(html, renderTranscript(target.chat, messages(), exportedAt), signal))
        transcripts.push(html)
        const asText = folders.pathOf(target.textPath)
        files.push(await writeStaged(asText, conversationText(target.chat, messages(), exportedAt), signal))
        const asJson = folders.pathOf(target.jsonPath)
        files.push(await writeStaged(asJson, conversationJson(target.chat, messages(), exportedAt), signal))
        conversations.push(asText, asJson)
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
    const json = join(input.root, sidecarJsonName)
    const csv = join(input.root, sidecarCsvName)
    files.push(await writeStaged(json, sidecarJson(context), signal))
    files.push(await writeStaged(csv, sidecarCsv(context), signal))
    return { files, transcripts, conversations, sidecars: [json, csv], errors }
  } catch (error) {
    await discardGenerated({ files, transcripts, conversations, sidecars: [], errors })
    throw error
  }
}

/** Renames the staged files into place and adds their transcript errors to `errors`. */
export async function commitGenerated(
  staged: StagedGenerated,
  errors: ExportError[],
): Promise<GeneratedFiles> {
  try {
    for (const file of staged.files) await commitStaged(file)
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
