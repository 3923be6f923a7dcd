// Signed CDN URLs that really expire: CloudFront-like custom Policy (DateLessThan, optional
// IpAddress), canned Expires, and S3-like X-Amz presigning, all HMAC-checked by the fake CDN.
import { createHmac, timingSafeEqual } from 'node:crypto'
import { decodeCloudFrontPolicy, encodeCloudFrontPolicy } from '../../src/main/providers/signed-url'

export type SigningStyle = 'policy' | 'expires' | 'amz'

export interface SignOptions {
  readonly style: SigningStyle
  readonly ttlSeconds: number
  /** CIDR the URL is bound to (OnlyFans binds URLs read through a vendor to the vendor's IP). */
  readonly sourceIp?: string
  readonly now?: number
  /** Query parameters that come before the signature (e.g. Tag=2&u=…). */
  readonly leading?: Readonly<Record<string, string>>
}

export type Verdict = 'ok' | 'expired' | 'bad_signature' | 'wrong_ip' | 'unsigned'

function hmac(secret: string, text: string): string {
  return createHmac('sha256', secret).update(text).digest('base64url')
}

/** Returns `origin + path + ?query` signed for `ttlSeconds` from now. */
export function signUrl(secret: string, origin: string, path: string, options: SignOptions): string {
  const now = options.now ?? Date.now()
  const expires = Math.floor(now / 1000) + Math.max(0, Math.round(options.ttlSeconds))
  const params = new URLSearchParams(options.leading ?? {})
  if (options.style === 'policy') {
    const condition: Record<string, unknown> = { DateLessThan: { 'AWS:EpochTime': expires } }
    if (options.sourceIp) condition['IpAddress'] = { 'AWS:SourceIp': options.sourceIp }
    const policy = encodeCloudFrontPolicy({
      Statement: [{ Resource: `${origin}${path}*`, Condition: condition }],
    })
    params.set('Policy', policy)
    params.set('Signature', hmac(secret, `${path}\n${policy}`))
    params.set('Key-Pair-Id', 'APKAFAKEFAKEFAKE0001')
  } else if (options.style === 'expires') {
    params.set('Expires', String(expires))
    params.set('Signature', hmac(secret, `${path}\n${expires}`))
    params.set('Key-Pair-Id', 'APKAFAKEFAKEFAKE0001')
  } else {
    const date = new Date(now)
      .toISOString()
      .replace(/[-:]/g, '')
      .replace(/\.\d{3}/, '')
    params.set('X-Amz-Algorithm', 'AWS4-HMAC-SHA256')
    params.set('X-Amz-Date', date)
    params.set('X-Amz-Expires', String(Math.max(0, Math.round(options.ttlSeconds))))
    params.set('X-Amz-Signature', hmac(secret, `${path}\n${date}\n${params.get('X-Amz-Expires')}`))
  }
  return `${origin}${path}?${params.toString()}`
}

export function verifyUrl(secret: string, url: URL, clientIp: string, now: number = Date.now()): Verdict {
  const path = url.pathname
  const q = url.searchParams
  const policy = q.get('Policy')
  if (policy) {
    if (!safeEqual(q.get('Signature'), hmac(secret, `${path}\n${policy}`))) return 'bad_signature'
    const decoded = decodeCloudFrontPolicy(policy)
    if (!decoded?.dateLessThan || decoded.dateLessThan <= now) return 'expired'
    if (decoded.sourceIp && !ipMatches(clientIp, decoded.sourceIp)) return 'wrong_ip'
    return 'ok'
  }
  const expires = q.get('Expires')
  if (expires) {
    if (!safeEqual(q.get('Signature'), hmac(secret, `${path}\n${expires}`))) return 'bad_signature'
    return Number(expires) * 1000 > now ? 'ok' : 'expired'
  }
  const date = q.get('X-Amz-Date')
  if (date) {
    const ttl = q.get('X-Amz-Expires') ?? ''
    if (!safeEqual(q.get('X-Amz-Signature'), hmac(secret, `${path}\n${date}\n${ttl}`))) return 'bad_signature'
    const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(date)
    if (!m) return 'bad_signature'
    const start = Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +m[6]!)
    return start + Number(ttl) * 1000 > now ? 'ok' : 'expired'
  }
  return 'unsigned'
}

function safeEqual(given: string | null, expected: string): boolean {
  if (given === null) return false
  const a = Buffer.from(given)
  const b = Buffer.from(expected)
  return a.length === b.length && timingSafeEqual(a, b)
}

/** IPv4 CIDR match; IPv6 or malformed input never matches (fail closed). */
function ipMatches(ip: string, cidr: string): boolean {
  const [network, bitsText] = cidr.split('/')
  const bits = Number(bitsText ?? '32')
  const toInt = (text: string): number | null => {
    const parts = text
      .replace(/^::ffff:/, '')
      .split('.')
      .map(Number)
    if (parts.length !== 4 || parts.some((p) => !Number.isInteger(p) || p < 0 || p > 255)) return null
    return ((parts[0]! << 24) | (parts[1]! << 16) | (parts[2]! << 8) | parts[3]!) >>> 0
  }
  const a = toInt(ip)
  const b = toInt(network ?? '')
  if (a === null || b === null) return false
  const mask = bits === 0 ? 0 : (~0 << (32 - bits)) >>> 0
  return (a & mask) === (b & mask)
}
