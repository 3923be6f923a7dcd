import { describe, expect, it } from 'vitest'
import { SchemaDrift } from '../../../src/main/providers/errors'
import { hasArrayKey, locatePayload, parseOrDrift } from '../../../src/main/providers/fansly-envelope'
import { readChatsPage, toProviderChats } from '../../../src/main/providers/fansly-chats'
import { type PreparedPage, preparePage, readAccountMediaList } from '../../../src/main/providers/fansly-page'
import {
  fanslyAccountMediaListSchema,
  fanslyAccountMediaSchema,
  fanslyMediaSchema,
  fanslyMessageSchema,
} from '../../../src/main/providers/fansly-schemas'
import { cloneFixture, loadFanslyFixture } from './fansly-fixtures'

const isArray = (value: unknown): boolean => Array.isArray(value)

function parseMessagesPage(body: unknown): PreparedPage {
  const located = locatePayload(body, hasArrayKey('messages'), ['data'])
  return preparePage(located.value, located.path)
}

/** Every reason a page gave for what it could not read: skipped messages, then unreadable entries. */
function problemsOf(body: unknown): string[] {
  const page = parseMessagesPage(body)
  return [...page.problems, ...page.unreadable.values()]
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
    const [media] = page.included.values()
    expect(media?.media.variants?.[0]?.locations).toBeUndefined()
    // Parsed output equals the input: `.loose()` keeps everything, nothing is defaulted.
    const response = (body as { response: { messages: unknown[]; accountMedia: unknown[] } }).response
    expect(page.messages).toEqual(response.messages)
    expect([...page.included.values()]).toEqual(response.accountMedia)
    expect(page.problems).toEqual([])
  })

  it('finds the same page under OnlyFansAPI’s `data` envelope', () => {
    const raw = loadFanslyFixture('fansly-messages-1.json') as { response: unknown }
    const page = parseMessagesPage({ data: raw.response, _meta: { _credits: { used: 1 } } })
    expect(page.messages[0]?.id).toBe('720752212945612800')
  })

  it('parses every accountMedia of the timeline (nested JSON strings, HLS metadata, locked items)', () => {
    const body = loadFanslyFixture('fansly-timeline-1.json') as { response: { accountMedia: unknown } }
    const list = readAccountMediaList(
      parseOrDrift(fanslyAccountMediaListSchema, { value: body.response.accountMedia, path: [] }),
      [],
    ).items
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
    const { page } = readChatsPage(located)
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
      const list = readAccountMediaList(parseOrDrift(fanslyAccountMediaListSchema, located), located.path)
      expect(list.items[0]?.media.status).toBe(1)
    }
  })
})

describe('Fansly schema drift', () => {
  const base = (): { data: Record<string, unknown> } => {
    const raw = loadFanslyFixture('fansly-messages-1.json') as { response: Record<string, unknown> }
    return { data: cloneFixture(raw.response) }
  }

  it('names the provider and the path of a missing required field, and reads the rest', () => {
    const body = base()
    const messages = body.data['messages'] as Array<Record<string, unknown>>
    messages.push({ ...messages[0], id: '720752212945612799' })
    delete messages[0]?.['id']
    const page = parseMessagesPage(body)
    expect(page.messages.map((m) => m.id)).toEqual(['720752212945612799'])
    const [problem] = page.problems
    expect(problem).toContain('onlyfansapi-fansly')
    expect(problem).toContain('data.messages[0].id')
    expect(problem).toContain('field missing')
  })

  it('reports a wrong type (a numeric snowflake loses digits, so it is drift)', () => {
    const body = base()
    const media = body.data['accountMedia'] as Array<Record<string, unknown>>
    if (media[0]) media[0]['id'] = 720419390651346944
    const [problem] = problemsOf(body)
    expect(problem).toContain('data.accountMedia[0].id')
    expect(problem).toContain('got number')
  })

  it('reports a null object where one is required, by the id its attachments use', () => {
    const body = base()
    const media = body.data['accountMedia'] as Array<Record<string, unknown>>
    if (media[0]) media[0]['media'] = null
    expect(parseMessagesPage(body).unreadable.get('720419390651346944')).toContain(
      'data.accountMedia[0].media',
    )
    expect(driftOf(() => parseMessagesPage({ data: null })).path).toBe('data')
  })

  it('reports a missing list where the page should be', () => {
    const drift = driftOf(() => parseMessagesPage({ data: { accountMedia: [] }, _meta: {} }))
    expect(drift.path).toBe('data.messages')
  })

  it('skips a message whose time cannot be read, naming it', () => {
    const body = base()
    const messages = body.data['messages'] as Array<Record<string, unknown>>
    if (messages[0]) messages[0]['createdAt'] = 0
    expect(problemsOf(body)).toEqual([
      'onlyfansapi-fansly: unexpected response at data.messages[0].createdAt: unreadable message time',
    ])
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
