// Sandboxed preload: the only bridge between the renderer and the main process. It forwards
// calls on an allow-list of channel names and never hands the renderer an IpcRendererEvent
// (which would expose `sender`) or ipcRenderer itself.
import { contextBridge, ipcRenderer } from 'electron'
import type { IpcRendererEvent } from 'electron'
// Everything imported from src/shared here is zod-free, so the preload bundle stays small.
import { channelNames, eventChannel, eventNames } from '../shared/bridge'
import type { ChannelName, ChatkeepBridge, EventName } from '../shared/bridge'

type IpcRendererLike = Pick<typeof ipcRenderer, 'invoke' | 'on' | 'removeListener'>

const channelSet: ReadonlySet<string> = new Set(channelNames)
const eventSet: ReadonlySet<string> = new Set(eventNames)

export function createBridge(ipc: IpcRendererLike): ChatkeepBridge {
  return Object.freeze({
    transport: 'electron' as const,
    invoke(channel: ChannelName, input: unknown) {
      // The renderer is untrusted too: a name outside the contract never reaches ipcMain.
      if (typeof channel !== 'string' || !channelSet.has(channel)) {
        return Promise.resolve({ ok: false, error: { code: 'bad_input', message: `unknown channel` } })
      }
      return ipc.invoke(channel, input)
    },
    on(event: EventName, listener: (payload: unknown) => void) {
      if (typeof event !== 'string' || !eventSet.has(event) || typeof listener !== 'function') {
        throw new TypeError('chatkeep.on: unknown event or missing listener')
      }
      const wrapped = (_event: IpcRendererEvent, payload: unknown): void => listener(payload)
      const channel = eventChannel(event)
      ipc.on(channel, wrapped)
      return () => {
        ipc.removeListener(channel, wrapped)
      }
    },
  }) as ChatkeepBridge
}

contextBridge.exposeInMainWorld('chatkeep', createBridge(ipcRenderer))
