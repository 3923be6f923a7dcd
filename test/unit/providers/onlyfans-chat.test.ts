import { describe, expect, it } from 'vitest'
import { normalizeOnlyFansChat } from '../../../src/main/providers/onlyfans-message'

const chat = (lastMessage: unknown) =>
  normalizeOnlyFansChat('onlyfansapi', { withUser: { id: 7, username: 'fan' }, lastMessage }, 'data.list[0]')

describe('OnlyFans chat list: the newest message', () => {
  it('takes its id as text, from a number (OnlyFans) or a string (some wrappers)', () => {
    expect(chat({ id: 8123, createdAt: '2024-05-01T10:00:00+00:00' })).toMatchObject({
      lastMessageId: '8123',
      lastMessageAt: '2024-05-01T10:00:00+00:00',
    })
    expect(chat({ id: '8124' }).lastMessageId).toBe('8124')
  })

  it('an id it cannot use is unknown (the chat is then paged), and the rest of the chat still parses', () => {
    for (const id of ['', null, { nested: 1 }, [1], true]) {
      const parsed = chat({ id, createdAt: '2024-05-01T10:00:00+00:00' })
      expect(parsed.lastMessageId, JSON.stringify(id)).toBeNull()
      expect(parsed.lastMessageAt).toBe('2024-05-01T10:00:00+00:00')
      expect(parsed.fanUsername).toBe('fan')
    }
    expect(chat(undefined).lastMessageId).toBeNull()
    expect(chat('not an object').lastMessageId).toBeNull()
  })
})
