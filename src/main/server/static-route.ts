// The built renderer. Paths are decoded once, resolved against the renderer folder and refused
// unless they stay inside it, so "..", encoded slashes and absolute paths cannot escape.
import type { IncomingMessage, ServerResponse } from 'node:http'
import { resolveInside } from '../lib/contain'
import { mimeForPath } from '../lib/mime'
import { sendError, sendText } from './responses'
import { sendFile } from './send-file'

function mimeFor(path: string): string {
  return mimeForPath(path) ?? 'application/octet-stream'
}

/** Null when the path is malformed or would leave `root`. */
export function containedPath(root: string, pathname: string): string | null {
  let decoded: string
  try {
    decoded = decodeURIComponent(pathname)
  } catch {
    return null
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return null
  return resolveInside(root, `.${decoded}`)
}

export async function handleStatic(
  req: IncomingMessage,
  res: ServerResponse,
  pathname: string,
  rendererDir: string,
): Promise<void> {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.setHeader('Allow', 'GET, HEAD')
    sendText(res, 405, 'Method not allowed.')
    return
  }
  const wanted = pathname === '/' ? '/index.html' : pathname
  const target = containedPath(rendererDir, wanted)
  if (target === null) {
    sendError(res, 404, 'not_found', 'Not found.')
    return
  }
  // Vite puts content hashes in asset names, so only index.html must be revalidated.
  const cacheControl = wanted.startsWith('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache'
  const sent = await sendFile(req, res, { path: target, mime: mimeFor(target), cacheControl })
  if (!sent) sendError(res, 404, 'not_found', 'Not found.')
}
