// Everything the app says about each API provider, in one record: the CLI (choices, key variable,
// the ofauth connection rule), the settings screen and the chat sidebar all read it, so adding a
// provider starts here (src/main/providers/README.md lists the other steps).
// Plain data, no zod: the CLI reads it for `--help` and completion without loading a schema library.

export const providerIds = ['onlyfansapi', 'onlyfansapi-fansly', 'ofauth', 'fansmetric'] as const
export type ProviderId = (typeof providerIds)[number]

/** The chat platform whose messages the provider reads. */
export type Platform = 'OnlyFans' | 'Fansly'

export interface ProviderMeta {
  /** The API service the key belongs to. */
  readonly service: string
  readonly platform: Platform
  /** How the app names the provider everywhere: "<service> — <platform>". */
  readonly label: string
  /** The environment variable the CLI, serve mode and the app (as a fallback) read the key from. */
  readonly keyEnv: string
  /** Whether a sync needs a connection id besides the account id (OFAuth's conn_…). */
  readonly needsConnection: boolean
  /** What the account id looks like, for the add-account form. */
  readonly accountHint: string
}

function meta(
  service: string,
  platform: Platform,
  rest: Omit<ProviderMeta, 'service' | 'platform' | 'label'>,
): ProviderMeta {
  return { service, platform, label: `${service} — ${platform}`, ...rest }
}

export const providerMeta: Readonly<Record<ProviderId, ProviderMeta>> = {
  onlyfansapi: meta('OnlyFansAPI', 'OnlyFans', {
    keyEnv: 'ONLYFANSAPI_API_KEY',
    needsConnection: false,
    accountHint: 'acct_… from your OnlyFansAPI dashboard',
  }),
  // The same service and key as onlyfansapi, reading Fansly chats.
  'onlyfansapi-fansly': meta('OnlyFansAPI', 'Fansly', {
    keyEnv: 'ONLYFANSAPI_API_KEY',
    needsConnection: false,
    accountHint: 'the Fansly account id from your OnlyFansAPI dashboard',
  }),
  ofauth: meta('OFAuth', 'OnlyFans', {
    keyEnv: 'OFAUTH_API_KEY',
    needsConnection: true,
    accountHint: 'the numeric OnlyFans user id',
  }),
  fansmetric: meta('FansMetric', 'OnlyFans', {
    keyEnv: 'FANSMETRIC_API_KEY',
    needsConnection: false,
    accountHint: 'the account id from your FansMetric dashboard',
  }),
}

/** The distinct key variables, in provider order ("ONLYFANSAPI_API_KEY, OFAUTH_API_KEY, …"). */
export const keyEnvNames: readonly string[] = [...new Set(providerIds.map((id) => providerMeta[id].keyEnv))]

export function isProviderId(value: string): value is ProviderId {
  return (providerIds as readonly string[]).includes(value)
}

/** The key variable of a provider named by a string from outside (a request, a catalog row). */
export function keyEnvOf(provider: string): string | undefined {
  return isProviderId(provider) ? providerMeta[provider].keyEnv : undefined
}
