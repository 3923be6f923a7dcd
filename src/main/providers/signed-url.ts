// Reads when a signed CDN URL stops working, from the URL itself, so the downloader can refresh an
// item before wasting a request on a 403. Nobody documents the lifetimes, so we never guess one.

export interface CloudFrontPolicy {
  readonly resource: string | null
  /** Epoch milliseconds. */
  readonly dateLessThan: number | null
  readonly dateGreaterThan: number | null
  readonly sourceIp: string | null
}

const downloadMarker = '/media/download/'

/**
 * Epoch milliseconds after which the URL is refused, or null when it carries no expiry we can read.
 * For a proxy URL that embeds a CDN URL (OnlyFansAPI's /media/download/{cdnUrl}), the earlier of
 * the two expiries wins.
 */
export function signedUrlExpiry(url: string): number | null {
  const expiries: number[] = []
  const own = ownExpiry(url)
  if (own !== null) expiries.push(own)
  const inner = embeddedCdnUrl(url)
  if (inner !== null) {
    const innerExpiry = signedUrlExpiry(inner)
    if (innerExpiry !== null) expiries.push(innerExpiry)
  }
  return expiries.length > 0 ? Math.min(...expiries) : null
}

/** True when the URL's readable expiry is at or before `now + marginMs`. Unknown expiry is not expired. */
export function isSignedUrlExpired(url: string, now: number = Date.now(), marginMs = 0): boolean {
  const expiry = signedUrlExpiry(url)
  return expiry !== null && expiry <= now + marginMs
}

/** The CDN URL inside `/media/download/{cdnUrl}` (raw or percent-encoded), or null. */
export function embeddedCdnUrl(url: string): string | null {
  const at = url.indexOf(downloadMarker)
  if (at < 0) return null
  let rest = url.slice(at + downloadMarker.length)
  if (/^https?%3A/i.test(rest)) {
    try {
      rest = decodeURIComponent(rest)
    } catch {
      return null
    }
  }
  // A raw embedded URL may have lost one slash of `//` to path normalisation.
  rest = rest.replace(/^(https?):\/(?!\/)/i, '$1://')
  return /^https?:\/\//i.test(rest) ? rest : null
}

/** Decodes CloudFront's URL-safe base64 (`-`→`+`, `_`→`=`, `~`→`/`) policy JSON. */
export function decodeCloudFrontPolicy(policy: string): CloudFrontPolicy | null {
  const base64 = policy.replace(/-/g, '+').replace(/_/g, '=').replace(/~/g, '/')
  let json: unknown
  try {
    json = JSON.parse(Buffer.from(base64, 'base64').toString('utf8'))
  } catch {
    return null
  }
  const statement = firstStatement(json)
  if (statement === null) return null
  const condition = asRecord(statement['Condition'])
  return {
    resource: typeof statement['Resource'] === 'string' ? statement['Resource'] : null,
    dateLessThan: epochCondition(condition, 'DateLessThan'),
    dateGreaterThan: epochCondition(condition, 'DateGreaterThan'),
    sourceIp: stringCondition(condition, 'IpAddress', 'AWS:SourceIp'),
  }
}

/** Encodes a policy the way CloudFront expects it in a query string (the fake CDN signs with it). */
export function encodeCloudFrontPolicy(policy: unknown): string {
  return Buffer.from(JSON.stringify(policy), 'utf8')
    .toString('base64')
    .replace(/\+/g, '-')
    .replace(/=/g, '_')
    .replace(/\//g, '~')
}

function ownExpiry(url: string): number | null {
  const at = url.indexOf(downloadMarker)
  // A raw embedded URL owns the query string; a percent-encoded one leaves it to the proxy URL.
  if (at >= 0 && /^https?:/i.test(url.slice(at + downloadMarker.length))) return null
  try {
    return expiryFromParams(new URL(url).searchParams)
  } catch {
    return null
  }
}

export function expiryFromParams(params: URLSearchParams): number | null {
  const policy = params.get('Policy')
  if (policy) {
    const decoded = decodeCloudFrontPolicy(policy)
    if (decoded?.dateLessThan != null) return decoded.dateLessThan
  }
  const expires = params.get('Expires')
  if (expires && /^\d+$/.test(expires)) return Number(expires) * 1000
  const amzDate = params.get('X-Amz-Date')
  const amzExpires = params.get('X-Amz-Expires')
  if (amzDate && amzExpires && /^\d+$/.test(amzExpires)) {
    const start = parseAmzDate(amzDate)
    if (start !== null) return start + Number(amzExpires) * 1000
  }
  return null
}

/** `20230811T120000Z` → epoch ms. */
function parseAmzDate(value: string): number | null {
  const match = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value)
  if (!match) return null
  const [, y, mo, d, h, mi, s] = match.map(Number) as [number, number, number, number, number, number, number]
  return Date.UTC(y, mo - 1, d, h, mi, s)
}

function firstStatement(json: unknown): Record<string, unknown> | null {
  const root = asRecord(json)
  const statements = root ? root['Statement'] : undefined
  return Array.isArray(statements) ? asRecord(statements[0]) : null
}

function epochCondition(condition: Record<string, unknown> | null, name: string): number | null {
  const value = asRecord(condition?.[name])?.['AWS:EpochTime']
  const seconds = typeof value === 'string' ? Number(value) : value
  return typeof seconds === 'number' && Number.isFinite(seconds) ? seconds * 1000 : null
}

function stringCondition(
  condition: Record<string, unknown> | null,
  name: string,
  key: string,
): string | null {
  const value = asRecord(condition?.[name])?.[key]
  return typeof value === 'string' ? value : null
}

function asRecord(value: unknown): Record<string, unknown> | null {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : null
}
