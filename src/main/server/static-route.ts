// The built renderer. Paths are decoded once, resolved against the renderer folder and refused
// unless they stay inside it, so "..", encoded slashes and absolute paths cannot escape.
import type { IncomingMessage, ServerResponse } from 'node:http'
import { extname, resolve, sep } from 'node:path'
import { sendError, sendText } from './responses'
import { sendFile } from './send-file'

const mimeTypes: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
}

export function mimeFor(path: string): string {
  return mimeTypes[extname(path).toLowerCase()] ?? 'application/octet-stream'
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
  const base = resolve(root)
  const target = resolve(base, `.${decoded}`)
  if (target !== base && !target.startsWith(base + sep)) return null
  return target
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
