// The catalog: one SQLite file and the repositories over it. SQL lives only in this folder.
import { join } from 'node:path'
import { openDatabase, pendingNotices, type Db, type OpenOptions } from './db'
import { AccountsRepository } from './repositories/accounts'
import { ChatsRepository } from './repositories/chats'
import { ConversationRepository } from './repositories/conversation'
import { FilesRepository } from './repositories/files'
import { FtsIndexRepository } from './repositories/fts-index'
import { JobsRepository } from './repositories/jobs'
import { MediaRepository } from './repositories/media'
import { GalleryRepository } from './repositories/gallery'
import { MediaLinksRepository } from './repositories/media-links'
import { TimelineMediaRepository } from './repositories/media-rows'
import { MessageListRepository } from './repositories/message-list'
import { MessagesRepository } from './repositories/messages'
import { ReplyQuotesRepository } from './repositories/reply-quotes'
import { StatsRepository } from './repositories/stats'
import { SyncRunsRepository } from './repositories/sync-runs'
import { SyncWorkRepository } from './repositories/sync-work'

export const catalogFileName = 'catalog.sqlite'

export function catalogPath(dataDir: string): string {
  return join(dataDir, catalogFileName)
}

export class Catalog {
  readonly accounts: AccountsRepository
  readonly chats: ChatsRepository
  readonly messages: MessagesRepository
  readonly media: MediaRepository
  readonly files: FilesRepository
  readonly jobs: JobsRepository
  readonly syncRuns: SyncRunsRepository
  /** The gallery's pages, rows by id and an item's messages. */
  readonly gallery: GalleryRepository
  /** Media items per message they were sent in, for list and export. */
  readonly mediaLinks: MediaLinksRepository
  /** The chat reviewer's pages of one chat (at its newest, a date, a message) and search in a chat. */
  readonly conversation: ConversationRepository
  /** Every message as `chatkeep messages` lists it. */
  readonly messageList: MessageListRepository
  /** The chat timeline's media per message. */
  readonly timelineMedia: TimelineMediaRepository
  /** The chat timeline's quotes of the messages replies answer. */
  readonly replyQuotes: ReplyQuotesRepository
  /** What a sync reads back about its own work. */
  readonly syncWork: SyncWorkRepository
  readonly stats: StatsRepository
  /** The full-text index's queue of messages to (re)index. */
  readonly ftsIndex: FtsIndexRepository

  constructor(readonly db: Db) {
    this.ftsIndex = new FtsIndexRepository(db)
    // Anything a writer outside this class left queued becomes searchable now (a read-only catalog
    // cannot write: its search misses such rows until a writable open).
    if (!db.readonly) this.ftsIndex.flush()
    this.accounts = new AccountsRepository(db)
    this.chats = new ChatsRepository(db, this.ftsIndex)
    this.messages = new MessagesRepository(db, this.ftsIndex)
    this.media = new MediaRepository(db)
    this.files = new FilesRepository(db)
    this.jobs = new JobsRepository(db)
    this.syncRuns = new SyncRunsRepository(db)
    this.gallery = new GalleryRepository(db)
    this.mediaLinks = new MediaLinksRepository(db)
    this.conversation = new ConversationRepository(db)
    this.messageList = new MessageListRepository(db)
    this.timelineMedia = new TimelineMediaRepository(db)
    this.replyQuotes = new ReplyQuotesRepository(db)
    this.syncWork = new SyncWorkRepository(db)
    this.stats = new StatsRepository(db)
  }

  /**
   * Runs `fn` in one transaction: all of its writes land, or none do. The messages it wrote are
   * indexed for search in one statement before it commits (fts-index.ts).
   */
  transaction<T>(fn: () => T): T {
    return this.db
      .transaction(() => {
        const result = fn()
        this.ftsIndex.flush()
        return result
      })
      .immediate()
  }

  close(): void {
    if (this.db.open) this.db.close()
  }
}

export function openCatalog(dataDir: string, options: OpenOptions = {}): Catalog {
  return new Catalog(openDatabase(catalogPath(dataDir), options))
}

/** What opening the data folder's catalog will announce before a long upgrade (db.ts pendingNotices). */
export function pendingUpgradeNotices(dataDir: string): string[] {
  return pendingNotices(catalogPath(dataDir))
}

export { CatalogError } from './db'
