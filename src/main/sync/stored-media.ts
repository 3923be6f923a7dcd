// A media item as the sync stored it (the normalised ProviderMedia, raw JSON inside), read back so
// a resumed download needs no new listing. A row that does not parse is simply refreshed.
import { z } from 'zod'
import { accessRuleSchema, mediaTypeSchema, variantKindSchema, videoQualitySchema } from '../../shared/domain'
import type { ProviderMedia } from '../providers/types'

const variantSchema = z.object({
  kind: variantKindSchema,
  url: z.string().nullable(),
  width: z.number().nullable(),
  height: z.number().nullable(),
  size: z.number().nullable(),
  mime: z.string().nullable(),
  quality: videoQualitySchema.nullable(),
})

const storedMediaSchema = z.object({
  providerMediaId: z.string(),
  type: mediaTypeSchema,
  width: z.number().nullable(),
  height: z.number().nullable(),
  durationSec: z.number().nullable(),
  createdAt: z.string().nullable(),
  canView: z.boolean(),
  isReady: z.boolean(),
  hasError: z.boolean(),
  drm: z.boolean(),
  variants: z.array(variantSchema),
  accessRules: z.array(accessRuleSchema),
  raw: z.unknown(),
})

export function parseStoredMedia(json: string): ProviderMedia | null {
  try {
    const result = storedMediaSchema.safeParse(JSON.parse(json))
    return result.success ? (result.data as ProviderMedia) : null
  } catch {
    return null
  }
}
