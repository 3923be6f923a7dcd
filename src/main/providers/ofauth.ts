// OFAuth for OnlyFans. `apiKey` + `x-connection-id` headers, bare `{list, hasMore, nextLastId?}`
// bodies: chats 20 a page, messages 10 (the documented maxima), chat media 100, by `last_id` when
// the body gives `nextLastId`, else by offset. Media URLs are media.ofauth.com links, fetched
// without our key.
import { providerMeta } from '../../shared/providers'
import { AuthError } from './errors'
import type { HttpClient } from './http'
import { createFamilyAdapter, familyHttpClient } from './onlyfans-family'
import { listShapes } from './onlyfans-pages'
import type { AdapterContext, AdapterOptions, ProviderAdapter } from './types'

export const ofAuthBaseUrl = 'https://api.ofauth.com'
const provider = 'ofauth'
const chatsPageSize = 20
const messagesPageSize = providerMeta[provider].conversationCost.messagesPerPage
const mediaPageSize = 100

export function createOfAuthAdapter(options: AdapterOptions): ProviderAdapter {
  const http: HttpClient = familyHttpClient(provider, ofAuthBaseUrl, options, { apiKey: options.apiKey })

  function connectionHeaders(ctx: AdapterContext): Record<string, string> {
    const connectionId = ctx.connectionId ?? (ctx.account.startsWith('conn_') ? ctx.account : null)
    if (!connectionId) {
      throw new AuthError(
        provider,
        `${provider}: a connection id (conn_…) is required for chat endpoints`,
        null,
      )
    }
    return { 'x-connection-id': connectionId }
  }
  const shapes = [listShapes.bareList]

  return createFamilyAdapter({
    http,
    routes: {
      root: () => 'v2/access',
      headers: connectionHeaders,
      chats: { pageSize: chatsPageSize, cursorParams: ['offset'], shapes },
      // Without `nextLastId` (the SDK leaves it out) the next page is asked for by offset.
      chatMessages: { pageSize: messagesPageSize, cursorParams: ['offset', 'last_id'], shapes },
      chatMedia: { pageSize: mediaPageSize, cursorParams: ['offset', 'last_id'], shapes },
    },
  })
}
