// The closed sets of words the archive uses, as plain arrays: domain.ts builds its zod enums from
// them, and the CLI lists them in `--help`, validation and shell completion without loading zod
// (importing zod costs the CLI's start-up about 90 ms, more than Node itself takes to start).

export const mediaTypes = ['photo', 'video', 'audio', 'gif'] as const
export type MediaType = (typeof mediaTypes)[number]

/** What the archive holds for one media item. `locked` and `drm` are terminal; the rest are retried. */
export const mediaStatuses = ['downloaded', 'locked', 'drm', 'not_ready', 'failed', 'pending'] as const
export type MediaStatus = (typeof mediaStatuses)[number]

export const videoQualities = ['source', '720', '240'] as const
export type VideoQuality = (typeof videoQualities)[number]

/** The kinds a sync can be limited to (`sync --type`), in the plural the provider APIs use. */
export const syncMediaFilters = ['photos', 'videos', 'audios'] as const
export type SyncMediaFilter = (typeof syncMediaFilters)[number]

/**
 * What a sync archives: every message of each chat with its media (`conversations`, the default),
 * or only the messages that carry media (`media`: `sync --media-only`, cheaper on most providers).
 */
export const archiveModes = ['conversations', 'media'] as const
export type ArchiveMode = (typeof archiveModes)[number]

/** How a Fansly access rule unlocks an item (the kinds of domain.ts's accessRuleSchema). */
export const accessRuleKinds = ['ppv', 'subscription', 'follow', 'list', 'limited_time', 'unknown'] as const
export type AccessRuleKind = (typeof accessRuleKinds)[number]

/**
 * Hits the chat reviewer asks chat:search for at a time (the bench times the same). A page of 200
 * answers a two-word search in the 100,000-message bench chat in 16-20 ms at 10 million messages,
 * where its 10,000 newest took ~110 ms; stepping past the oldest asks for the next page.
 */
export const chatSearchPage = 200
