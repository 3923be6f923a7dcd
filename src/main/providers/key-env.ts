import type { ProviderId } from '../../shared/domain'

/** Which environment variable holds each provider's key (both OnlyFansAPI kinds share one). */
export const keyEnvByProvider: Readonly<Record<ProviderId, string>> = {
  onlyfansapi: 'ONLYFANSAPI_API_KEY',
  'onlyfansapi-fansly': 'ONLYFANSAPI_API_KEY',
  ofauth: 'OFAUTH_API_KEY',
  fansmetric: 'FANSMETRIC_API_KEY',
}
