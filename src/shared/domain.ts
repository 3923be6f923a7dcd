// Domain types shared by the main process, the CLI, serve mode and the renderer.
// Plain TypeScript and zod only: no electron, node: or DOM imports.
import { z } from 'zod'
import { providerIds } from './providers'
import { archiveModes, mediaStatuses, mediaTypes, videoQualities } from './vocabulary'

// The word lists live in zod-free modules (the CLI reads them without loading zod); re-exported
// here so the rest of the code keeps one import for domain types.
export { providerIds, type ProviderId } from './providers'
export {
  archiveModes,
  mediaStatuses,
  mediaTypes,
  videoQualities,
  type MediaStatus,
  type ArchiveMode,
  type MediaType,
  type VideoQuality,
} from './vocabulary'

export const providerIdSchema = z.enum(providerIds)
export const mediaTypeSchema = z.enum(mediaTypes)
export const mediaStatusSchema = z.enum(mediaStatuses)
export const videoQualitySchema = z.enum(videoQualities)
export const archiveModeSchema = z.enum(archiveModes)

/** Every file a provider offers for one media item. `full` is the original; the rest are previews. */
export const variantKinds = ['full', 'thumb', 'preview', 'squarePreview'] as const
export const variantKindSchema = z.enum(variantKinds)
export type VariantKind = z.infer<typeof variantKindSchema>

/**
 * One Fansly access rule. Rules within one `ruleSet` are AND-ed; rule sets are OR-ed
 * (any satisfied set unlocks the media), as the media-permissions page describes.
 */
export const accessRuleKinds = ['ppv', 'subscription', 'follow', 'list', 'limited_time', 'unknown'] as const
export const accessRuleSchema = z.object({
  ruleSet: z.number().int(),
  kind: z.enum(accessRuleKinds),
  /** Price in US dollars (Fansly sends thousandths). */
  price: z.number().nullable(),
  tierId: z.string().nullable(),
  tierName: z.string().nullable(),
  listId: z.string().nullable(),
  listLabel: z.string().nullable(),
  validAfter: z.string().nullable(),
  validBefore: z.string().nullable(),
  /** The raw permissionFlags value of the set, kept for rules we cannot name yet. */
  flags: z.number().int(),
})
export type AccessRule = Readonly<z.infer<typeof accessRuleSchema>>

export const syncPhaseSchema = z.enum(['listing', 'downloading', 'done', 'failed', 'cancelled'])
export type SyncPhase = z.infer<typeof syncPhaseSchema>

export const chatProgressSchema = z.object({
  chatId: z.string(),
  label: z.string(),
  mediaSeen: z.number().int(),
  done: z.number().int(),
  total: z.number().int(),
  bytes: z.number(),
  failed: z.number().int(),
  /** Not read: its newest message is the one the last complete sync saw. */
  unchanged: z.boolean(),
  /** Why its pages could not be read (the sync went on with the other chats). */
  error: z.string().optional(),
})

export const syncProgressSchema = z.object({
  runId: z.number().int(),
  provider: providerIdSchema,
  account: z.string(),
  phase: syncPhaseSchema,
  requests: z.number().int(),
  credits: z.number(),
  mediaSeen: z.number().int(),
  downloaded: z.number().int(),
  alreadyHad: z.number().int(),
  failed: z.number().int(),
  /** Messages read from the provider's pages so far, and those new to the archive. */
  messagesSeen: z.number().int().default(0),
  messagesNew: z.number().int().default(0),
  bytes: z.number(),
  totalBytes: z.number(),
  bytesPerSecond: z.number(),
  etaSeconds: z.number().nullable(),
  chats: z.array(chatProgressSchema),
  error: z.string().nullable(),
})
export type SyncProgress = Readonly<z.infer<typeof syncProgressSchema>>
