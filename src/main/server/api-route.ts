// POST /api/<channel>: the contract over HTTP. Input is parsed with the channel's zod schema
// before any handler sees it; the answer is the same Result envelope Electron IPC returns.
import type { IncomingMessage, ServerResponse } from 'node:http'
import {
  channels,
  errorCodes,
  isChannelName,
  type ChannelName,
  type ErrorCode,
  type Handlers,
} from '../../shared/contract'
import { httpStatusFor, sendError, sendJson } from './responses'

const maxBodyBytes = 1024 * 1024

class BodyError extends Error {}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = []
  let total = 0
  for await (const chunk of req) {
    const buffer = chunk as Buffer
    total += buffer.length
    if (total > maxBodyBytes) throw new BodyError('The request body is larger than 1 MiB.')
    chunks.push(buffer)
  }
  return Buffer.concat(chunks).toString('utf8')
}

function parseJson(text: string): unknown {
  if (text.trim() === '') return {}
  try {
    return JSON.parse(text) as unknown
  } catch {
    throw new BodyError('The request body is not valid JSON.')
  }
}

/** Handlers may throw errors that carry a contract error code; anything else is internal. */
function codeOf(error: unknown): ErrorCode {
  if (typeof error === 'object' && error !== null && 'code' in error) {
    const code = (error as { code: unknown }).code
    if (typeof code === 'string' && (errorCodes as readonly string[]).includes(code)) return code as ErrorCode
  }
  return 'internal'
}

async function invoke(handlers: Handlers, channel: ChannelName, input: unknown): Promise<unknown> {
  // The record lookup loses the per-channel pairing, but `input` was just parsed with exactly
  // this channel's schema, so the call is sound.
  const handler = handlers[channel] as (parsed: unknown) => Promise<unknown>
  return handler(input)
}

export async function handleApi(
  req: IncomingMessage,
  res: ServerResponse,
  channel: string,
  handlers: Handlers,
): Promise<void> {
  if (!isChannelName(channel)) {
    sendError(res, 404, 'not_found', `Unknown channel "${channel}".`)
    return
  }
  if (req.method !== 'POST') {
    res.setHeader('Allow', 'POST')
    sendError(res, 405, 'bad_input', `Use POST for /api/${channel}.`)
    return
  }
  const contentType = req.headers['content-type'] ?? ''
  // Requiring JSON forces a CORS preflight on any cross-site attempt, a second line after Origin.
  if (!/^application\/json\b/i.test(contentType)) {
    sendError(res, 415, 'bad_input', 'The request body must be application/json.')
    return
  }

  let raw: unknown
  try {
    raw = parseJson(await readBody(req))
  } catch (error) {
    const status = error instanceof BodyError && error.message.includes('larger') ? 413 : 400
    sendError(res, status, 'bad_input', (error as Error).message)
    return
  }

  const parsed = channels[channel].input.safeParse(raw)
  if (!parsed.success) {
    const issues = parsed.error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`)
    sendError(res, 400, 'bad_input', `Invalid input for ${channel}: ${issues.join('; ')}`)
    return
  }

  try {
    const value = await invoke(handlers, channel, parsed.data)
    sendJson(res, 200, { ok: true, value })
  } catch (error) {
    const code = codeOf(error)
    const message = error instanceof Error ? error.message : String(error)
    sendError(res, httpStatusFor(code), code, code === 'internal' ? `Internal error: ${message}` : message)
  }
}
