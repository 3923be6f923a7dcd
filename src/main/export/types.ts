// The shapes an export is planned and reported in. Plain data, no behaviour.
import type { Catalog } from '../catalog/catalog'
import type { MediaFilter } from '../catalog/repositories/gallery-where'
import type { MediaLinkFields, MediaLinkFilter } from '../catalog/repositories/media-links'
import type { PlaceMode } from './place-file'

/** What to export: the CLI's list filters, or the gallery's filter and/or selection (catalog row ids). */
export type ExportSelection =
  | { readonly kind: 'links'; readonly filter: MediaLinkFilter }
  | { readonly kind: 'gallery'; readonly filter?: MediaFilter; readonly mediaIds?: readonly number[] }

/** One (message, media) pair, with everything the names, sidecars and transcripts need. */
export interface ExportLink extends MediaLinkFields {
  readonly fan: string
  readonly fanName: string
  /** The original in the store, as the link query found it (null until downloaded). */
  readonly file: { readonly relPath: string; readonly sha256: string; readonly size: number } | null
  /** 1-based position among the exported items of its message. */
  readonly index: number
  readonly mediaRowId: number
  readonly messageRowId: number
  readonly chatRowId: number
}

/** The store file an item is exported from: the original, or for items without one, the archived preview. */
export interface SourceFile {
  readonly variant: 'full' | 'preview'
  readonly relPath: string
  readonly sha256: string
  readonly size: number
  readonly ext: string
}

export interface ExportProgress {
  readonly phase: 'planning' | 'copying' | 'writing' | 'done' | 'cancelled' | 'failed'
  readonly filesDone: number
  readonly filesTotal: number
  readonly bytesDone: number
  readonly bytesTotal: number
  readonly errors: number
}

export interface ExportError {
  readonly path: string | null
  readonly mediaId: string | null
  readonly message: string
}

export interface ExportSummary {
  /** The export folder, resolved (realpath). */
  readonly to: string
  /** Distinct files in the export. */
  readonly files: number
  readonly copied: number
  readonly linked: number
  /** Already identical in the target (same size and sha256). */
  readonly skipped: number
  /** Bytes copied or linked by this run. */
  readonly bytes: number
  /** Bytes of every file in the export, skipped ones included. */
  readonly totalBytes: number
  readonly chats: number
  readonly sidecars: readonly string[]
  readonly transcripts: readonly string[]
  /** Each chat's conversation.txt and conversation.json. */
  readonly conversations: readonly string[]
  readonly errors: readonly ExportError[]
  /** Things worth knowing that are not errors, e.g. a hard link that fell back to a copy. */
  readonly notes: readonly string[]
  readonly cancelled: boolean
}

export interface ExportOptions {
  /** The data folder; or pass an open `catalog` (its folder is taken from the database path). */
  readonly dataDir?: string
  readonly catalog?: Catalog
  readonly to: string
  /** Defaults to the whole archive. A plain MediaLinkFilter is taken as the CLI's list filters. */
  readonly filter?: MediaLinkFilter | ExportSelection
  readonly template?: string
  readonly mode?: PlaceMode
  readonly concurrency?: number
  readonly signal?: AbortSignal
  readonly onProgress?: (progress: ExportProgress) => void
  /** Whose path-length rules apply (path-budget.ts); this machine's unless a test says otherwise. */
  readonly platform?: NodeJS.Platform
}
