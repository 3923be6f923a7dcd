// A provider's non-2xx answer as the typed error the sync layer acts on, in the provider's own
// words (its documented error fields, not its raw body) and never with the key in them.
import type { ProviderId } from '../../shared/domain'
import type { ProviderError } from './errors'
import { AuthError, NotFound, RateLimited, UpstreamError } from './errors'
import { type HeaderMap, retryAfterMs } from './rate-limits'
import { redact } from './redact'

/** What a message shows of a provider's words: enough for "SESSION_EXPIRED: re-authenticate …". */
const maxDetailChars = 300
/**
 * What is read of an error body before it is redacted and cut to `maxDetailChars`. Redacting
 * before cutting matters: a cut through the middle of an echoed key would leave a fragment that
 * no longer matches it. Anything past this is never shown, so it is never searched either.
 */
const maxScannedChars = 16 * 1024

/** Maps one non-2xx response to the typed error the sync layer acts on. */
export function errorForStatus(
  provider: ProviderId,
  status: number,
  headers: HeaderMap,
  body: unknown,
  secrets: readonly string[],
  now: number = Date.now(),
): ProviderError {
  const detail = describeErrorBody(body, secrets)
  const message = redact(`${provider}: HTTP ${status}${detail ? `: ${detail}` : ''}`, secrets)
  if (status === 401 || status === 402 || status === 403 || status === 424) {
    return new AuthError(provider, message, status)
  }
  if (status === 404) return new NotFound(provider, message, status)
  if (status === 429) return new RateLimited(provider, message, retryAfterMs(headers, body, now), status)
  return new UpstreamError(provider, message, status)
}

/**
 * The provider's own words, one line, the key redacted. From a JSON body only the documented error
 * fields (api-reference): OnlyFansAPI `{error, message}` and the OnlyFans `{error:{code, message}}`
 * it passes through, OFAuth `{error, type}` or its SDK's `{code, message}`, FansMetric `{error}`.
 * The rest of a body (`description`, `details`, echoed request data) may carry anything. A text or
 * HTML body (Cloudflare's 502 page) is shown without its tags.
 */
export function describeErrorBody(body: unknown, secrets: readonly string[] = []): string {
  const words = typeof body === 'string' ? body : knownErrorFields(body)
  const line = words
    .slice(0, maxScannedChars)
    .replace(/<[^>]*>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
  return truncate(redact(line, secrets))
}

function knownErrorFields(body: unknown): string {
  if (!isRecord(body)) return ''
  const parts: string[] = []
  const push = (value: unknown): void => {
    if ((typeof value === 'string' || typeof value === 'number') && String(value) !== '') {
      if (!parts.includes(String(value))) parts.push(String(value))
    }
  }
  const error = body['error']
  if (isRecord(error)) {
    push(error['code'])
    push(error['message'])
  } else {
    push(error)
  }
  push(body['type'])
  push(body['code'])
  push(body['message'])
  return parts.join(': ')
}

function truncate(text: string): string {
  return text.length > maxDetailChars ? `${text.slice(0, maxDetailChars)}…` : text
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}
