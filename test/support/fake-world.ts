// A fake provider server with an empty data folder, made inside a test and torn down after it
// (vitest only). Most sync tests start one per test with their own dataset and faults; this is
// the one place that starts, tracks and removes them.
import { afterEach } from 'vitest'
import { openCatalog, type Catalog } from '../../src/main/catalog/catalog'
import { createAdapter } from '../../src/main/providers/registry'
import { FileStore } from '../../src/main/store/file-store'
import { runSync, type SyncDeps, type SyncRequest, type SyncSummary } from '../../src/main/sync/run-sync'
import {
  startFakeProviders,
  type FakeProviders,
  type FakeProvidersOptions,
  type FaultFlags,
} from '../fake-providers/server'
import { tempDir } from './temp-dir'

type Cleanup = () => Promise<void> | void

/**
 * Registers the afterEach that runs, newest first, what each test deferred; call the result to
 * defer one more cleanup of the running test.
 */
export function cleanupEachTest(): (cleanup: Cleanup) => void {
  const cleanups: Cleanup[] = []
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
  })
  return (cleanup) => void cleanups.push(cleanup)
}

/** The size of a test's dataset, in the few numbers the sync tests vary. */
export interface WorldShape {
  readonly chats: number
  readonly messages: number
  /** Smallest and largest file, in bytes. */
  readonly sizes: readonly [number, number]
  /** Photos per message; absent: the fake's usual mix of types and counts. */
  readonly photos?: number
  readonly faults?: Partial<FaultFlags>
}

/** The fake's options for a shape, without its special items (odd payloads, locked, DRM). */
export function worldOf(seed: number, shape: WorldShape): FakeProvidersOptions {
  return {
    seed,
    specials: false,
    chats: shape.chats,
    messagesPerChat: shape.messages,
    fileSizes: shape.sizes,
    ...(shape.photos !== undefined && { mediaPerMessage: shape.photos, mediaTypes: ['photo'] }),
    ...(shape.faults && { faults: shape.faults }),
  }
}

/** ~20 files of 150–300 KB at 300 KB/s a connection: seconds of downloads to pause, cancel or kill in. */
export const slowDownloads: WorldShape = {
  chats: 2,
  messages: 6,
  sizes: [150_000, 300_000],
  faults: { cdnBytesPerSecond: 300_000, target: 'cdn' },
}

/** Ten small photos, one per message, for tests of what the CDN does to each file. */
export const cdnPhotos: WorldShape = { chats: 2, messages: 5, sizes: [20_000, 60_000], photos: 1 }

/**
 * Whole conversations: no special items (locked, DRM, errored), zero or one item a message so
 * text-only messages are common, and small files so syncs stay quick. Tests add their seed and sizes.
 */
export const conversationWorld: FakeProvidersOptions = {
  specials: false,
  mediaPerMessage: [0, 1],
  fileSizes: [2_000, 3_000],
}

export interface FakeWorld {
  readonly fake: FakeProviders
  /** The data folder, empty at first. */
  readonly dir: string
  /** The folder's catalog, opened on first read and closed before the folder is removed. */
  readonly catalog: Catalog
  /**
   * One sync in this process of the fake's OFAuth account (the provider the CDN tests use) into
   * the folder: `request` and `deps` add to or replace the defaults.
   */
  syncOfauth(request?: Partial<SyncRequest>, deps?: Partial<SyncDeps>): Promise<SyncSummary>
}

/**
 * Registers the teardown for the calling file (or uses the file's own `defer`, so that its other
 * cleanups run in one order with the worlds'); call the result to start a world in a test.
 */
export function fakeWorldEachTest(
  defer: (cleanup: Cleanup) => void = cleanupEachTest(),
): (options: FakeProvidersOptions) => Promise<FakeWorld> {
  return async (options) => {
    const fake = await startFakeProviders(options)
    const dir = tempDir()
    let opened: Catalog | undefined
    defer(() => fake.close())
    defer(() => dir.remove())
    // Deferred after the folder, so it runs before: the catalog closes, then the folder goes.
    defer(() => opened?.close())
    const world: FakeWorld = {
      fake,
      dir: dir.path,
      get catalog() {
        return (opened ??= openCatalog(dir.path))
      },
      syncOfauth: async (request, deps) =>
        runSync(
          { provider: 'ofauth', account: '900000002', connectionId: 'conn_fake_1', ...request },
          {
            catalog: world.catalog,
            store: await FileStore.open(dir.path),
            adapter: createAdapter('ofauth', { apiKey: fake.keys.ofauth, baseUrl: fake.url }),
            ...deps,
          },
        ),
    }
    return world
  }
}
