// Helpers for provider integration tests: fetch a DownloadRequest like the downloader would.
import { createHash } from 'node:crypto'
import got from 'got'
import type { ProviderId } from '../../../src/shared/domain'
import { createAdapter } from '../../../src/main/providers/registry'
import type { AdapterContext, DownloadRequest, ProviderAdapter } from '../../../src/main/providers/types'
import type { FakeAccount } from '../../fake-providers/dataset'
import type { FakeProviders } from '../../fake-providers/server'

export interface Fetched {
  readonly status: number
  readonly sha256: string
  readonly size: number
  readonly body: Buffer
}

export async function fetchDownload(request: DownloadRequest): Promise<Fetched> {
  const response = await got(request.url, {
    headers: request.headers,
    responseType: 'buffer',
    throwHttpErrors: false,
    retry: { limit: 0 },
    timeout: { request: 20_000 },
  })
  const body = Buffer.from(response.body)
  return {
    status: response.statusCode,
    sha256: createHash('sha256').update(body).digest('hex'),
    size: body.length,
    body,
  }
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms))
}

export interface AdapterSetup {
  readonly adapter: ProviderAdapter
  readonly ctx: AdapterContext
  readonly account: FakeAccount
}

/** The real adapter of a provider, pointed at a fake, with its first working account. */
export function adapterSetup(server: FakeProviders, provider: ProviderId): AdapterSetup {
  const account = server.dataset.accounts.find((a) => a.provider === provider && !a.syncLost)
  if (!account) throw new Error(`the fake has no ${provider} account`)
  const adapter = createAdapter(provider, { apiKey: server.keys[provider], baseUrl: server.url })
  const ctx: AdapterContext =
    provider === 'ofauth'
      ? { account: account.id, connectionId: account.connectionId ?? '' }
      : { account: account.id }
  return { adapter, ctx, account }
}
