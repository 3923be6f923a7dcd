// The placeholder for a media item that cannot be read (a schema drift inside one item) or cannot
// be resolved (a Fansly attachment the provider did not return). It keeps the item visible in the
// archive as `failed`, with the reason, instead of dropping it or failing its page; a later sync
// that can read the item replaces it.
import type { MediaType } from '../../shared/domain'
import type { ProviderMedia } from './types'

export interface Placeholder {
  /** The provider's id when the item had a usable one, else a stable id from its message. */
  readonly providerMediaId: string
  /** A best guess (the catalog needs a type); the problem says the item was not read. */
  readonly type: MediaType
  readonly problem: string
  readonly raw: unknown
}

export function placeholderMedia(placeholder: Placeholder): ProviderMedia {
  return {
    providerMediaId: placeholder.providerMediaId,
    type: placeholder.type,
    width: null,
    height: null,
    durationSec: null,
    createdAt: null,
    canView: true,
    isReady: true,
    hasError: true,
    drm: false,
    variants: [],
    accessRules: [],
    raw: placeholder.raw,
    problem: placeholder.problem,
  }
}

/** Id of an unreadable item that has none of its own: stable across syncs of the same message. */
export function unreadableId(messageId: string, index: number): string {
  return `unreadable:${messageId}:${index}`
}

/** Id of the placeholder for a Fansly bundle a page references but does not include. */
export function missingBundleId(bundleId: string): string {
  return `bundle:${bundleId}`
}

/**
 * True for the ids above: no provider knows them, so a refresh by id cannot find them. Such an
 * item is tried again when its message's page is read again.
 */
export function isPlaceholderId(providerMediaId: string): boolean {
  return providerMediaId.startsWith('unreadable:') || providerMediaId.startsWith('bundle:')
}

const typeByExtension: ReadonlyArray<readonly [RegExp, MediaType]> = [
  [/\.(mp4|mov|m4v|webm)(\?|$)/i, 'video'],
  [/\.(mp3|m4a|aac|ogg|wav)(\?|$)/i, 'audio'],
  [/\.gif(\?|$)/i, 'gif'],
]

/**
 * The type an unreadable item most likely has: a known `type` name, else the extension of any URL
 * it carries, else a positive duration (video), else photo, the commonest kind.
 */
export function guessMediaType(value: unknown, typeName?: unknown): MediaType {
  const name = typeof typeName === 'string' ? typeName.toLowerCase() : ''
  if (name === 'video' || name === 'audio' || name === 'gif') return name
  if (name === 'photo' || name === 'image') return 'photo'
  for (const text of stringsIn(value, 0)) {
    for (const [pattern, type] of typeByExtension) if (pattern.test(text)) return type
  }
  const duration =
    typeof value === 'object' && value !== null ? (value as Record<string, unknown>)['duration'] : null
  return typeof duration === 'number' && duration > 0 ? 'video' : 'photo'
}

function stringsIn(value: unknown, depth: number): string[] {
  if (depth > 4) return []
  if (typeof value === 'string') return [value]
  if (Array.isArray(value)) return value.flatMap((item) => stringsIn(item, depth + 1))
  if (typeof value === 'object' && value !== null)
    return Object.values(value).flatMap((item) => stringsIn(item, depth + 1))
  return []
}
