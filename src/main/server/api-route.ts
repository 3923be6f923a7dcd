// POST /api/<channel>: the contract over HTTP. This file only reads the body; the call itself goes
// through the api layer's `invoke`, exactly as Electron IPC does, and the envelope it answers is
// sent as it is, with the HTTP status its error code maps to.
import type { IncomingMessage, ServerResponse } from 'node:http'
import { isChannelName, type Handlers } from '../../shared/contract'
import { invoke, type ErrorLog } from '../api/invoke'
import { httpStatusFor, refuse, sendJson } from './responses'

/** Bounds the memory one request can hold; every contract input but a huge selection is tiny. */
const maxBodyBytes = 1024 * 1024

class BodyError extends Error {
  constructor(
    readonly status: 400 | 413,
    message: string,
  ) {
    super(message)
  }
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = []
  let total = 0
  for await (const chunk of req) {
    const buffer = chunk as Buffer
    total += buffer.length
    if (total > maxBodyBytes) throw new BodyError(413, 'The request body is larger than 1 MiB.')
    chunks.push(buffer)
  }
  return Buffer.concat(chunks).toString('utf8')
}

function parseJson(text: string): unknown {
  if (text.trim() === '') return {}
  try {
    return JSON.parse(text) as unknown
  } catch {
    throw new BodyError(400, 'The request body is not valid JSON.')
  }
}

export async function handleApi(
  req: IncomingMessage,
  res: ServerResponse,
  channel: string,
  handlers: Handlers,
  log: ErrorLog,
): Promise<void> {
  if (!isChannelName(channel)) {
    refuse(res, 404, 'not_found', `Unknown channel "${channel}".`)
    return
  }
  if (req.method !== 'POST') {
    res.setHeader('Allow', 'POST')
    refuse(res, 405, 'bad_input', `Use POST for /api/${channel}.`)
    return
  }
  const contentType = req.headers['content-type'] ?? ''
  // Requiring JSON forces a CORS preflight on any cross-site attempt, a second line after Origin.
  if (!/^application\/json\b/i.test(contentType)) {
    refuse(res, 415, 'bad_input', 'The request body must be application/json.')
    return
  }

  let raw: unknown
  try {
    raw = parseJson(await readBody(req))
  } catch (error) {
    if (!(error instanceof BodyError)) throw error
    refuse(res, error.status, 'bad_input', error.message)
    return
  }

  const result = await invoke(handlers, channel, raw, log)
  sendJson(res, result.ok ? 200 : httpStatusFor(result.error.code), result)
}
