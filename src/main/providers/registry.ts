// The one place that maps a provider id to its adapter. An exhaustive record: adding a provider id
// to domain.ts without an adapter here is a compile error.
import type { ProviderId } from '../../shared/domain'
import { createFansMetricAdapter } from './fansmetric'
import { createOfAuthAdapter } from './ofauth'
import { createOnlyFansApiAdapter } from './onlyfansapi'
import { createOnlyFansApiFanslyAdapter } from './onlyfansapi-fansly'
import { withRedactedErrors } from './redacting-adapter'
import type { AdapterOptions, ProviderAdapter } from './types'

const factories: Readonly<Record<ProviderId, (options: AdapterOptions) => ProviderAdapter>> = {
  onlyfansapi: createOnlyFansApiAdapter,
  'onlyfansapi-fansly': createOnlyFansApiFanslyAdapter,
  ofauth: createOfAuthAdapter,
  fansmetric: createFansMetricAdapter,
}

/** The provider's adapter; whatever it throws has the key redacted (redacting-adapter.ts). */
export function createAdapter(provider: ProviderId, options: AdapterOptions): ProviderAdapter {
  return withRedactedErrors(factories[provider](options), [options.apiKey])
}
