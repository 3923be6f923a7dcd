// The contract over Electron IPC: one `ipcMain.handle` per channel. Every call is checked for its
// sender, then goes through the api layer's `invoke` (input and output parsed, errors mapped), the
// same call serve's HTTP route makes.
import type { IpcMain, IpcMainInvokeEvent, WebContents } from 'electron'
import { channelNames, eventChannel, eventNames } from '../../shared/bridge'
import type { Result } from '../../shared/contract'
import { invoke, logToStderr, type ErrorLog } from '../api/invoke'
import type { Core, EventBus } from '../core-types'

export interface IpcOptions {
  /** True only for our own renderer page (see window.ts `isAppUrl`). */
  readonly isTrustedSender: (frameUrl: string) => boolean
  /** Where unexpected errors are reported in full; the renderer only ever sees a short message. */
  readonly logError?: ErrorLog
}

type IpcMainLike = Pick<IpcMain, 'handle' | 'removeHandler'>

const notOurPage: Result<never> = {
  ok: false,
  error: { code: 'forbidden', message: 'This page may not call the app.' },
}

/** The URL of the frame that sent an IPC message, or null if it is gone or is a subframe. */
export function senderUrl(event: Pick<IpcMainInvokeEvent, 'senderFrame'>): string | null {
  const frame = event.senderFrame
  if (frame === null || frame.parent !== null) return null
  return frame.url
}

/** Registers every contract channel; returns a function that removes them all again. */
export function registerIpc(
  ipcMain: IpcMainLike,
  core: Pick<Core, 'handlers'>,
  options: IpcOptions,
): () => void {
  const logError = options.logError ?? logToStderr
  for (const channel of channelNames) {
    ipcMain.handle(channel, async (event, rawInput: unknown): Promise<Result<unknown>> => {
      const url = senderUrl(event)
      if (url === null || !options.isTrustedSender(url)) {
        return notOurPage
      }
      return invoke(core.handlers, channel, rawInput, logError)
    })
  }
  return () => {
    for (const channel of channelNames) ipcMain.removeHandler(channel)
  }
}

type EventTarget = Pick<WebContents, 'send' | 'isDestroyed'>

/** Pushes every core event to one window as `event:<name>`; returns the unsubscribe function. */
export function forwardEvents(events: EventBus, target: EventTarget): () => void {
  const unsubscribers = eventNames.map((name) =>
    events.on(name, (payload) => {
      if (!target.isDestroyed()) target.send(eventChannel(name), payload)
    }),
  )
  return () => {
    for (const unsubscribe of unsubscribers) unsubscribe()
  }
}
