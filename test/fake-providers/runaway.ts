// A provider that never stops paging (FaultFlags.runawayPaging): fresh cursors over the same page,
// or pages of messages it makes up as it goes. Each request would be a paid one.
import type { FakeChat, FakeMessage } from './dataset-types'

let counter = 0

/** A cursor value never handed out before (a message id far below any real one). */
export function runawayCursor(): string {
  counter += 1
  return String(1_000_000 + counter)
}

/** `count` messages nobody sent, with ids never seen before, newest first. */
export function inventedMessages(chat: FakeChat, count: number): FakeMessage[] {
  return Array.from({ length: count }, () => {
    counter += 1
    return {
      id: String(9_000_000_000_000 + counter),
      chatId: chat.id,
      text: `invented ${counter}`,
      fromCreator: false,
      senderId: chat.fan.id,
      createdAt: Date.UTC(2020, 0, 1) - counter * 60_000,
      price: null,
      mediaIds: [],
      tip: null,
      replyToId: null,
      isMass: false,
    }
  })
}
