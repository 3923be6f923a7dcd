import { describe, expect, it, vi } from 'vitest'
import { channels, events } from '../../../src/shared/contract'
import { channelNames, eventNames, type ChatkeepBridge } from '../../../src/shared/bridge'

const exposed = vi.hoisted(() => new Map<string, unknown>())
const ipcRenderer = vi.hoisted(() => ({
  invoke: vi.fn(async (channel: string, input: unknown) => ({ ok: true, value: { channel, input } })),
  on: vi.fn(),
  removeListener: vi.fn(),
}))

vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: (key: string, api: unknown) => exposed.set(key, api) },
  ipcRenderer,
}))

await import('../../../src/preload/index')

const bridge = exposed.get('chatkeep') as ChatkeepBridge

describe('preload bridge', () => {
  it('lists exactly the contract channels and events', () => {
    expect([...channelNames].sort()).toEqual(Object.keys(channels).sort())
    expect([...eventNames].sort()).toEqual(Object.keys(events).sort())
  })

  it('exposes window.chatkeep with transport electron, frozen', () => {
    expect([...exposed.keys()]).toEqual(['chatkeep'])
    expect(bridge.transport).toBe('electron')
    expect(Object.isFrozen(bridge)).toBe(true)
  })

  it('forwards contract channels to ipcRenderer.invoke', async () => {
    await expect(bridge.invoke('chats:list', { accountId: 3 })).resolves.toEqual({
      ok: true,
      value: { channel: 'chats:list', input: { accountId: 3 } },
    })
  })

  it('never forwards a name outside the contract', async () => {
    ipcRenderer.invoke.mockClear()
    const invoke = bridge.invoke as (channel: string, input: unknown) => Promise<unknown>
    await expect(invoke('secrets:dump', {})).resolves.toMatchObject({
      ok: false,
      error: { code: 'bad_input' },
    })
    await expect(invoke('__proto__', {})).resolves.toMatchObject({ ok: false })
    expect(ipcRenderer.invoke).not.toHaveBeenCalled()
  })

  it('subscribes to events without leaking the IPC event object, and unsubscribes', () => {
    const seen: unknown[] = []
    const off = bridge.on('sync:progress', (payload) => seen.push(payload))
    const [channel, wrapped] = ipcRenderer.on.mock.calls[0] as [
      string,
      (event: unknown, payload: unknown) => void,
    ]
    expect(channel).toBe('event:sync:progress')
    wrapped({ sender: 'ipcRenderer itself' }, { runId: 9 })
    expect(seen).toEqual([{ runId: 9 }])
    off()
    expect(ipcRenderer.removeListener).toHaveBeenCalledWith('event:sync:progress', wrapped)
    const on = bridge.on as (event: string, cb: () => void) => unknown
    expect(() => on('ipc:anything', () => undefined)).toThrow(TypeError)
  })
})
