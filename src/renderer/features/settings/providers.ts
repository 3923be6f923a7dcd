// What the settings screen needs to know about each API provider: how to name it, what its
// account id looks like, and which environment variable serve mode and the CLI read its key from
// (the same names as src/main/providers/key-env.ts, restated because the renderer cannot import main).
import type { ProviderId } from '../../../shared/domain'

export interface ProviderInfo {
  readonly name: string
  readonly accountHint: string
  readonly keyEnv: string
  readonly needsConnection: boolean
}

export const providerInfo: Readonly<Record<ProviderId, ProviderInfo>> = {
  onlyfansapi: {
    name: 'OnlyFansAPI — OnlyFans',
    accountHint: 'acct_… from your OnlyFansAPI dashboard',
    keyEnv: 'ONLYFANSAPI_API_KEY',
    needsConnection: false,
  },
  'onlyfansapi-fansly': {
    name: 'OnlyFansAPI — Fansly',
    accountHint: 'the Fansly account id from your OnlyFansAPI dashboard',
    keyEnv: 'ONLYFANSAPI_API_KEY',
    needsConnection: false,
  },
  ofauth: {
    name: 'OFAuth — OnlyFans',
    accountHint: 'the numeric OnlyFans user id',
    keyEnv: 'OFAUTH_API_KEY',
    needsConnection: true,
  },
  fansmetric: {
    name: 'FansMetric — OnlyFans',
    accountHint: 'the account id from your FansMetric dashboard',
    keyEnv: 'FANSMETRIC_API_KEY',
    needsConnection: false,
  },
}
