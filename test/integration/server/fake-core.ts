// A handwritten Core for testing the HTTP transport on its own: every handler answers canned
// data, and media ids map to files the test wrote into a temp folder.
import type { ChannelOutput, EventName, EventPayload, Handlers } from '../../../src/shared/contract'
import { ApiError } from '../../../src/main/api/errors'
import type { Core, EventBus, MediaFile, MediaFileKind } from '../../../src/main/core-types'
import { fakeHandlers } from '../../support/fake-handlers'

export function createEventBus(): EventBus {
  const listeners = new Map<EventName, Set<(payload: never) => void>>()
  return {
    emit<E extends EventName>(name: E, payload: EventPayload<E>): void {
      for (const listener of listeners.get(name) ?? []) (listener as (p: EventPayload<E>) => void)(payload)
    },
    on<E extends EventName>(name: E, listener: (payload: EventPayload<E>) => void): () => void {
      const set = listeners.get(name) ?? new Set()
      listeners.set(name, set)
      set.add(listener as (payload: never) => void)
      return () => set.delete(listener as (payload: never) => void)
    },
  }
}

const stats: ChannelOutput<'catalog:stats'> = {
  accounts: 1,
  chats: 2,
  messages: 3,
  media: 4,
  files: 2,
  bytes: 1234,
  byStatus: { downloaded: 2, locked: 1, drm: 1, not_ready: 0, failed: 0, pending: 0 },
  byType: { photo: 2, video: 2, audio: 0, gif: 0 },
  lastSyncAt: null,
}

export interface FakeCore extends Core {
  /** Inputs the handlers received, to prove zod defaults were applied before the call. */
  readonly calls: Array<{ channel: string; input: unknown }>
}

export function createFakeCore(files: ReadonlyMap<string, MediaFile>): FakeCore {
  const calls: Array<{ channel: string; input: unknown }> = []
  const record = (channel: string, input: unknown): void => {
    calls.push({ channel, input })
  }
  const settings: ChannelOutput<'settings:get'> = {
    concurrency: 8,
    videoQuality: 'source',
    exportFolder: null,
    syncEveryHours: null,
    startAtLogin: false,
    archiveMode: 'conversations',
    maxCredits: null,
  }
  const handlers: Handlers = fakeHandlers({
    'app:info': async () => ({
      name: 'Chatkeep',
      version: '0.0.0',
      transport: 'http',
      dataDir: '/tmp',
      platform: 'linux',
    }),
    'catalog:stats': async () => stats,
    'accounts:list': async () => [],
    'chats:list': async (input) => (record('chats:list', input), []),
    'media:search': async (input) => (record('media:search', input), { total: 0, rows: [] }),
    'media:get': async ({ id }) => {
      throw new ApiError('not_found', `No media ${id}.`)
    },
    'chat:page': async () => ({ messages: [], hasOlder: false, hasNewer: false }),
    'chat:search': async () => ({ hits: [], total: 0 }),
    'sync:start': async () => {
      throw new Error('boom')
    },
    'sync:status': async () => ({
      jobs: [],
      schedule: { everyHours: null, lastRunAt: null, nextRunAt: null },
    }),
    'keys:status': async () => ({
      hasKey: false,
      source: null,
      envVar: null,
      storesIn: null,
      canStore: false,
      reason: 'fake',
      lastTest: null,
    }),
    'keys:delete': async () => ({ deleted: false }),
    'settings:get': async () => settings,
    'settings:set': async () => settings,
    'export:status': async () => [],
    'export:folder': async () => ({ folder: null, canPick: false }),
  })
  return {
    dataDir: '/tmp',
    handlers,
    events: createEventBus(),
    calls,
    resolveMediaFile: async (id: number, kind: MediaFileKind) => files.get(`${id}/${kind}`) ?? null,
    settings: { get: () => settings, update: async () => settings, onChange: () => () => undefined },
    sync: null,
    close: async () => undefined,
  }
}
