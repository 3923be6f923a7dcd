import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import {
  decodeCloudFrontPolicy,
  embeddedCdnUrl,
  encodeCloudFrontPolicy,
  isSignedUrlExpired,
  signedUrlExpiry,
} from '../../../src/main/providers/signed-url'

function fixture(name: string): string {
  return readFileSync(new URL(`../../fixtures/providers/payloads/${name}`, import.meta.url), 'utf8')
}

/** Every https URL in a payload file, however deeply nested. */
function urlsIn(name: string): string[] {
  return [...fixture(name).matchAll(/"(https:\/\/[^"]+)"/g)].map((m) => m[1] as string)
}

describe('signedUrlExpiry on real payload URLs', () => {
  it('reads canned-policy Expires from the websocket chat message', () => {
    const urls = urlsIn('onlyfans-ws-chat-message-1.json').filter((u) => u.includes('Expires='))
    expect(urls.length).toBe(4)
    for (const url of urls) expect(signedUrlExpiry(url)).toBe(1753351200 * 1000)
  })

  it('decodes the custom Policy (with IpAddress and escaped slashes) of the modern post', () => {
    const urls = urlsIn('onlyfans-post-2.json').filter((u) => u.includes('Policy='))
    expect(urls.length).toBe(4)
    for (const url of urls) expect(signedUrlExpiry(url)).toBe(1782262800 * 1000)
    const policy = new URL(urls[0] as string).searchParams.get('Policy') as string
    const decoded = decodeCloudFrontPolicy(policy)
    expect(decoded?.sourceIp).toBe('203.0.113.23/32')
    expect(decoded?.resource).toMatch(/^https:\/\/cdn2\.onlyfans\.com\/files\//)
  })

  it('decodes the DRM post thumbnails and the CloudFront-Policy of the manifests', () => {
    const urls = urlsIn('onlyfans-post-drm-1.json').filter((u) => u.includes('Policy='))
    expect(urls.length).toBeGreaterThan(0)
    for (const url of urls) expect(signedUrlExpiry(url)).toBe(1782266400 * 1000)
    const drm = JSON.parse(fixture('onlyfans-post-drm-1.json')) as {
      media: { files: { drm: { signature: { hls: Record<string, string> } } } }[]
    }
    const hlsPolicy = drm.media[0]?.files.drm.signature.hls['CloudFront-Policy'] as string
    const decoded = decodeCloudFrontPolicy(hlsPolicy)
    expect(decoded?.dateLessThan).toBe(1782266400 * 1000)
    expect(decoded?.resource).toMatch(/\/\*$/)
  })

  it('returns null for URLs with no signature (placeholders in old payloads)', () => {
    for (const url of urlsIn('onlyfans-message-2.json')) expect(signedUrlExpiry(url)).toBeNull()
    expect(signedUrlExpiry('https://cdn2.onlyfans.com')).toBeNull()
    expect(signedUrlExpiry('not a url')).toBeNull()
  })
})

describe('other signing styles', () => {
  it('reads X-Amz-Date + X-Amz-Expires (cdn.fansapi.com presigned links)', () => {
    const url =
      'https://cdn.fansapi.com/x.jpg?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Date=20230811T120000Z&X-Amz-Expires=3600&X-Amz-Signature=ab'
    expect(signedUrlExpiry(url)).toBe(Date.UTC(2023, 7, 11, 13, 0, 0))
  })

  it('reads the expiry of a CDN URL nested raw in /media/download/{cdnUrl}', () => {
    const cdn = urlsIn('onlyfans-post-2.json').find((u) => u.includes('Policy=')) as string
    const proxy = `https://app.onlyfansapi.com/api/acct_1/media/download/${cdn}`
    expect(embeddedCdnUrl(proxy)).toBe(cdn)
    expect(signedUrlExpiry(proxy)).toBe(1782262800 * 1000)
  })

  it('reads the expiry of a percent-encoded nested URL and takes the earlier of two expiries', () => {
    const inner = 'https://cdn2.onlyfans.com/files/a.jpg?Expires=2000000000&Signature=x'
    const proxy = `http://127.0.0.1:1/api/acct_1/media/download/${encodeURIComponent(inner)}`
    expect(embeddedCdnUrl(proxy)).toBe(inner)
    expect(signedUrlExpiry(proxy)).toBe(2000000000 * 1000)
    const outerSigned = `${proxy}?Expires=1900000000`
    expect(signedUrlExpiry(outerSigned)).toBe(1900000000 * 1000)
  })

  it('round-trips a policy through the URL-safe encoding', () => {
    const policy = {
      Statement: [{ Resource: 'http://x/*', Condition: { DateLessThan: { 'AWS:EpochTime': 1700000000 } } }],
    }
    const encoded = encodeCloudFrontPolicy(policy)
    expect(encoded).not.toMatch(/[+=/]/)
    expect(decodeCloudFrontPolicy(encoded)?.dateLessThan).toBe(1700000000 * 1000)
    expect(decodeCloudFrontPolicy('!!!notbase64')).toBeNull()
  })

  it('isSignedUrlExpired honours the margin and treats unknown as fresh', () => {
    const url = 'https://x/a?Expires=1000'
    expect(isSignedUrlExpired(url, 999_000)).toBe(false)
    expect(isSignedUrlExpired(url, 999_000, 2000)).toBe(true)
    expect(isSignedUrlExpired('https://x/a', Number.MAX_SAFE_INTEGER)).toBe(false)
  })
})
