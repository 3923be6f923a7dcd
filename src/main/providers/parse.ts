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
