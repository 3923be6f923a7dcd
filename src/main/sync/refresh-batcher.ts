// Fresh copies of media whose URLs expired, asked for in batches: many downloads expiring at once
// become one provider request per chat (Fansly charges one credit per batch, not per id).
import type { AdapterContext, ProviderAdapter, ProviderMedia } from '../providers/types'

interface Waiter {
  readonly resolve: (media: ProviderMedia | null) => void
  readonly reject: (error: unknown) => void
}

interface Pending {
  readonly ids: Map<string, Waiter[]>
  timer: NodeJS.Timeout | null
}

export interface RefreshBatcherOptions {
  readonly maxBatch?: number
  /** How long to wait for more ids before sending a batch. */
  readonly delayMs?: number
  /** Wraps each provider call, e.g. with rate-limit waits. */
  readonly call?: <T>(fn: () => Promise<T>) => Promise<T>
}

export class RefreshBatcher {
  private readonly pending = new Map<string, Pending>()
  private readonly maxBatch: number
  private readonly delayMs: number
  /** Items asked for again because their URL expired (or they were left over), for the run summary. */
  refreshed = 0

  constructor(
    private readonly adapter: ProviderAdapter,
    private readonly ctx: AdapterContext,
    private readonly options: RefreshBatcherOptions = {},
  ) {
    this.maxBatch = options.maxBatch ?? 50
    this.delayMs = options.delayMs ?? 30
  }

  /** Resolves to the fresh item, or null when the provider no longer offers it. */
  refresh(chatId: string, providerMediaId: string): Promise<ProviderMedia | null> {
    return new Promise((resolve, reject) => {
      let batch = this.pending.get(chatId)
      if (!batch) {
        batch = { ids: new Map(), timer: null }
        this.pending.set(chatId, batch)
      }
      this.refreshed++
      const waiters = batch.ids.get(providerMediaId) ?? []
      waiters.push({ resolve, reject })
      batch.ids.set(providerMediaId, waiters)
      if (batch.ids.size >= this.maxBatch) this.flush(chatId)
      else if (!batch.timer) batch.timer = setTimeout(() => this.flush(chatId), this.delayMs)
    })
  }

  /** Many ids at once (leftovers from an earlier sync): one call per batch of `maxBatch`. */
  async refreshMany(chatId: string, ids: readonly string[]): Promise<ReadonlyMap<string, ProviderMedia>> {
    const result = new Map<string, ProviderMedia>()
    for (let i = 0; i < ids.length; i += this.maxBatch) {
      const chunk = ids.slice(i, i + this.maxBatch)
      this.refreshed += chunk.length
      const fresh = await this.call(() => this.adapter.refreshMedia(this.ctx, chatId, chunk))
      for (const [id, media] of fresh) result.set(id, media)
    }
    return result
  }

  private call<T>(fn: () => Promise<T>): Promise<T> {
    return this.options.call ? this.options.call(fn) : fn()
  }

  private flush(chatId: string): void {
    const batch = this.pending.get(chatId)
    if (!batch) return
    this.pending.delete(chatId)
    if (batch.timer) clearTimeout(batch.timer)
    const ids = [...batch.ids.keys()]
    this.call(() => this.adapter.refreshMedia(this.ctx, chatId, ids)).then(
      (fresh) => {
        for (const [id, waiters] of batch.ids) for (const w of waiters) w.resolve(fresh.get(id) ?? null)
      },
      (error: unknown) => {
        // Every waiter of the batch learns why; each download then fails (or stops) on its own.
        for (const waiters of batch.ids.values()) for (const w of waiters) w.reject(error)
      },
    )
  }
}
