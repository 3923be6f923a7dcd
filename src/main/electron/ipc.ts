// The contract over Electron IPC: one `ipcMain.handle` per channel. Every call is checked for its
// sender, parsed with the channel's input schema, answered with the `Result` envelope, and its
// output is parsed too, so nothing outside the contract's shape crosses into the renderer.
import type { IpcMain, IpcMainInvokeEvent, WebContents } from 'electron'
import { channelNames, channels, errorCodes, eventNames } from '../../shared/contract'
import type { ChannelName, ErrorCode, Handlers, Result } from '../../shared/contract'
import type { Core, EventBus } from '../core-types'
import { eventChannel } from '../../preload/api'

export interface IpcOptions {
  /** True only for our own renderer page (see window.ts `isAppUrl`). */
  readonly isTrustedSender: (frameUrl: string) => boolean
  /** Where unexpected errors are reported in full; the renderer only ever sees a short message. */
  readonly logError?: (channel: ChannelName, error: unknown) => void
}

type IpcMainLike = Pick<IpcMain, 'handle' | 'removeHandler'>
type Failure = Extract<Result<never>, { ok: false }>

const knownCodes: ReadonlySet<string> = new Set(errorCodes)
const MAX_MESSAGE = 300

function fail(code: ErrorCode, message: string): Failure {
  return { ok: false, error: { code, message } }
}

/** One line, bounded, so a message can never smuggle a stack trace or a request dump. */
function shortMessage(message: string): string {
  const line = message.split('\n', 1)[0] ?? ''
  return line.length > MAX_MESSAGE ? `${line.slice(0, MAX_MESSAGE)}…` : line
}

/**
 * Errors that carry a contract error code (the api layer's typed errors, the providers' NotFound)
 * keep their code and first line; anything else is `internal` with a fixed message, since its text
 * may hold paths, SQL or worse.
 */
export function toFailure(error: unknown): Failure {
  if (
    error instanceof Error &&
    'code' in error &&
    typeof error.code === 'string' &&
    knownCodes.has(error.code)
  ) {
    return fail(error.code as ErrorCode, shortMessage(error.message))
  }
  return fail('internal', 'Internal error; see the app log for details.')
}

function describeIssues(
  issues: readonly { readonly path: readonly PropertyKey[]; readonly message: string }[],
): string {
  return shortMessage(
    issues
      .slice(0, 3)
      .map((issue) => `${issue.path.map(String).join('.') || '(input)'}: ${issue.message}`)
      .join('; '),
  )
}

/** Transport-free core of a call: parse input, run the handler, parse output, wrap in the envelope. */
export async function invokeChannel(
  handlers: Handlers,
  channel: ChannelName,
  rawInput: unknown,
  logError: (channel: ChannelName, error: unknown) => void = () => undefined,
): Promise<Result<unknown>> {
  const schema = channels[channel]
  // A missing argument is an empty object, so `{}`-input channels can be invoked without one.
  const input = schema.input.safeParse(rawInput === undefined ? {} : rawInput)
  if (!input.success) return fail('bad_input', describeIssues(input.error.issues))
  let value: unknown
  try {
    const handler = handlers[channel] as (input: unknown) => Promise<unknown>
    value = await handler(input.data)
  } catch (error) {
    const failure = toFailure(error)
    if (failure.error.code === 'internal') logError(channel, error)
    return failure
  }
  const output = schema.output.safeParse(value)
  if (!output.success) {
    logError(
      channel,
      new Error(`output of ${channel} broke the contract: ${describeIssues(output.error.issues)}`),
    )
    return fail('internal', 'Internal error; see the app log for details.')
  }
  return { ok: true, value: output.data }
}

/** The URL of the frame that sent an IPC message, or null if it is gone or is a subframe. */
export function senderUrl(event: Pick<IpcMainInvokeEvent, 'senderFrame'>): string | null {
  const frame = event.senderFrame
  if (frame === null || frame.parent !== null) return null
  return frame.url
}

function defaultLogError(channel: ChannelName, error: unknown): void {
  // Message only: a stack or an error object's fields could carry request details.
  console.error(
    `chatkeep: ${channel} failed:`,
    error instanceof Error ? `${error.name}: ${error.message}` : String(error),
  )
}

/** Registers every contract channel; returns a function that removes them all again. */
export function registerIpc(
  ipcMain: IpcMainLike,
  core: Pick<Core, 'handlers'>,
  options: IpcOptions,
): () => void {
  const logError = options.logError ?? defaultLogError
  for (const channel of channelNames) {
    ipcMain.handle(channel, async (event, rawInput: unknown): Promise<Result<unknown>> => {
      const url = senderUrl(event)
      if (url === null || !options.isTrustedSender(url)) {
        return fail('forbidden', 'This page may not call the app.')
      }
      return invokeChannel(core.handlers, channel, rawInput, logError)
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
