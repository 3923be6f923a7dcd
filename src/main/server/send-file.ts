// Streaming a file with Range support. Used for archived media (video seeking needs 206) and
// for the built renderer's static files.
import { createReadStream } from 'node:fs'
import { stat } from 'node:fs/promises'
import type { IncomingMessage, ServerResponse } from 'node:http'
import { pipeline } from 'node:stream/promises'
import { contentRange, parseRange } from '../lib/http-range'
import { isHead, sendText } from './responses'

export interface FileToSend {
  readonly path: string
  readonly mime: string
  readonly cacheControl: string
}

/** Returns false when the file is not there (or is not a regular file), so the caller can 404. */
export async function sendFile(
  req: IncomingMessage,
  res: ServerResponse,
  file: FileToSend,
): Promise<boolean> {
  let size: number
  try {
    const info = await stat(file.path)
    if (!info.isFile()) return false
    size = info.size
  } catch {
    return false
  }

  res.setHeader('Content-Type', file.mime)
  res.setHeader('Accept-Ranges', 'bytes')
  res.setHeader('Cache-Control', file.cacheControl)

  const range = parseRange(req.headers.range, size)
  if (range.kind === 'unsatisfiable') {
    res.setHeader('Content-Range', contentRange(null, size))
    sendText(res, 416, 'Requested range not satisfiable.')
    return true
  }

  const start = range.kind === 'partial' ? range.start : 0
  const end = range.kind === 'partial' ? range.end : size - 1
  res.statusCode = range.kind === 'partial' ? 206 : 200
  if (range.kind === 'partial') res.setHeader('Content-Range', contentRange(range, size))
  res.setHeader('Content-Length', size === 0 ? 0 : end - start + 1)

  if (isHead(req) || size === 0) {
    res.end()
    return true
  }
  try {
    await pipeline(createReadStream(file.path, { start, end }), res)
  } catch {
    // The client went away mid-stream (seeking aborts requests all the time); nothing to answer.
    res.destroy()
  }
  return true
}
