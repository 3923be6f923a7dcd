import type { ChannelOutput } from '../../shared/contract'
import type { Catalog } from '../catalog/catalog'
import { ApiError } from './errors'

export function mediaDetail(catalog: Catalog, id: number): ChannelOutput<'media:get'> {
  const record = catalog.media.getById(id)
  const [row] = catalog.gallery.byIds([id])
  if (!record || !row) throw new ApiError('not_found', `No media with id ${id}.`)
  const full = catalog.media.file(id, 'full')
  const links = catalog.gallery.messagesOf(id)
  const jobs = catalog.jobs.forMedia(id)
  const lastError = jobs.find((job) => job.lastError !== null)?.lastError ?? null
  return {
    ...row,
    providerMediaId: record.providerMediaId,
    accessRules: catalog.media.accessRules(id).map((rule) => ({ ...rule })),
    sha256: full?.sha256 ?? null,
    mime: full?.mime ?? null,
    messages: links.map((link) => ({ ...link })),
    lastError,
  }
}
