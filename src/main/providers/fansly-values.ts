// Small, total readers for the loosely typed values Fansly sends: JSON hidden inside strings
// (sometimes twice), timestamps in seconds, milliseconds or floats, and snowflake ids.

const maxJsonDepth = 4

/**
 * Fansly's `metadata` fields are JSON strings whose values may themselves be JSON strings
 * (`{"4":"{\"subscriptionTierId\":…}"}`), or "" / null. Returns a plain object, never throws.
 */
export function readJsonObject(value: unknown): Readonly<Record<string, unknown>> {
  const parsed = unwrapJson(value, 0)
  return isPlainObject(parsed) ? parsed : {}
}

function unwrapJson(value: unknown, depth: number): unknown {
  if (depth > maxJsonDepth) return value
  if (typeof value === 'string') {
    const text = value.trim()
    if (!(text.startsWith('{') || text.startsWith('['))) return value
    try {
      return unwrapJson(JSON.parse(text) as unknown, depth + 1)
    } catch {
      return value
    }
  }
  if (Array.isArray(value)) return value.map((item) => unwrapJson(item, depth + 1))
  if (isPlainObject(value)) {
    const out: Record<string, unknown> = {}
    for (const [key, inner] of Object.entries(value)) out[key] = unwrapJson(inner, depth + 1)
    return out
  }
  return value
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/**
 * Epoch milliseconds from a Fansly time: seconds (1691659377), milliseconds (1642139471000),
 * float seconds (1783533902.804) or a numeric string. 0, null and junk mean "no time".
 */
export function fanslyTimeToMs(value: unknown): number | null {
  const num = typeof value === 'string' && value.trim() !== '' ? Number(value) : value
  if (typeof num !== 'number' || !Number.isFinite(num) || num <= 0) return null
  // 1e11 s is the year 5138 and 1e11 ms is 1973: the magnitude tells the unit apart.
  return num >= 1e11 ? Math.round(num) : Math.round(num * 1000)
}

export function fanslyTimeToIso(value: unknown): string | null {
  const ms = fanslyTimeToMs(value)
  return ms === null ? null : new Date(ms).toISOString()
}

export function finiteNumber(value: unknown): number | null {
  const num = typeof value === 'string' && value.trim() !== '' ? Number(value) : value
  return typeof num === 'number' && Number.isFinite(num) ? num : null
}

export function nonEmptyString(value: unknown): string | null {
  if (typeof value === 'number' && Number.isFinite(value)) return String(value)
  return typeof value === 'string' && value.trim() !== '' ? value : null
}

/**
 * Orders two ids the way Fansly does (snowflakes grow with time). Non-numeric ids (sanitized
 * fixtures) compare as null: the caller must not assume an order then.
 */
export function compareSnowflakes(a: string, b: string): number | null {
  if (!/^\d+$/.test(a) || !/^\d+$/.test(b)) return null
  const x = BigInt(a)
  const y = BigInt(b)
  return x === y ? 0 : x < y ? -1 : 1
}

/** Fansly money is in thousandths of a US dollar (3000 = $3.00). */
export function fanslyPriceToUsd(value: unknown): number | null {
  const num = finiteNumber(value)
  if (num === null || num <= 0) return null
  return Math.round(num) / 1000
}
