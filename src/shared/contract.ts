// The typed contract between the renderer and the main process: every channel once, with zod
// schemas for its input and output. Both transports (Electron IPC and serve-mode HTTP) are built
// from this record, and `Handlers` makes a missing implementation a compile error. The names
// themselves are listed in bridge.ts (zod-free, for the preload); this record must match them.
import { z } from 'zod'
import { channelNames, eventNames, type ChannelName, type EventName } from './bridge'
import {
  accessRuleSchema,
  archiveModeSchema,
  mediaStatusSchema,
  mediaTypeSchema,
  providerIdSchema,
  syncProgressSchema,
  videoQualitySchema,
} from './domain'

const isoDate = z.string()

export const appInfoSchema = z.object({
  name: z.literal('Chatkeep'),
  version: z.string(),
  transport: z.enum(['electron', 'http']),
  dataDir: z.string(),
  platform: z.string(),
})

export const catalogStatsSchema = z.object({
  accounts: z.number().int(),
  chats: z.number().int(),
  messages: z.number().int(),
  media: z.number().int(),
  files: z.number().int(),
  bytes: z.number(),
  byStatus: z.record(mediaStatusSchema, z.number().int()),
  byType: z.record(mediaTypeSchema, z.number().int()),
  lastSyncAt: isoDate.nullable(),
})

export const accountSummarySchema = z.object({
  id: z.number().int(),
  provider: providerIdSchema,
  externalId: z.string(),
  label: z.string().nullable(),
  connectionId: z.string().nullable(),
  lastSyncedAt: isoDate.nullable(),
  chats: z.number().int(),
  media: z.number().int(),
  /** Removed from Chatkeep with its archive kept: browsable, no longer synced, no key. */
  removed: z.boolean(),
})

export const chatSummarySchema = z.object({
  id: z.number().int(),
  accountId: z.number().int(),
  provider: providerIdSchema,
  externalId: z.string(),
  fanName: z.string().nullable(),
  fanUsername: z.string().nullable(),
  media: z.number().int(),
  downloaded: z.number().int(),
  lastMessageAt: isoDate.nullable(),
  lastSyncedAt: isoDate.nullable(),
})

export const mediaSortSchema = z.enum(['newest', 'oldest', 'largest', 'smallest'])

export const mediaQuerySchema = z.object({
  search: z.string().max(500).optional(),
  provider: providerIdSchema.optional(),
  accountId: z.number().int().optional(),
  chatId: z.number().int().optional(),
  types: z.array(mediaTypeSchema).max(4).optional(),
  statuses: z.array(mediaStatusSchema).max(6).optional(),
  from: isoDate.optional(),
  to: isoDate.optional(),
  paid: z.enum(['free', 'paid']).optional(),
  minPrice: z.number().nonnegative().optional(),
  maxPrice: z.number().nonnegative().optional(),
  accessRule: accessRuleSchema.shape.kind.optional(),
  sort: mediaSortSchema.default('newest'),
  offset: z.number().int().nonnegative().default(0),
  limit: z.number().int().min(1).max(500).default(200),
})
export type MediaQuery = z.infer<typeof mediaQuerySchema>

export const mediaRowSchema = z.object({
  id: z.number().int(),
  provider: providerIdSchema,
  accountId: z.number().int(),
  chatId: z.number().int(),
  chatLabel: z.string(),
  messageId: z.number().int(),
  type: mediaTypeSchema,
  status: mediaStatusSchema,
  createdAt: isoDate,
  text: z.string(),
  price: z.number().nullable(),
  width: z.number().int().nullable(),
  height: z.number().int().nullable(),
  durationSec: z.number().nullable(),
  size: z.number().int().nullable(),
  hasThumb: z.boolean(),
  hasFile: z.boolean(),
})
export type MediaRow = z.infer<typeof mediaRowSchema>

export const mediaPageSchema = z.object({
  total: z.number().int(),
  rows: z.array(mediaRowSchema),
  /**
   * A typed word had more completions than a search covers (its most common ones, see
   * src/main/catalog/repositories/fts-terms.ts): the rarest were not searched.
   */
  capped: z.boolean().optional(),
  /**
   * `total` counts only the items found so far (at least every row up to this page's end): more
   * match past them. A text search answers its first pages without counting every hit of a common
   * word (seconds at 10 million messages); the renderer shows "N+" and the total grows as it pages.
   */
  totalIsLowerBound: z.boolean().optional(),
})

export const mediaDetailSchema = mediaRowSchema.extend({
  providerMediaId: z.string(),
  accessRules: z.array(accessRuleSchema),
  sha256: z.string().nullable(),
  mime: z.string().nullable(),
  messages: z.array(
    z.object({
      messageId: z.number().int(),
      chatId: z.number().int(),
      chatLabel: z.string(),
      text: z.string(),
      price: z.number().nullable(),
      createdAt: isoDate,
      /** Who sent it: the creator (the account) or the fan, named by the chat's fan names. */
      fromCreator: z.boolean(),
      fanName: z.string().nullable(),
      fanUsername: z.string().nullable(),
    }),
  ),
  lastError: z.string().nullable(),
})

/** One message of a chat as the reviewer shows it, with the media it carried, in order. */
export const conversationMessageSchema = z.object({
  id: z.number().int(),
  externalId: z.string(),
  text: z.string(),
  price: z.number().nullable(),
  isFree: z.boolean(),
  /** For a priced message: bought (true) or not (false); null when free or unknown. */
  paid: z.boolean().nullable(),
  tip: z.number().nullable(),
  fromCreator: z.boolean(),
  isMass: z.boolean().nullable(),
  createdAt: isoDate,
  /** When a full sync found the provider no longer has it; null while it does. */
  deletedUpstreamAt: isoDate.nullable(),
  /**
   * The message this one answers, when the provider said it is a reply: its row id and first
   * words, or `archived: false` when the archive does not hold it (older than what was synced).
   */
  replyTo: z
    .discriminatedUnion('archived', [
      z.object({
        archived: z.literal(true),
        id: z.number().int(),
        text: z.string(),
        fromCreator: z.boolean(),
      }),
      z.object({ archived: z.literal(false) }),
    ])
    .nullable(),
  media: z.array(mediaRowSchema),
})
export type ConversationMessage = z.infer<typeof conversationMessageSchema>

/** A position in a chat: a message's time and row id (the keyset the pages walk). */
export const chatCursorSchema = z.object({ createdAt: isoDate, id: z.number().int() })
export type ChatCursor = z.infer<typeof chatCursorSchema>

/** Where a page of a chat starts: its newest or oldest messages, a date, one message, or next to a page. */
export const chatAnchorSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('newest') }),
  z.object({ kind: z.literal('oldest') }),
  /** Half the page before this instant, half from it on. */
  z.object({ kind: z.literal('date'), date: z.iso.datetime({ offset: true }) }),
  /** Half the page before the message, the rest from it on. */
  z.object({ kind: z.literal('message'), messageId: z.number().int() }),
  z.object({ kind: z.literal('older'), cursor: chatCursorSchema }),
  z.object({ kind: z.literal('newer'), cursor: chatCursorSchema }),
])
export type ChatAnchor = z.infer<typeof chatAnchorSchema>

export const chatPageSchema = z.object({
  /** Oldest first. */
  messages: z.array(conversationMessageSchema),
  hasOlder: z.boolean(),
  hasNewer: z.boolean(),
})

export const addAccountSchema = z
  .object({
    provider: providerIdSchema,
    externalId: z.string().trim().min(1).max(200),
    connectionId: z.string().trim().min(1).max(200).optional(),
    label: z.string().trim().max(200).optional(),
  })
  .refine((v) => v.provider !== 'ofauth' || v.connectionId !== undefined, {
    message: 'OFAuth accounts need their connection id (conn_…).',
    path: ['connectionId'],
  })

export const keySourceSchema = z.enum(['keychain', 'session', 'environment'])

/** The last "Test key" of an account's current key, kept by the core until the key changes. */
export const keyTestSchema = z.object({
  /** refused: the provider said no (its words in `message`); inconclusive: it could not be asked. */
  result: z.enum(['accepted', 'refused', 'inconclusive']),
  message: z.string(),
  testedAt: isoDate,
})

export const keyStatusSchema = z.object({
  hasKey: z.boolean(),
  /**
   * Where a sync would take the key from: the system keychain (desktop app), this serve session's
   * memory, or the environment variable `envVar`. The key itself never crosses the bridge.
   */
  source: keySourceSchema.nullable(),
  /** The environment variable this provider's key is read from (whether it is set or not). */
  envVar: z.string().nullable(),
  /** Where a key typed in the app goes: the keychain (desktop) or this session's memory (serve). */
  storesIn: z.enum(['keychain', 'session']).nullable(),
  canStore: z.boolean(),
  reason: z.string().nullable(),
  lastTest: keyTestSchema.nullable(),
})

const settingsFields = {
  concurrency: z.number().int().min(1).max(32),
  videoQuality: videoQualitySchema,
  /** The folder the last export went to; the export dialog starts there. */
  exportFolder: z.string().min(1).max(4096).nullable(),
  /**
   * Sync every account every N hours while Chatkeep is open; null: never (the default). A week at
   * most: longer than that, a person syncs by hand.
   */
  syncEveryHours: z.number().int().min(1).max(168).nullable(),
  /** Desktop app only: open (in the tray) when the user logs in. */
  startAtLogin: z.boolean(),
  /** "Archive: whole conversations / media only": what every sync from the app reads. */
  archiveMode: archiveModeSchema,
  /** Each sync stops before spending more provider credits than this; null: no cap. */
  maxCredits: z.number().int().min(1).max(999_999).nullable(),
}

/** A settings file from before a field existed still parses: the field takes its default. */
export const settingsSchema = z.object({
  ...settingsFields,
  exportFolder: settingsFields.exportFolder.default(null),
  syncEveryHours: settingsFields.syncEveryHours.default(null),
  startAtLogin: settingsFields.startAtLogin.default(false),
  archiveMode: settingsFields.archiveMode.default('conversations'),
  maxCredits: settingsFields.maxCredits.default(null),
})

/** What `settings:set` takes: only the fields given change (no defaults filled in). */
export const settingsPatchSchema = z.object(settingsFields).partial()
export type Settings = z.infer<typeof settingsSchema>

/**
 * What archiving whole conversations will cost on an account's provider, for the app to show before
 * its first whole-conversation sync (the numbers come from providerMeta's conversationCost).
 */
export const syncCostSchema = z.object({
  provider: providerIdSchema,
  /** No chat of the account was read as a whole conversation yet (never synced, or media only). */
  firstWholeSync: z.boolean(),
  /** Known chats the next whole-conversation sync reads to their end, each once. */
  chatsToRead: z.number().int(),
  messagesPerPage: z.number().int(),
  requestsPer1000Messages: z.number(),
  creditsPer1000Messages: z.number(),
  /** Credits per started MB of a file the provider's download endpoint fetches uncached; null: free. */
  downloadCreditsPerMegabyte: z.number().nullable(),
  note: z.string(),
  /** The settings a sync started now would use. */
  archiveMode: archiveModeSchema,
  maxCredits: z.number().int().nullable(),
})

/** One account (`accountId`, optionally some of its chats), several (`accountIds`) or all. */
export const syncStartSchema = z
  .object({
    accountId: z.number().int().optional(),
    accountIds: z.array(z.number().int()).min(1).max(1000).optional(),
    all: z.literal(true).optional(),
    chatIds: z.array(z.number().int()).optional(),
    full: z.boolean().default(false),
  })
  .refine((v) => [v.accountId, v.accountIds, v.all].filter((x) => x !== undefined).length === 1, {
    message: 'Name one of accountId, accountIds or all.',
  })
  .refine((v) => v.chatIds === undefined || v.accountId !== undefined, {
    message: 'chatIds go with one accountId.',
    path: ['chatIds'],
  })

export const syncJobStates = ['queued', 'running', 'paused', 'done', 'failed', 'cancelled'] as const

/** A sync the service was asked for this session: waiting its turn, running, or over. */
export const syncJobSchema = z.object({
  id: z.number().int(),
  accountId: z.number().int(),
  provider: providerIdSchema,
  account: z.string(),
  /** The account's label, else its id: how the app names it. */
  label: z.string(),
  state: z.enum(syncJobStates),
  trigger: z.enum(['user', 'schedule', 'cli']),
  queuedAt: isoDate,
  startedAt: isoDate.nullable(),
  finishedAt: isoDate.nullable(),
  runId: z.number().int().nullable(),
  progress: syncProgressSchema.nullable(),
  error: z.string().nullable(),
  /** There is no key, or the provider refused it: Settings is where to fix it. */
  needsKey: z.boolean(),
  /** How it ended in words ("230 archived, 3 locked, …"), and what the next sync tries again. */
  result: z.string().nullable(),
  retry: z.string().nullable(),
})
export type SyncJob = z.infer<typeof syncJobSchema>

export const scheduleStatusSchema = z.object({
  /** Null: the schedule is off. */
  everyHours: z.number().int().nullable(),
  lastRunAt: isoDate.nullable(),
  nextRunAt: isoDate.nullable(),
})
export type ScheduleStatus = z.infer<typeof scheduleStatusSchema>

export const syncStatusSchema = z.object({
  jobs: z.array(syncJobSchema),
  schedule: scheduleStatusSchema,
})
export type SyncStatus = z.infer<typeof syncStatusSchema>

/** One run from the catalog's sync_runs: it survives restarts. */
export const syncHistoryEntrySchema = z.object({
  runId: z.number().int(),
  accountId: z.number().int(),
  provider: providerIdSchema,
  account: z.string(),
  label: z.string(),
  startedAt: isoDate,
  finishedAt: isoDate.nullable(),
  status: z.enum(['running', 'done', 'failed', 'cancelled']),
  trigger: z.enum(['user', 'schedule', 'cli']).nullable(),
  full: z.boolean(),
  requests: z.number().int(),
  credits: z.number(),
  bytes: z.number(),
  downloaded: z.number().int(),
  alreadyHad: z.number().int(),
  locked: z.number().int(),
  drm: z.number().int(),
  notReady: z.number().int(),
  failed: z.number().int(),
  pending: z.number().int(),
  /** Messages the run read, and those new to the archive (0 for runs before whole conversations). */
  messagesSeen: z.number().int(),
  messagesNew: z.number().int(),
  failedChats: z.array(z.object({ chat: z.string(), label: z.string(), error: z.string() })),
  error: z.string().nullable(),
  result: z.string(),
  retry: z.string().nullable(),
})
export type SyncHistoryEntry = z.infer<typeof syncHistoryEntrySchema>

const accountOnly = z.object({ accountId: z.number().int() })

/** The gallery's filter without paging: what `export:start` exports when no selection is given. */
export const exportFilterSchema = mediaQuerySchema.omit({ sort: true, offset: true, limit: true })

export const exportStartSchema = z.object({
  to: z.string().min(1).max(4096),
  /** The gallery selection (catalog media ids); wins over `filter`. */
  mediaIds: z.array(z.number().int()).max(1_000_000).optional(),
  filter: exportFilterSchema.optional(),
  template: z.string().min(1).max(1000).optional(),
  mode: z.enum(['copy', 'hardlink']).default('copy'),
})

export const exportSummarySchema = z.object({
  to: z.string(),
  files: z.number().int(),
  copied: z.number().int(),
  linked: z.number().int(),
  skipped: z.number().int(),
  bytes: z.number(),
  totalBytes: z.number(),
  chats: z.number().int(),
  sidecars: z.array(z.string()),
  transcripts: z.array(z.string()),
  /** Each chat's conversation.txt and conversation.json. */
  conversations: z.array(z.string()).default([]),
  errors: z.array(
    z.object({ path: z.string().nullable(), mediaId: z.string().nullable(), message: z.string() }),
  ),
  notes: z.array(z.string()),
  cancelled: z.boolean(),
})

export const exportProgressSchema = z.object({
  exportId: z.number().int(),
  to: z.string(),
  phase: z.enum(['planning', 'copying', 'writing', 'done', 'cancelled', 'failed']),
  filesDone: z.number().int(),
  filesTotal: z.number().int(),
  bytesDone: z.number(),
  bytesTotal: z.number(),
  errors: z.number().int(),
  summary: exportSummarySchema.nullable(),
  error: z.string().nullable(),
})
export type ExportJobProgress = z.infer<typeof exportProgressSchema>

// Issue 16 points 2, 7 and 8: accounts renamed and removed, export previews, desktop folders.

/** Removing an account: `keep` leaves its chats and media in the gallery; `delete` removes them. */
export const accountArchiveChoiceSchema = z.enum(['keep', 'delete'])

/** What removing an account would touch, for the confirmation. */
export const accountRemovalSchema = z.object({
  accountId: z.number().int(),
  chats: z.number().int(),
  media: z.number().int(),
  /** Stored files no other account uses: what deleting the archive frees. */
  files: z.number().int(),
  bytes: z.number(),
  /** Set while the account is syncing: removal waits for the sync to end. */
  busy: z.string().nullable(),
  /** Set while another account is syncing: deleting files waits for it (they may share files). */
  deleteBusy: z.string().nullable(),
})

export const accountRemovedSchema = z.object({
  archive: accountArchiveChoiceSchema,
  media: z.number().int(),
  files: z.number().int(),
  bytes: z.number(),
})

export const exportPreviewSchema = z.object({
  /** The first file names the export would write, in its order (relative, "/" between folders). */
  names: z.array(z.string()),
  /** True when the export writes more files than `names` lists. */
  more: z.boolean(),
  /** Why no names can be shown (the template is wrong), or null. */
  problem: z.string().nullable(),
})

interface ChannelSchemas {
  readonly input: z.ZodType
  readonly output: z.ZodType
}

export const channels = {
  'app:info': { input: z.object({}), output: appInfoSchema },
  'catalog:stats': { input: z.object({}), output: catalogStatsSchema },
  'accounts:list': { input: z.object({}), output: z.array(accountSummarySchema) },
  'chats:list': {
    input: z.object({ accountId: z.number().int().optional() }),
    output: z.array(chatSummarySchema),
  },
  'media:search': { input: mediaQuerySchema, output: mediaPageSchema },
  'media:get': { input: z.object({ id: z.number().int() }), output: mediaDetailSchema },
  /** A page of one chat (keyset-paged, so any page of a 100,000-message chat costs the same). */
  'chat:page': {
    input: z.object({
      chatId: z.number().int(),
      at: chatAnchorSchema,
      limit: z.number().int().min(1).max(200).default(60),
    }),
    output: chatPageSchema,
  },
  /**
   * The chat's messages matching a search (src/shared/search-syntax.ts), a page of the newest
   * `limit` at a time, oldest first; `before` (an answer's `olderFrom`) asks for the next older page.
   */
  'chat:search': {
    input: z.object({
      chatId: z.number().int(),
      search: z.string().trim().min(1).max(500),
      limit: z.number().int().min(1).max(10_000).default(1000),
      before: z.number().int().optional(),
    }),
    output: z.object({
      hits: z.array(z.object({ id: z.number().int(), createdAt: isoDate })),
      total: z.number().int(),
      /** As media:search's: a typed word's rarest completions were not searched. */
      capped: z.boolean().optional(),
      /** As media:search's: `total` is a lower bound, more hits exist past it. */
      totalIsLowerBound: z.boolean().optional(),
      /** With totalIsLowerBound: pass it as `before` for the older hits. */
      olderFrom: z.number().int().optional(),
    }),
  },
  /** Queues the syncs; answers the jobs it made (or found already queued or running). */
  'sync:start': { input: syncStartSchema, output: z.object({ jobs: z.array(syncJobSchema) }) },
  'sync:status': { input: z.object({}), output: syncStatusSchema },
  /** Cancels the account's queued or running sync: downloads stop, everything left resumes later. */
  'sync:cancel': { input: accountOnly, output: z.object({ cancelled: z.boolean() }) },
  /** Holds the account's running sync: what is under way finishes, nothing new starts. */
  'sync:pause': { input: accountOnly, output: z.object({ paused: z.boolean() }) },
  'sync:resume': { input: accountOnly, output: z.object({ resumed: z.boolean() }) },
  /** Past runs, newest first, from the catalog (`before`: a run id, for the next page). */
  'sync:history': {
    input: z.object({
      accountId: z.number().int().optional(),
      before: z.number().int().optional(),
      limit: z.number().int().min(1).max(200).default(50),
    }),
    output: z.object({ runs: z.array(syncHistoryEntrySchema), hasMore: z.boolean() }),
  },
  'sync:cost': { input: z.object({ accountId: z.number().int() }), output: syncCostSchema },
  'accounts:add': { input: addAccountSchema, output: accountSummarySchema },
  'keys:status': { input: z.object({ accountId: z.number().int() }), output: keyStatusSchema },
  'keys:set': {
    input: z.object({ accountId: z.number().int(), apiKey: z.string().trim().min(8).max(4096) }),
    output: z.object({ stored: z.literal(true) }),
  },
  'keys:delete': {
    input: z.object({ accountId: z.number().int() }),
    output: z.object({ deleted: z.boolean() }),
  },
  'settings:get': { input: z.object({}), output: settingsSchema },
  'settings:set': { input: settingsPatchSchema, output: settingsSchema },
  'export:start': { input: exportStartSchema, output: z.object({ exportId: z.number().int() }) },
  'export:cancel': {
    input: z.object({ exportId: z.number().int() }),
    output: z.object({ cancelled: z.boolean() }),
  },
  'export:status': { input: z.object({}), output: z.array(exportProgressSchema) },
  /** Where the export dialog starts (the last export's folder, else a suggestion) and whether a
   * native folder picker exists (the desktop app: yes; serve mode in a browser: no). */
  'export:folder': {
    input: z.object({}),
    output: z.object({ folder: z.string().nullable(), canPick: z.boolean() }),
  },
  /** The OS folder picker; `path` is null when the user cancelled it. */
  'export:pickFolder': {
    input: z.object({ defaultPath: z.string().min(1).max(4096).optional() }),
    output: z.object({ path: z.string().nullable() }),
  },
  /** One cheap call to the provider with the key a sync would use (the first chat-list page). */
  'keys:test': { input: z.object({ accountId: z.number().int() }), output: keyTestSchema },
  /** An empty label goes back to the account id. */
  'accounts:rename': {
    input: z.object({ accountId: z.number().int(), label: z.string().trim().max(200) }),
    output: accountSummarySchema,
  },
  'accounts:removal': { input: z.object({ accountId: z.number().int() }), output: accountRemovalSchema },
  'accounts:remove': {
    input: z.object({ accountId: z.number().int(), archive: accountArchiveChoiceSchema }),
    output: accountRemovedSchema,
  },
  'export:preview': {
    input: exportStartSchema.pick({ mediaIds: true, filter: true, template: true }).extend({
      to: z.string().max(4096).optional(),
      limit: z.number().int().min(1).max(20).default(5),
    }),
    output: exportPreviewSchema,
  },
  /** The desktop app opens a finished export's folder in the file manager. */
  'export:openFolder': {
    input: z.object({ exportId: z.number().int() }),
    output: z.object({ opened: z.literal(true) }),
  },
  /** The desktop app shows an archived file selected in the file manager. */
  'media:showInFolder': {
    input: z.object({ id: z.number().int() }),
    output: z.object({ shown: z.literal(true) }),
  },
} as const satisfies Readonly<Record<ChannelName, ChannelSchemas>>

export const events = {
  'sync:progress': syncProgressSchema,
  /** The jobs and the schedule, whenever a job changes state (not on every progress tick). */
  'sync:jobs': syncStatusSchema,
  'export:progress': exportProgressSchema,
} as const satisfies Readonly<Record<EventName, z.ZodType>>

export { channelNames, eventNames }
export type { ChannelName, EventName }
export type Channels = typeof channels
export type ChannelInput<C extends ChannelName> = z.input<Channels[C]['input']>
export type ChannelParsedInput<C extends ChannelName> = z.output<Channels[C]['input']>
export type ChannelOutput<C extends ChannelName> = z.output<Channels[C]['output']>
export type EventPayload<E extends EventName> = z.output<(typeof events)[E]>

/** One function per channel; a missing or extra handler fails to compile. */
export type Handlers = {
  readonly [C in ChannelName]: (input: ChannelParsedInput<C>) => Promise<ChannelOutput<C>>
}

export const errorCodes = ['bad_input', 'not_found', 'forbidden', 'internal', 'unavailable'] as const
export type ErrorCode = (typeof errorCodes)[number]

/** The envelope both transports answer with. */
export type Result<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly error: { readonly code: ErrorCode; readonly message: string } }

export function isChannelName(name: string): name is ChannelName {
  return Object.hasOwn(channels, name)
}
