// zod parsing that fails as SchemaDrift naming the provider and the JSON path, so a changed API
// reads as "onlyfansapi: unexpected response at data.list[3].media[0].id" and not as a stack trace.
import { z } from 'zod'
import type { ProviderId } from '../../shared/domain'
import { SchemaDrift } from './errors'

export function parseOrDrift<S extends z.ZodType>(
  provider: ProviderId,
  schema: S,
  value: unknown,
  basePath = '',
): z.output<S> {
  const result = schema.safeParse(value)
  if (result.success) return result.data
  const issue = result.error.issues[0]
  const path = joinPath(basePath, issue?.path ?? [])
  throw new SchemaDrift(provider, path, issue?.message ?? 'invalid')
}

export function joinPath(base: string, path: readonly PropertyKey[]): string {
  let out = base
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`
    else out += out === '' ? String(part) : `.${String(part)}`
  }
  return out
}

/** Numbers that providers sometimes send as numeric strings; anything else becomes null. */
export const looseNumberSchema = z.preprocess((value) => {
  if (typeof value === 'number' && Number.isFinite(value)) return value
  if (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value))) return Number(value)
  return null
}, z.number().nullable())

/** Ids arrive as numbers (OnlyFans) or strings (cursors, snowflakes); we keep strings. */
export const idSchema = z.union([z.number(), z.string().min(1)]).transform((value) => String(value))

/** Tolerates a missing or wrongly typed optional string (kept as null). */
export const looseStringSchema = z.preprocess(
  (value) => (typeof value === 'string' ? value : null),
  z.string().nullable(),
)

/** Tolerates a missing or wrongly typed flag. */
export function looseBoolean(fallback: boolean): z.ZodType<boolean> {
  return z.preprocess((value) => (typeof value === 'boolean' ? value : fallback), z.boolean())
}

export interface ReadEach<T> {
  readonly items: T[]
  /** One line per item that could not be read (SchemaDrift message: provider and field path). */
  readonly problems: string[]
}

/**
 * Reads every item of a list on its own, so one malformed item (a chat with no partner, a message
 * with no id) is reported and skipped instead of failing the whole page. Only SchemaDrift is
 * caught: anything else is a bug or a transport failure and propagates.
 */
export function readEach<T>(
  list: readonly unknown[],
  basePath: string,
  read: (value: unknown, path: string) => T,
): ReadEach<T> {
  const items: T[] = []
  const problems: string[] = []
  list.forEach((value, index) => {
    try {
      items.push(read(value, `${basePath}[${index}]`))
    } catch (error) {
      if (!(error instanceof SchemaDrift)) throw error
      problems.push(error.message)
    }
  })
  return { items, problems }
}
