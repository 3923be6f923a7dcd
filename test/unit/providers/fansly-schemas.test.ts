import { describe, expect, it } from 'vitest'
import { SchemaDrift } from '../../../src/main/providers/errors'
import { hasArrayKey, locatePayload, parseOrDrift } from '../../../src/main/providers/fansly-envelope'
import { toProviderChats } from '../../../src/main/providers/fansly-chats'
import {
  fanslyAccountMediaListSchema,
  fanslyAccountMediaSchema,
  fanslyChatsPageSchema,
  fanslyMediaSchema,
  fanslyMessageSchema,
  fanslyMessagesPageSchema,
} from '../../../src/main/providers/fansly-schemas'
import { cloneFixture, loadFanslyFixture } from './fansly-fixtures'

const isArray = (value: unknown): boolean => Array.isArray(value)

function parseMessagesPage(body: unknown): ReturnType<typeof fanslyMessagesPageSchema.parse> {
  return parseOrDrift(fanslyMessagesPageSchema, locatePayload(body, hasArrayKey('messages'), ['data']))
}

function driftOf(run: () => unknown): SchemaDrift {
  try {
    run()
  } catch (error) {
    if (error instanceof SchemaDrift) return error
    throw error
  }
  throw new Error('expected SchemaDrift')
}

describe('Fansly schemas on the recorded payloads', () => {
  it('parses the messages page, keeping unknown keys and the exact raw shape', () => {
    const body = loadFanslyFixture('fansly-messages-1.json')
    const page = parseMessagesPage(body)
    expect(page.messages).toHaveLength(1)
    expect(page.messages[0]?.correlationId).toBe('0')
    expect(page.accountMedia?.[0]?.media.variants?.[0]?.locations).toBeUndefined()
    // Parsed output equals the input: `.loose()` keeps everything, nothing is defaulted.
    expect(page).toEqual((body as { response: unknown }).response)
  })

  it('finds the same page under OnlyFansAPI’s `data` envelope', () => {
    const raw = loadFanslyFixture('fansly-messages-1.json') as { response: unknown }
    const page = parseMessagesPage({ data: raw.response, _meta: { _credits: { used: 1 } } })
    expect(page.messages[0]?.id).toBe('720752212945612800')
  })

  it('parses every accountMedia of the timeline (nested JSON strings, HLS metadata, locked items)', () => {
    const body = loadFanslyFixture('fansly-timeline-1.json') as { response: { accountMedia: unknown } }
    const list = parseOrDrift(fanslyAccountMediaListSchema, { value: body.response.accountMedia, path: [] })
    expect(list).toHaveLength(4)
    const hls = list[3]?.media.variants?.find((v) => v.type === 102)
    expect(hls?.locations?.[0]?.metadata).toHaveProperty('Policy')
  })

  it('parses the account lookup’s avatar and banner media (metadata null)', () => {
    const body = loadFanslyFixture('fansly-account-1.json') as { response: Array<Record<string, unknown>> }
    const account = body.response[0] ?? {}
    const avatar = fanslyMediaSchema.parse(account['avatar'])
    expect(avatar.variants?.[0]?.metadata).toBeNull()
    expect(fanslyMediaSchema.safeParse(account['banner']).success).toBe(true)
  })

  it('parses the chats list through a triple envelope with snake_case account_id', () => {
    const body = loadFanslyFixture('fansly-chats-1.json')
    const located = locatePayload(body, hasArrayKey('data'), ['data'])
    expect(located.path).toEqual(['data', 'data', 'response'])
    const page = parseOrDrift(fanslyChatsPageSchema, located)
    expect(page.data[0]?.groupId).toBe('chat-sanitized-1')
    expect(page.data[0]?.['account_id']).toBe('connected-account-sanitized')
    expect(toProviderChats(page)[0]?.lastMessageId).toBe('message-sanitized-2')
  })

  it('parses the webhook message (float createdAt, inReplyTo "", readAt 0)', () => {
    const body = loadFanslyFixture('fansly-webhook-message-1.json') as { data: unknown }
    const message = fanslyMessageSchema.parse(body.data)
    expect(message.createdAt).toBe(1783533902.804)
    expect(message['inReplyTo']).toBe('')
  })

  it('parses both seed get-account-media bodies (variantHash {} and [])', () => {
    for (const name of ['seed-account-media.json', 'seed-account-media-2.json']) {
      const body = loadFanslyFixture(name)
      const located = locatePayload(body, isArray, ['response'])
      expect(located.path).toEqual(['response'])
      const list = parseOrDrift(fanslyAccountMediaListSchema, located)
      expect(list[0]?.media.status).toBe(1)
    }
  })
})

describe('Fansly schema drift', () => {
  const base = (): { data: Record<string, unknown> } => {
    const raw = loadFanslyFixture('fansly-messages-1.json') as { response: Record<string, unknown> }
    return { data: cloneFixture(raw.response) }
  }

  it('names the provider and the path of a missing required field', () => {
    const body = base()
    const messages = body.data['messages'] as Array<Record<string, unknown>>
    delete messages[0]?.['id']
    const drift = driftOf(() => parseMessagesPage(body))
    expect(drift.provider).toBe('onlyfansapi-fansly')
    expect(drift.path).toBe('data.messages[0].id')
    expect(drift.message).toContain('onlyfansapi-fansly')
    expect(drift.message).toContain('field missing')
  })

  it('reports a wrong type (a numeric snowflake loses digits, so it is drift)', () => {
    const body = base()
    const media = body.data['accountMedia'] as Array<Record<string, unknown>>
    if (media[0]) media[0]['id'] = 720419390651346944
    const drift = driftOf(() => parseMessagesPage(body))
    expect(drift.path).toBe('data.accountMedia[0].id')
    expect(drift.message).toContain('got number')
  })

  it('reports a null object where one is required', () => {
    const body = base()
    const media = body.data['accountMedia'] as Array<Record<string, unknown>>
    if (media[0]) media[0]['media'] = null
    expect(driftOf(() => parseMessagesPage(body)).path).toBe('data.accountMedia[0].media')
    expect(driftOf(() => parseMessagesPage({ data: null })).path).toBe('data')
  })

  it('reports a missing list where the page should be', () => {
    const drift = driftOf(() => parseMessagesPage({ data: { accountMedia: [] }, _meta: {} }))
    expect(drift.path).toBe('data.messages')
  })

  it('keeps extra fields instead of rejecting them', () => {
    const body = base()
    const messages = body.data['messages'] as Array<Record<string, unknown>>
    if (messages[0]) messages[0]['brandNewField'] = { nested: [1, 2] }
    const item = (body.data['accountMedia'] as Array<Record<string, unknown>>)[0]
    if (item) item['futureFlag'] = true
    const page = parseMessagesPage(body)
    expect(page.messages[0]?.['brandNewField']).toEqual({ nested: [1, 2] })
    expect(fanslyAccountMediaSchema.parse(item)['futureFlag']).toBe(true)
  })
})
