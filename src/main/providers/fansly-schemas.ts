// Zod schemas for the Fansly bodies OnlyFansAPI passes through unchanged. Only what the adapter
// reads is declared; `.loose()` keeps every other key, so the parsed object is the raw object.
// No defaults or transforms here: the output must stay identical to the input for `raw`.
import { z } from 'zod'

/** Snowflake ids are strings; a number would already have lost digits, so it is drift. */
const idSchema = z.string()
/** Seconds, milliseconds or float seconds; some sources send a numeric string. */
const timeSchema = z.union([z.number(), z.string()])
/** Usually a JSON string; "", null, or (defensively) an already-parsed object. */
const metadataSchema = z.union([z.string(), z.record(z.string(), z.unknown())]).nullable()

export const fanslyLocationSchema = z
  .object({
    locationId: z.union([z.string(), z.number()]).optional(),
    location: z.string(),
    /** HLS/DASH locations carry CloudFront `Policy`/`Signature`/`Key-Pair-Id` here, not in the query. */
    metadata: z.record(z.string(), z.unknown()).nullable().optional(),
  })
  .loose()
export type FanslyLocation = z.infer<typeof fanslyLocationSchema>

export const fanslyVariantSchema = z
  .object({
    id: idSchema,
    type: z.number(),
    status: z.number().optional(),
    mimetype: z.string().nullable().optional(),
    location: z.string().nullable().optional(),
    width: z.number().nullable().optional(),
    height: z.number().nullable().optional(),
    metadata: metadataSchema.optional(),
    /** Absent entirely in some recordings (fansly-messages-1). */
    locations: z.array(fanslyLocationSchema).optional(),
  })
  .loose()
export type FanslyVariant = z.infer<typeof fanslyVariantSchema>

export const fanslyMediaSchema = fanslyVariantSchema
  .extend({
    accountId: idSchema.optional(),
    createdAt: timeSchema.nullable().optional(),
    variants: z.array(fanslyVariantSchema).optional(),
  })
  .loose()
export type FanslyMedia = z.infer<typeof fanslyMediaSchema>

export const fanslyPermissionFlagSchema = z
  .object({
    id: idSchema.optional(),
    type: z.number().optional(),
    flags: z.number(),
    price: z.number().nullable().optional(),
    metadata: metadataSchema.optional(),
    validAfter: timeSchema.nullable().optional(),
    validBefore: timeSchema.nullable().optional(),
    verificationFlags: z.number().nullable().optional(),
  })
  .loose()
export type FanslyPermissionFlag = z.infer<typeof fanslyPermissionFlagSchema>

export const fanslyPermissionsSchema = z
  .object({
    permissionFlags: z.array(fanslyPermissionFlagSchema).optional(),
    /** What the viewing account holds (follow, tier), not a rule on the media. */
    accountPermissionFlags: z
      .object({ flags: z.number(), metadata: metadataSchema.optional() })
      .loose()
      .nullable()
      .optional(),
  })
  .loose()
export type FanslyPermissions = z.infer<typeof fanslyPermissionsSchema>

export const fanslyAccountMediaSchema = z
  .object({
    id: idSchema,
    accountId: idSchema.optional(),
    mediaId: idSchema.optional(),
    previewId: idSchema.nullable().optional(),
    price: z.number().nullable().optional(),
    createdAt: timeSchema.nullable().optional(),
    deleted: z.boolean().optional(),
    permissions: fanslyPermissionsSchema.nullable().optional(),
    media: fanslyMediaSchema,
    preview: fanslyMediaSchema.nullable().optional(),
    access: z.boolean().optional(),
  })
  .loose()
export type FanslyAccountMedia = z.infer<typeof fanslyAccountMediaSchema>

export const fanslyBundleSchema = z
  .object({
    id: idSchema,
    accountMediaIds: z.array(idSchema).optional(),
    bundleContent: z
      .array(z.object({ accountMediaId: idSchema, pos: z.number().optional() }).loose())
      .optional(),
    price: z.number().nullable().optional(),
    permissions: fanslyPermissionsSchema.nullable().optional(),
    access: z.boolean().optional(),
  })
  .loose()
export type FanslyBundle = z.infer<typeof fanslyBundleSchema>

export const fanslyAttachmentSchema = z
  .object({
    contentType: z.number(),
    contentId: idSchema,
    pos: z.number().optional(),
  })
  .loose()
export type FanslyAttachment = z.infer<typeof fanslyAttachmentSchema>

export const fanslyMessageSchema = z
  .object({
    id: idSchema,
    content: z.string().nullable().optional(),
    groupId: idSchema.optional(),
    senderId: idSchema.nullable().optional(),
    createdAt: timeSchema,
    attachments: z.array(fanslyAttachmentSchema).nullable().optional(),
    /** "" (webhook), null or an id; nothing else is read. */
    inReplyTo: z.unknown().optional(),
    /** Thousandths of a dollar, like every Fansly amount. */
    totalTipAmount: z.unknown().optional(),
  })
  .loose()
export type FanslyMessage = z.infer<typeof fanslyMessageSchema>

/** A tip aggregated beside the messages (`tips[]`), referenced by a contentType 7 attachment. */
export const fanslyTipSchema = z.object({ id: idSchema, amount: z.unknown().optional() }).loose()
export type FanslyTip = z.infer<typeof fanslyTipSchema>

/**
 * A messages page with its lists unread: each message, accountMedia, bundle and tip is parsed on
 * its own (fansly-page.ts), so one malformed entry never fails the page.
 */
export const fanslyMessagesPageSchema = z
  .object({
    messages: z.array(z.unknown()),
    accountMedia: z.array(z.unknown()).nullable().optional(),
    accountMediaBundles: z.array(z.unknown()).nullable().optional(),
    tips: z.array(z.unknown()).nullable().optional(),
  })
  .loose()
export type FanslyMessagesPage = z.infer<typeof fanslyMessagesPageSchema>

export const fanslyChatSchema = z
  .object({
    groupId: idSchema,
    partnerAccountId: idSchema.nullable().optional(),
    partnerUsername: z.string().nullable().optional(),
    lastMessageId: idSchema.nullable().optional(),
  })
  .loose()
export type FanslyChat = z.infer<typeof fanslyChatSchema>

export const fanslyAggregatedAccountSchema = z
  .object({
    id: idSchema,
    username: z.string().nullable().optional(),
    displayName: z.string().nullable().optional(),
  })
  .loose()
export type FanslyAggregatedAccount = z.infer<typeof fanslyAggregatedAccountSchema>

export const fanslyAggregatedGroupSchema = z
  .object({
    id: idSchema,
    lastMessage: z.object({ createdAt: timeSchema.nullable().optional() }).loose().nullable().optional(),
  })
  .loose()
export type FanslyAggregatedGroup = z.infer<typeof fanslyAggregatedGroupSchema>

/** The chat list with its lists unread: each chat and aggregated entry is parsed on its own. */
export const fanslyChatsEnvelopeSchema = z
  .object({
    data: z.array(z.unknown()),
    aggregationData: z
      .object({
        accounts: z.array(z.unknown()).nullable().optional(),
        groups: z.array(z.unknown()).nullable().optional(),
      })
      .loose()
      .nullable()
      .optional()
      .catch(null),
    hasMore: z.boolean().optional(),
  })
  .loose()

/** A chat list page as fansly-chats.ts reads it: the chats that could be read, and how many came. */
export interface FanslyChatsPage {
  readonly data: readonly FanslyChat[]
  readonly accounts: readonly FanslyAggregatedAccount[]
  readonly groups: readonly FanslyAggregatedGroup[]
  readonly hasMore?: boolean
  /** Entries on the page, readable or not: where the next page starts. */
  readonly listed: number
}

/** The `/account-media/{ids}` list, entries unread (each is parsed on its own). */
export const fanslyAccountMediaListSchema = z.array(z.unknown())

/** OnlyFansAPI's own list of linked Fansly accounts (not a Fansly body). */
export const fanslyLinkedAccountSchema = z
  .object({
    id: z.string(),
    fansly_id: z.union([z.string(), z.number()]).nullable().optional(),
    fansly_username: z.string().nullable().optional(),
  })
  .loose()
export const fanslyLinkedAccountsSchema = z.array(fanslyLinkedAccountSchema)
export type FanslyLinkedAccount = z.infer<typeof fanslyLinkedAccountSchema>
