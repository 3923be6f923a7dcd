// What the fake's conversations carry besides text and media, decided by position so that adding
// it changed no generated media (the seeded random source is not drawn from).
import type { FakeMessage } from './dataset-types'

/**
 * What a real conversation has besides text and media, by position (never drawn from the seeded
 * random source, so adding them changed no generated media): every sixth message a fan's tip,
 * every fourth a reply to the message before it, every fifth of the creator's a mass message.
 */
export function conversationExtras(
  index: number,
  fromCreator: boolean,
  previous: FakeMessage | undefined,
): Pick<FakeMessage, 'tip' | 'replyToId' | 'isMass'> {
  return {
    tip: !fromCreator && index % 6 === 5 ? 5 + (index % 4) * 2.5 : null,
    replyToId: index % 4 === 3 && previous ? previous.id : null,
    isMass: fromCreator && index % 5 === 4,
  }
}
