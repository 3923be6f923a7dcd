// GET /media/<id>/<full|thumb>: catalog ids to store files, through the core's resolver (which
// checks the path lies inside the store). Nothing else on disk is reachable from here.
import type { IncomingMessage, ServerResponse } from 'node:http'
import { parseMediaPath } from '../../shared/media-url'
import type { Core } from '../core-types'
import { mediaCsp, sendError, setSecurityHeaders } from './responses'
import { sendFile } from './send-file'

export async function handleMedia(
  req: IncomingMessage,
  res: ServerResponse,
  pathname: string,
  core: Core,
): Promise<void> {
  setSecurityHeaders(res, mediaCsp)
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.setHeader('Allow', 'GET, HEAD')
    sendError(res, 405, 'bad_input', 'Use GET for media.')
    return
  }
  const address = parseMediaPath(pathname)
  if (address === null) {
    sendError(res, 404, 'not_found', 'Media paths look like /media/<id>/<full|thumb>.')
    return
  }
  const { id, kind } = address

  let file: Awaited<ReturnType<Core['resolveMediaFile']>>
  try {
    file = await core.resolveMediaFile(id, kind)
  } catch {
    file = null
  }
  if (file === null) {
    sendError(res, 404, 'not_found', `No ${kind} file is archived for media ${id}.`)
    return
  }
  // Files are content-addressed, so a given id/kind only changes if the item is re-downloaded.
  const sent = await sendFile(req, res, {
    path: file.path,
    mime: file.mime,
    cacheControl: 'private, max-age=3600',
  })
  if (!sent) sendError(res, 404, 'not_found', `The ${kind} file of media ${id} is missing from the store.`)
}
