// Turns a chosen Fansly file into a request the downloader can make. Fansly CDN URLs are
// CloudFront-signed, and the ones OnlyFansAPI reads for full media are bound to its proxy's IP
// (/24), so we fetch those through `/api/fansly/{acct}/media/download/{cdnUrl}` with the key.
// A URL whose Policy has no IP condition (teasers, avatars) is fetched directly: no credits, and
// the key never goes to the CDN. HLS locations signed in `metadata` need CloudFront cookies.
import type { DownloadRequest, MediaVariant } from './types'
import type { FanslyLocation, FanslyMedia } from './fansly-schemas'
import { decodeCloudFrontPolicy, signedUrlExpiry } from './signed-url'
import { hasSigningMetadata } from './fansly-variants'

export interface DownloadTarget {
  /** The API origin with a trailing slash, e.g. https://app.onlyfansapi.com/ */
  readonly apiBase: string
  /** OnlyFansAPI's id for the linked Fansly account (fansly_acct_…). */
  readonly account: string
  readonly authHeaders: Readonly<Record<string, string>>
  readonly isOwnUrl: (url: string) => boolean
  /** What the download endpoint charges per started megabyte when its cache misses. */
  readonly creditsPerMegabyte: number
}

export function proxyDownloadUrl(target: DownloadTarget, cdnUrl: string): string {
  // The docs say to paste the raw CDN URL on the end of the path, unencoded.
  return `${target.apiBase}api/fansly/${encodeURIComponent(target.account)}/media/download/${cdnUrl}`
}

export function buildDownloadRequest(
  target: DownloadTarget,
  variant: MediaVariant,
  files: readonly FanslyMedia[],
): DownloadRequest | null {
  const url = variant.url
  if (!url) return null
  // Already a provider API URL (e.g. a proxy link): it needs the key, and nothing else does.
  const price = { creditsPerMegabyte: target.creditsPerMegabyte }
  if (target.isOwnUrl(url) && url.startsWith(`${target.apiBase}api/`)) {
    return { url, headers: { ...target.authHeaders }, expiresAt: signedUrlExpiry(url), ...price }
  }
  const location = findLocation(files, url)
  if (location && hasSigningMetadata(location)) return cookieSignedRequest(url, location)
  const policy = policyOf(url)
  if (policy && policy.sourceIp === null) return { url, headers: {}, expiresAt: policy.dateLessThan }
  const proxied = proxyDownloadUrl(target, url)
  return { url: proxied, headers: { ...target.authHeaders }, expiresAt: signedUrlExpiry(proxied), ...price }
}

function policyOf(url: string): ReturnType<typeof decodeCloudFrontPolicy> {
  try {
    const policy = new URL(url).searchParams.get('Policy')
    return policy ? decodeCloudFrontPolicy(policy) : null
  } catch {
    return null
  }
}

function cookieSignedRequest(url: string, location: FanslyLocation): DownloadRequest {
  const meta = location.metadata ?? {}
  const read = (key: string): string | null => (typeof meta[key] === 'string' ? meta[key] : null)
  const pairs: Array<[string, string | null]> = [
    ['CloudFront-Policy', read('Policy')],
    ['CloudFront-Signature', read('Signature')],
    ['CloudFront-Key-Pair-Id', read('Key-Pair-Id')],
  ]
  const cookie = pairs
    .filter((pair): pair is [string, string] => pair[1] !== null)
    .map(([name, value]) => `${name}=${value}`)
    .join('; ')
  const policy = read('Policy')
  return {
    url,
    headers: cookie ? { cookie } : {},
    expiresAt: policy ? (decodeCloudFrontPolicy(policy)?.dateLessThan ?? null) : null,
  }
}

function findLocation(files: readonly FanslyMedia[], url: string): FanslyLocation | null {
  for (const file of files) {
    for (const candidate of [file, ...(file.variants ?? [])]) {
      const found = (candidate.locations ?? []).find((loc) => loc.location === url)
      if (found) return found
    }
  }
  return null
}
