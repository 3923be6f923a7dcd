// The JSON client against a hostile provider (test/fake-providers/hostile-api.ts): bodies too big,
// endless or absurdly deep, 200s that are not JSON, keys echoed in disguise, chat ids `.` and `..`.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import type { ProviderId } from '../../../src/shared/domain'
import { UpstreamError } from '../../../src/main/providers/errors'
import { createHttpClient } from '../../../src/main/providers/http'
import { createAdapter } from '../../../src/main/providers/registry'
import { echoOf, keyEchoForms } from '../../fake-providers/hostile-api'
import { type FakeProviders, startFakeProviders } from '../../fake-providers/server'
import { providerAccounts } from '../../bench/lib/fake'
import { leakedForms } from '../../support/key-forms'
import { sleep } from './support'

let fake: FakeProviders
beforeAll(async () => {
  fake = await startFakeProviders({ seed: 61, chats: 2, messagesPerChat: 3 })
})
afterAll(() => fake.close())
beforeEach(() => {
  fake.resetFaults()
  fake.hostileStats.bodyBytesSent = 0
})

const account = providerAccounts.onlyfansapi.account
const route = `api/${account}/chats`
const MiB = 1024 * 1024
/** The documented cap (maxApiBodyBytes in http.ts). */
const maxApiBodyBytes = 32 * MiB

function client(): ReturnType<typeof createHttpClient> {
  const key = fake.keys.onlyfansapi
  return createHttpClient({
    provider: 'onlyfansapi',
    baseUrl: fake.url,
    authHeaders: { authorization: `Bearer ${key}` },
    secrets: [key],
  })
}

async function failure(path = route): Promise<UpstreamError> {
  const error = await client()
    .getJson(path, { limit: 10 })
    .then(
      () => null,
      (e: unknown) => e,
    )
  expect(error).toBeInstanceOf(UpstreamError)
  return error as UpstreamError
}

/** One line, naming the provider and the route it asked, and saying it will not be asked again. */
function expectOneLineNamingRoute(error: UpstreamError, words: RegExp): void {
  expect(error.message).not.toContain('\n')
  expect(error.message).toMatch(/^onlyfansapi: /)
  expect(error.message).toContain(`/${route}`)
  expect(error.message).toMatch(words)
  expect(error.retryable).toBe(false)
}

describe('API bodies are capped', () => {
  it('refuses a 100 MB answer from its Content-Length, before reading it', async () => {
    fake.faults({ hostileApi: { mode: { kind: 'huge-json', bytes: 100 * MiB } } })
    expectOneLineNamingRoute(await failure(), /larger than 32 MiB/)
    // What the server could push into socket buffers before the client hung up, not the body.
    expect(fake.hostileStats.bodyBytesSent).toBeLessThan(maxApiBodyBytes)
  })

  it('stops reading a chunked 100 MB answer at the cap', async () => {
    fake.faults({ hostileApi: { mode: { kind: 'huge-json', bytes: 100 * MiB, chunked: true } } })
    expectOneLineNamingRoute(await failure(), /larger than 32 MiB/)
    expect(fake.hostileStats.bodyBytesSent).toBeLessThan(maxApiBodyBytes + 16 * MiB)
  })

  it('stops reading an endless answer at the cap', async () => {
    // 512 MiB is "endless" for a 32 MiB cap; the bound only protects the machine if the cap fails.
    fake.faults({ hostileApi: { mode: { kind: 'endless-json', maxBytes: 512 * MiB } } })
    expectOneLineNamingRoute(await failure(), /larger than 32 MiB/)
    expect(fake.hostileStats.bodyBytesSent).toBeLessThan(maxApiBodyBytes + 16 * MiB)
  })

  it('counts the bytes a gzipped answer inflates to, not the few it takes on the wire', async () => {
    fake.faults({ hostileApi: { mode: { kind: 'huge-json', bytes: 200 * MiB, gzip: true } } })
    expectOneLineNamingRoute(await failure(), /larger than 32 MiB/)
  })

  it('still reads a large answer under the cap', async () => {
    fake.faults({ hostileApi: { mode: { kind: 'huge-json', bytes: 8 * MiB, chunked: true } } })
    const response = await client().getJson(route)
    expect((response.body as { data: unknown[] }).data.length).toBeGreaterThan(100_000)
  })
})

describe('deterministic failures are marked not retryable', () => {
  it('a 200 that is not JSON', async () => {
    fake.faults({ hostileApi: { mode: { kind: 'not-json' } } })
    expectOneLineNamingRoute(await failure(), /not JSON/)
  })

  it('JSON nested 5,000 deep fails with one line naming provider and route, not a stack overflow', async () => {
    fake.faults({ hostileApi: { mode: { kind: 'deep-json', depth: 5000 } } })
    const error = await failure()
    expectOneLineNamingRoute(error, /nested deeper than \d+ levels/)
    expect(error.message).not.toMatch(/call stack/i)
  })

  it('a 4xx is final, a 5xx, 408 or 429 may pass', async () => {
    for (const [status, retryable] of [
      [400, false],
      [422, false],
      [408, true],
      [500, true],
      [503, true],
    ] as const) {
      fake.faults({ hostileApi: { mode: { kind: 'key-echo', form: 'plain', status } } })
      const error = await failure()
      expect(error.status).toBe(status)
      expect(error.retryable, `HTTP ${status}`).toBe(retryable)
    }
  })
})

describe('a key echoed in disguise never reaches a message', () => {
  const key = (): string => fake.keys.onlyfansapi
  for (const form of keyEchoForms) {
    for (const status of [400, 401, 404, 429, 500]) {
      for (const html of [false, true]) {
        it(`${form} in a ${html ? 'HTML' : 'JSON'} ${status} body`, async () => {
          fake.faults({ hostileApi: { mode: { kind: 'key-echo', form, status, html } } })
          const error = (await client()
            .getJson(route)
            .then(
              () => null,
              (e: unknown) => e,
            )) as Error
          expect(error).toBeInstanceOf(Error)
          const text = `${error.message}\n${error.stack ?? ''}`
          expect(leakedForms(text, key())).toEqual([])
          // The rest of the provider's words survive.
          expect(error.message).toContain('is not valid')
          expect(text).not.toContain(echoOf(key(), form))
        })
      }
    }
  }
})

describe('chat ids "." and ".." stay one path segment', () => {
  const providers: readonly ProviderId[] = ['onlyfansapi', 'onlyfansapi-fansly', 'ofauth', 'fansmetric']
  for (const provider of providers) {
    it(`${provider} asks for the chat, not the endpoint above it`, async () => {
      const adapter = createAdapter(provider, { apiKey: fake.keys[provider], baseUrl: fake.url })
      const { account: id, connectionId } = providerAccounts[provider]
      const ctx = { account: id, ...(connectionId ? { connectionId } : {}) }
      const firstPath = async (chatId: string): Promise<string> => {
        const mark = fake.requestLog.length
        await adapter.listChatMedia(ctx, chatId).catch(() => undefined)
        // The log entry is written when the server closes the response, which may trail the answer.
        for (let i = 0; i < 100 && fake.requestLog.length === mark; i++) await sleep(10)
        return (fake.requestLog[mark]?.path ?? '').split('?')[0] ?? ''
      }
      const template = await firstPath('zz9')
      expect(template).toContain('/zz9/')
      expect(await firstPath('.')).toBe(template.replace('/zz9/', '/%2E/'))
      expect(await firstPath('..')).toBe(template.replace('/zz9/', '/%2E%2E/'))
    })
  }
})
