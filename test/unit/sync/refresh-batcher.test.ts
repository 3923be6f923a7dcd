// The batching logic alone, against a recording stand-in for the adapter interface (no HTTP here:
// the adapters' own refreshMedia is tested against the fake server in the integration suite).
import { describe, expect, it } from 'vitest'
import type { ProviderAdapter, ProviderMedia } from '../../../src/main/providers/types'
import { RefreshBatcher } from '../../../src/main/sync/refresh-batcher'

function recordingAdapter(known: ReadonlySet<string>): { adapter: ProviderAdapter; calls: string[][] } {
  const calls: string[][] = []
  const adapter = {
    refreshMedia: async (_ctx: unknown, _chat: string, ids: readonly string[]) => {
      calls.push([...ids])
      return new Map(
        ids.filter((id) => known.has(id)).map((id) => [id, { providerMediaId: id } as ProviderMedia]),
      )
    },
  } as unknown as ProviderAdapter
  return { adapter, calls }
}

describe('refresh batcher', () => {
  it('asks once for many expired items of one chat', async () => {
    const { adapter, calls } = recordingAdapter(new Set(['a', 'b', 'c']))
    const batcher = new RefreshBatcher(adapter, { account: 'x' }, { delayMs: 5 })
    const results = await Promise.all(['a', 'b', 'c', 'a'].map((id) => batcher.refresh('chat1', id)))
    expect(calls).toEqual([['a', 'b', 'c']])
    expect(results.map((m) => m?.providerMediaId)).toEqual(['a', 'b', 'c', 'a'])
    expect(batcher.refreshed).toBe(4)
  })

  it('splits at the batch size and answers null for items the provider no longer has', async () => {
    const { adapter, calls } = recordingAdapter(new Set(['1', '3']))
    const batcher = new RefreshBatcher(adapter, { account: 'x' }, { maxBatch: 2, delayMs: 5 })
    const results = await Promise.all(['1', '2', '3'].map((id) => batcher.refresh('c', id)))
    expect(calls).toEqual([['1', '2'], ['3']])
    expect(results.map((m) => m?.providerMediaId ?? null)).toEqual(['1', null, '3'])
    const many = await batcher.refreshMany('c', ['1', '2', '3'])
    expect([...many.keys()]).toEqual(['1', '3'])
    expect(calls.slice(2)).toEqual([['1', '2'], ['3']])
  })

  it('hands a failed request to every waiter of that batch', async () => {
    const adapter = {
      refreshMedia: async () => {
        throw new Error('boom')
      },
    } as unknown as ProviderAdapter
    const batcher = new RefreshBatcher(adapter, { account: 'x' }, { delayMs: 1 })
    const outcomes = await Promise.allSettled([batcher.refresh('c', '1'), batcher.refresh('c', '2')])
    expect(outcomes.map((o) => o.status)).toEqual(['rejected', 'rejected'])
  })
})
