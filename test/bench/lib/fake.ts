// The fake providers as the benchmarks use them: OFAuth by default, because its media URLs are
// plain signed CDN links (no redirect hop, no previews for audio), so a "file" is exactly one GET.
import type { ProviderId } from '../../../src/shared/domain'
import {
  startFakeProviders,
  type FakeProviders,
  type FakeProvidersOptions,
} from '../../fake-providers/server'

export interface ProviderAccount {
  readonly provider: ProviderId
  readonly account: string
  readonly connectionId?: string
}

export const providerAccounts: Readonly<Record<ProviderId, ProviderAccount>> = {
  onlyfansapi: { provider: 'onlyfansapi', account: 'acct_fake_onlyfans_1' },
  'onlyfansapi-fansly': { provider: 'onlyfansapi-fansly', account: 'fansly_acct_fake_1' },
  ofauth: { provider: 'ofauth', account: '900000002', connectionId: 'conn_fake_1' },
  fansmetric: { provider: 'fansmetric', account: 'acct_fake_fm_1' },
}

/** Audio only: one file per media item, 1 item per message, no specials; URLs live a day. */
export function startBenchFake(options: FakeProvidersOptions): Promise<FakeProviders> {
  return startFakeProviders({
    seed: 7,
    mediaTypes: ['audio'],
    mediaPerMessage: 1,
    specials: false,
    host: '127.0.0.1',
    ...options,
    faults: { urlTtlSeconds: 86_400, ...options.faults },
  })
}

/**
 * The CDN URLs a sync fetched (answered 200) since `logStart`, a mark taken from `requestLog.length`:
 * the very files aria2c is then given, from the same server.
 */
export function cdnUrlsSince(fake: FakeProviders, logStart: number): string[] {
  return fake.requestLog
    .slice(logStart)
    .filter((e) => e.provider === 'cdn' && e.status === 200)
    .map((e) => fake.url + e.path)
}
