// Finds the Fansly body inside whatever envelope carries it, and turns zod failures into
// SchemaDrift errors that name the exact path. OnlyFansAPI documents `data.<fansly body>`, the
// account-media endpoint answers `{success, response}` at the top level, raw recordings are
// `{success, response}`, and another vendor nests three deep; all are accepted.
import type { z } from 'zod'
import { SchemaDrift } from './errors'
import { isPlainObject } from './fansly-values'

const provider = 'onlyfansapi-fansly' as const
const envelopeKeys = ['data', 'response'] as const
const maxEnvelopeDepth = 4

export type PathSegment = string | number

export interface Located {
  readonly value: unknown
  readonly path: readonly PathSegment[]
}

/**
 * Breadth-first through `data` / `response` until `accept` matches. When nothing matches, the
 * value at `fallback` (as far as it exists) is returned so the schema reports what is missing.
 */
export function locatePayload(
  body: unknown,
  accept: (value: unknown) => boolean,
  fallback: readonly string[],
): Located {
  let level: Located[] = [{ value: body, path: [] }]
  for (let depth = 0; depth <= maxEnvelopeDepth && level.length > 0; depth += 1) {
    const next: Located[] = []
    for (const item of level) {
      if (accept(item.value)) return item
      if (!isPlainObject(item.value)) continue
      for (const key of envelopeKeys) {
        if (key in item.value) next.push({ value: item.value[key], path: [...item.path, key] })
      }
    }
    level = next
  }
  let value: unknown = body
  const path: PathSegment[] = []
  for (const key of fallback) {
    if (!isPlainObject(value) || !(key in value)) break
    value = value[key]
    path.push(key)
  }
  return { value, path }
}

export function hasArrayKey(key: string): (value: unknown) => boolean {
  return (value: unknown): boolean => isPlainObject(value) && Array.isArray(value[key])
}

export function formatPath(path: readonly PropertyKey[]): string {
  let out = ''
  for (const segment of path) {
    if (typeof segment === 'number') out += `[${segment}]`
    else out += out === '' ? String(segment) : `.${String(segment)}`
  }
  return out
}

/** Parses `located.value`; any failure is a SchemaDrift naming the provider and the full path. */
export function parseOrDrift<S extends z.ZodType>(schema: S, located: Located): z.output<S> {
  const result = schema.safeParse(located.value)
  if (result.success) return result.data
  const issue = result.error.issues[0]
  const path = formatPath([...located.path, ...(issue?.path ?? [])])
  const received = describeReceived(located.value, issue?.path ?? [])
  throw new SchemaDrift(provider, path, `${issue?.message ?? 'invalid'}${received}`)
}

function describeReceived(root: unknown, path: readonly PropertyKey[]): string {
  let value: unknown = root
  for (const segment of path) {
    if (Array.isArray(value) && typeof segment === 'number') value = value[segment]
    else if (isPlainObject(value) && typeof segment === 'string') value = value[segment]
    else return ''
  }
  if (value === undefined) return ' (field missing)'
  if (value === null) return ' (got null)'
  return ` (got ${Array.isArray(value) ? 'array' : typeof value})`
}
