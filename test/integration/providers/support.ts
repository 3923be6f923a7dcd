// Helpers for provider integration tests: fetch a DownloadRequest like the downloader would.
import { createHash } from 'node:crypto'
import got from 'got'
import type { DownloadRequest } from '../../../src/main/providers/types'

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
