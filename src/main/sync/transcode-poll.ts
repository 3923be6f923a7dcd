// Items the provider listed as not ready yet (a Fansly video still transcoding: `status != 1`)
// are asked for again within the same sync, a few times with growing waits, while the other
// downloads go on; one request covers every item due (Fansly's `/account-media/{ids}` is one
// credit per call, however many ids). What is ready by then is downloaded by this sync; only what
// is still not ready after the last poll is left for the next one. Providers without a cheap
// account-wide lookup (`pollMedia`) are not polled: re-paging a chat per poll would cost too much.
import type { ProviderAdapter, ProviderMedia } from '../providers/types'
import type { WorkItem } from './ingest'
import { applyMedia } from './ingest'
import { expectedSize } from './media-plan'
import { CreditCapReached } from './credit-budget'
import { isLocalFailure } from './page-chats'
import type { RunState } from './run-state'

/**
 * Waits before each poll, counted from the previous poll (the first from the end of the listing):
 * about a minute in all, which covers a short clip finishing its transcode, and no more, as a
 * sync that waits for a long video would end much later than its downloads.
 */
export const transcodePollsMs: readonly number[] = [5_000, 15_000, 40_000]

/** Ids per poll request: the fake (and, by its docs, the provider) takes 100; half leaves room. */
const maxIdsPerPoll = 50

interface Watched {
  readonly item: WorkItem
  /** Polls made so far. */
  polls: number
}

type Poll = NonNullable<ProviderAdapter['pollMedia']>

export class TranscodePoller {
  private readonly poll: Poll | null
  private readonly delays: readonly number[]
  /** Waiting items by round (polls made so far), each round one timer. */
  private readonly rounds = new Map<number, { timer: NodeJS.Timeout; items: Watched[] }>()
  private readonly watched = new Set<number>()
  private inFlight = 0
  private idle: (() => void) | null = null
  private closed = false
  /** Items listed before the rounds start: they all go in the first round together. */
  private early: Watched[] | null = []
  /** Items that became ready while polled. */
  becameReady = 0

  constructor(
    private readonly run: RunState,
    private readonly enqueue: (item: WorkItem) => void,
    delays: readonly number[] = transcodePollsMs,
  ) {
    const adapter = run.adapter
    this.poll = adapter.pollMedia ? (ctx, ids) => adapter.pollMedia!(ctx, ids) : null
    this.delays = delays
    run.onStop(() => this.close())
  }

  /** Polls a listed item later when it is not ready yet and the provider can be asked cheaply. */
  watch(item: WorkItem): void {
    if (!this.poll || this.closed || item.status !== 'not_ready' || this.watched.has(item.mediaRowId)) return
    if (item.media.problem !== undefined || this.delays.length === 0) return
    this.watched.add(item.mediaRowId)
    if (this.early) this.early.push({ item, polls: 0 })
    else this.schedule({ item, polls: 0 })
  }

  /**
   * Starts the rounds once the chats are listed, so every item found not ready goes in the same
   * requests however long the listing took; the first poll comes `delays[0]` after this.
   */
  start(): void {
    const early = this.early ?? []
    this.early = null
    if (!this.closed) for (const watched of early) this.schedule(watched)
  }

  /** Resolves once nothing is waiting for a poll (or the run stopped). */
  drain(): Promise<void> {
    if (this.settled()) return Promise.resolve()
    return new Promise((resolve) => (this.idle = resolve))
  }

  close(): void {
    this.closed = true
    for (const round of this.rounds.values()) clearTimeout(round.timer)
    this.rounds.clear()
    this.wakeIfIdle()
  }

  private settled(): boolean {
    return this.closed || (this.early === null && this.rounds.size === 0 && this.inFlight === 0)
  }

  private wakeIfIdle(): void {
    if (this.idle && this.settled()) {
      const idle = this.idle
      this.idle = null
      idle()
    }
  }

  private schedule(watched: Watched): void {
    const round = this.rounds.get(watched.polls)
    if (round) {
      round.items.push(watched)
      return
    }
    const delay = this.delays[watched.polls] ?? 0
    const timer = setTimeout(() => void this.fire(watched.polls), delay)
    this.rounds.set(watched.polls, { timer, items: [watched] })
  }

  private async fire(polls: number): Promise<void> {
    const round = this.rounds.get(polls)
    this.rounds.delete(polls)
    if (!round || this.closed) return this.wakeIfIdle()
    this.inFlight++
    try {
      for (let i = 0; i < round.items.length && !this.closed; i += maxIdsPerPoll)
        await this.pollBatch(round.items.slice(i, i + maxIdsPerPoll))
    } catch (error) {
      // A refused key or a provider gone away ends the run as any request would; a refusal of
      // this one request, or the credit cap, leaves the items not ready for the next sync.
      const leftForLater = isLocalFailure(error) || error instanceof CreditCapReached
      if (!this.closed && !leftForLater) this.run.fail(error)
    } finally {
      this.inFlight--
      this.wakeIfIdle()
    }
  }

  private async pollBatch(batch: readonly Watched[]): Promise<void> {
    const ids = batch.map((w) => w.item.media.providerMediaId)
    const fresh = await this.run.call(() => this.poll!(this.run.ctx, ids))
    for (const watched of batch) {
      watched.polls++
      const media = fresh.get(watched.item.media.providerMediaId)
      // Gone from the provider's answer: nothing to wait for; the next sync asks again.
      if (!media) continue
      if (!media.isReady) {
        if (watched.polls < this.delays.length) this.schedule(watched)
        continue
      }
      this.becameReady++
      this.enqueue(this.update(watched.item, media))
    }
  }

  /** Writes the provider's fresh copy (URLs, flags, status, jobs) as a leftover refresh does. */
  private update(item: WorkItem, media: ProviderMedia): WorkItem {
    const { catalog } = this.run
    return catalog.transaction(() => {
      const previous = catalog.media.getById(item.mediaRowId)
      catalog.media.refresh(item.mediaRowId, { ...media, size: expectedSize(media, 'full'), item: media })
      return applyMedia(catalog, item.mediaRowId, media, item.chatExternalId, previous?.status ?? null)
    })
  }
}
