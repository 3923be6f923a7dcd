import { describe, expect, it, vi } from 'vitest'
import type { IpcMain, IpcMainInvokeEvent, WebContents } from 'electron'
import { channelNames, eventNames } from '../../../src/shared/contract'
import type { ChannelName, EventName, EventPayload, Handlers, Result } from '../../../src/shared/contract'
import type { EventBus } from '../../../src/main/core-types'
import { fakeAppInfo, fakeHandlers } from '../../support/fake-handlers'

vi.mock('electron', async () => (await import('./electron-mock')).electronModuleMock())

const { forwardEvents, registerIpc } = await import('../../../src/main/electron/ipc')
const { ApiError, unexpectedMessage } = await import('../../../src/main/api/errors')

const APP_URL = 'file:///opt/chatkeep/out/renderer/index.html'

function handlers(): Handlers {
  return fakeHandlers({
    'app:info': async () => fakeAppInfo,
    'accounts:list': async () => [],
    'chats:list': async () => [],
    'media:get': async ({ id }) => {
      throw new ApiError('not_found', `media ${id} is not in the catalog`)
    },
    'chat:search': async () => {
      throw new Error(
        'SQLITE_CORRUPT at /home/me/.config/Chatkeep/catalog.db\n    at Database.prepare (x.js:1:1)',
      )
    },
    // Breaks its own output schema: runId must be an integer.
    'sync:start': async () => ({ runId: 'seven' }) as never,
  })
}

type Invoke = (event: Partial<IpcMainInvokeEvent>, input?: unknown) => Promise<Result<unknown>>

function fakeIpcMain(): { ipcMain: IpcMain; handlers: Map<string, Invoke>; removed: string[] } {
  const handlers = new Map<string, Invoke>()
  const removed: string[] = []
  const ipcMain = {
    handle: (channel: string, listener: Invoke) => {
      if (handlers.has(channel)) throw new Error(`second handler for ${channel}`)
      handlers.set(channel, listener)
    },
    removeHandler: (channel: string) => {
      handlers.delete(channel)
      removed.push(channel)
    },
  } as unknown as IpcMain
  return { ipcMain, handlers, removed }
}

function frameEvent(url: string, parent: unknown = null): Partial<IpcMainInvokeEvent> {
  return { senderFrame: { url, parent } as IpcMainInvokeEvent['senderFrame'] }
}

function setup(): {
  call: (
    channel: ChannelName,
    event: Partial<IpcMainInvokeEvent>,
    input?: unknown,
  ) => Promise<Result<unknown>>
  logged: unknown[]
  fake: ReturnType<typeof fakeIpcMain>
  unregister: () => void
} {
  const fake = fakeIpcMain()
  const logged: unknown[] = []
  const unregister = registerIpc(
    fake.ipcMain,
    { handlers: handlers() },
    {
      isTrustedSender: (url) => url.split('#')[0] === APP_URL,
      logError: (_channel, error) => logged.push(error),
    },
  )
  const call = (
    channel: ChannelName,
    event: Partial<IpcMainInvokeEvent>,
    input?: unknown,
  ): Promise<Result<unknown>> => {
    const handler = fake.handlers.get(channel)
    if (handler === undefined) throw new Error(`${channel} not registered`)
    return handler(event, input)
  }
  return { call, logged, fake, unregister }
}

describe('registerIpc', () => {
  it('registers exactly one handler per contract channel, and removes them all', () => {
    const { fake, unregister } = setup()
    expect([...fake.handlers.keys()].sort()).toEqual([...channelNames].sort())
    expect(channelNames.length).toBeGreaterThan(0)
    unregister()
    expect(fake.handlers.size).toBe(0)
    expect(fake.removed.sort()).toEqual([...channelNames].sort())
  })

  it('refuses senders that are not our page, subframes, and vanished frames', async () => {
    const { call } = setup()
    const forbidden = { ok: false, error: { code: 'forbidden', message: expect.any(String) } }
    await expect(call('app:info', frameEvent('https://evil.example/'), {})).resolves.toEqual(forbidden)
    await expect(call('app:info', frameEvent('file:///tmp/evil.html'), {})).resolves.toEqual(forbidden)
    await expect(call('app:info', frameEvent(APP_URL, { url: APP_URL }), {})).resolves.toEqual(forbidden)
    await expect(call('app:info', { senderFrame: null }, {})).resolves.toEqual(forbidden)
  })

  it('answers a trusted call with an ok envelope', async () => {
    const { call } = setup()
    await expect(call('app:info', frameEvent(`${APP_URL}#/settings`), {})).resolves.toEqual({
      ok: true,
      value: { name: 'Chatkeep', version: '0.1.0', transport: 'electron', dataDir: '/d', platform: 'linux' },
    })
    // `{}`-input channels may be called without an argument.
    await expect(call('accounts:list', frameEvent(APP_URL))).resolves.toEqual({ ok: true, value: [] })
  })

  it('rejects bad input with bad_input and names the field', async () => {
    const { call } = setup()
    const result = await call('chats:list', frameEvent(APP_URL), { accountId: 'seven' })
    expect(result.ok).toBe(false)
    if (result.ok) return
    expect(result.error.code).toBe('bad_input')
    expect(result.error.message).toContain('accountId')
    const search = await call('media:search', frameEvent(APP_URL), { limit: 10_000 })
    expect(search).toMatchObject({ ok: false, error: { code: 'bad_input' } })
    const notObject = await call('media:get', frameEvent(APP_URL), 'DROP TABLE media')
    expect(notObject).toMatchObject({ ok: false, error: { code: 'bad_input' } })
  })

  it('maps a typed not_found error to not_found with its message', async () => {
    const { call } = setup()
    await expect(call('media:get', frameEvent(APP_URL), { id: 42 })).resolves.toEqual({
      ok: false,
      error: { code: 'not_found', message: 'media 42 is not in the catalog' },
    })
  })

  it('hides unexpected errors behind internal, logging them on the main side only', async () => {
    const { call, logged } = setup()
    const result = await call('chat:search', frameEvent(APP_URL), { chatId: 1, search: 'x' })
    expect(result).toEqual({ ok: false, error: { code: 'internal', message: unexpectedMessage } })
    expect(JSON.stringify(result)).not.toMatch(/SQLITE|\/home\/me|at Database/)
    expect(logged).toHaveLength(1)
  })

  it('refuses to pass an output that breaks the contract', async () => {
    const { call, logged } = setup()
    const result = await call('sync:start', frameEvent(APP_URL), { accountId: 1 })
    expect(result).toMatchObject({ ok: false, error: { code: 'internal' } })
    expect(String(logged[0])).toContain('sync:start')
  })
})

describe('forwardEvents', () => {
  function bus(): EventBus & {
    fire<E extends EventName>(name: E, payload: EventPayload<E>): void
    count(): number
  } {
    const listeners = new Map<string, Set<(payload: unknown) => void>>()
    return {
      emit: () => undefined,
      on(name, listener) {
        const set = listeners.get(name) ?? new Set()
        set.add(listener as (payload: unknown) => void)
        listeners.set(name, set)
        return () => set.delete(listener as (payload: unknown) => void)
      },
      fire(name, payload) {
        for (const listener of listeners.get(name) ?? []) listener(payload)
      },
      count: () => [...listeners.values()].reduce((n, set) => n + set.size, 0),
    }
  }

  it('sends every contract event as event:<name> until unsubscribed or destroyed', () => {
    const events = bus()
    const send = vi.fn()
    let destroyed = false
    const stop = forwardEvents(events, { send, isDestroyed: () => destroyed } as unknown as WebContents)
    expect(events.count()).toBe(eventNames.length)
    const payload = { runId: 1 } as unknown as EventPayload<'sync:progress'>
    events.fire('sync:progress', payload)
    expect(send).toHaveBeenCalledWith('event:sync:progress', payload)
    destroyed = true
    events.fire('sync:progress', payload)
    expect(send).toHaveBeenCalledTimes(1)
    stop()
    expect(events.count()).toBe(0)
  })
})
