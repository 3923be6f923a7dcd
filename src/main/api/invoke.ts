// The one way to call a contract channel, whatever the transport (Electron IPC, serve's HTTP):
// parse the input with the channel's schema, run the handler, parse its output (so nothing outside
// the contract's shape ever leaves, a stray field such as a key included), and answer with the
// Result envelope, errors mapped through the one error table.
import { channels, type ChannelName, type Handlers, type Result } from '../../shared/contract'
import { describeForLog, oneLine, toFailure, unexpectedMessage } from './errors'

/**
 * Where a transport reports what went wrong in full (`where`: the channel, or the route); the
 * caller only ever sees one line.
 */
export type ErrorLog = (where: string, error: unknown) => void

/** The default log: the process's stderr (the app's log, or the terminal running serve). */
export const logToStderr: ErrorLog = (where, error) => {
  console.error(`chatkeep: ${where} failed: ${describeForLog(error)}`)
}

interface Issue {
  readonly path: readonly PropertyKey[]
  readonly message: string
}

/** The first few problems, each naming its field, on one line. */
function describeIssues(issues: readonly Issue[]): string {
  return issues
    .slice(0, 3)
    .map((issue) => `${issue.path.map(String).join('.') || '(input)'}: ${issue.message}`)
    .join('; ')
}

export async function invoke(
  handlers: Handlers,
  channel: ChannelName,
  rawInput: unknown,
  log: ErrorLog = logToStderr,
): Promise<Result<unknown>> {
  const schema = channels[channel]
  // A missing argument is an empty object, so `{}`-input channels can be called without one.
  const input = schema.input.safeParse(rawInput === undefined ? {} : rawInput)
  if (!input.success) {
    const message = oneLine(`Invalid input for ${channel}: ${describeIssues(input.error.issues)}.`)
    return { ok: false, error: { code: 'bad_input', message } }
  }
  let value: unknown
  try {
    // The record lookup loses the per-channel pairing, but `input.data` was just parsed with
    // exactly this channel's schema, so the call is sound.
    const handler = handlers[channel] as (parsed: unknown) => Promise<unknown>
    value = await handler(input.data)
  } catch (error) {
    return toFailure(error, (unexpected) => log(channel, unexpected))
  }
  const output = schema.output.safeParse(value)
  if (!output.success) {
    log(channel, new Error(`output of ${channel} broke the contract: ${describeIssues(output.error.issues)}`))
    return { ok: false, error: { code: 'internal', message: unexpectedMessage } }
  }
  return { ok: true, value: output.data }
}
