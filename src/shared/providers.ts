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
  /** What archiving whole conversations costs on this provider (shown before a first sync). */
  readonly conversationCost: ConversationCost
}

/**
 * The price of reading whole conversations through a provider's messages route, per 1,000
 * messages of one chat, as measured against the fake providers (src/main/providers/README.md,
 * test/integration/providers/chat-messages.test.ts checks the numbers). Media files cost nothing
 * more to list: each messages page carries its media. Downloads are priced apart.
 */
export interface ConversationCost {
  /** Messages per page of the messages route (the documented maximum; the adapter pages by it). */
  readonly messagesPerPage: number
  /** API requests to read 1,000 messages, at most. */
  readonly requestsPer1000Messages: number
  /** Credits those requests cost (1 per request where the provider reports none). */
  readonly creditsPer1000Messages: number
  /**
   * Credits per started megabyte of a file fetched through the provider's download endpoint when
   * its cache does not hold it yet (OnlyFansAPI documents 3); null when files come free from a CDN.
   */
  readonly downloadCreditsPerMegabyte: number | null
  /** Why the numbers are what they are, in a sentence for the user. */
  readonly note: string
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
    conversationCost: {
      messagesPerPage: 100,
      requestsPer1000Messages: 10,
      creditsPer1000Messages: 10,
      downloadCreditsPerMegabyte: 3,
      note: 'One credit per page of 100 messages; files cost 3 credits per MB unless OnlyFansAPI has them cached.',
    },
  }),
  // The same service and key as onlyfansapi, reading Fansly chats.
  'onlyfansapi-fansly': meta('OnlyFansAPI', 'Fansly', {
    keyEnv: 'ONLYFANSAPI_API_KEY',
    needsConnection: false,
    accountHint: 'the Fansly account id from your OnlyFansAPI dashboard',
    conversationCost: {
      messagesPerPage: 100,
      requestsPer1000Messages: 21,
      creditsPer1000Messages: 21,
      downloadCreditsPerMegabyte: 3,
      note: 'One credit per page of 100 messages, one more per page whose attachments come separately, and one to see the end; files cost 3 credits per MB unless cached.',
    },
  }),
  ofauth: meta('OFAuth', 'OnlyFans', {
    keyEnv: 'OFAUTH_API_KEY',
    needsConnection: true,
    accountHint: 'the numeric OnlyFans user id',
    conversationCost: {
      messagesPerPage: 10,
      requestsPer1000Messages: 100,
      creditsPer1000Messages: 100,
      downloadCreditsPerMegabyte: null,
      note: 'OFAuth pages messages by 10 at most, so a conversation takes one request per 10 messages; files come from its media CDN.',
    },
  }),
  fansmetric: meta('FansMetric', 'OnlyFans', {
    keyEnv: 'FANSMETRIC_API_KEY',
    needsConnection: false,
    accountHint: 'the account id from your FansMetric dashboard',
    conversationCost: {
      messagesPerPage: 100,
      requestsPer1000Messages: 10,
      creditsPer1000Messages: 10,
      downloadCreditsPerMegabyte: null,
      note: 'One credit per page of 100 messages; files come straight from the OnlyFans CDN.',
    },
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
