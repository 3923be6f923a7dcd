// The chat reviewer's pages: one chat read around a point (its newest message, a date, a message)
// or next to a page already shown, and the messages of the chat a search finds. Every page is one
// keyset walk of the chat's (chat_id, created_at) index plus the media of its messages, so a page
// deep in a 100,000-message chat costs what the newest one does.
import type { ChatAnchor, ConversationMessage, Handlers } from '../../shared/contract'
import type { Catalog } from '../catalog/catalog'
import type { TimelinePage } from '../catalog/repositories/conversation'
import type { HandlerDeps } from './deps'
import { ApiError } from './errors'

type ConversationHandlers = Pick<Handlers, 'chat:page' | 'chat:search'>

function pageAt(catalog: Catalog, chatId: number, at: ChatAnchor, limit: number): TimelinePage {
  const pages = catalog.conversation
  switch (at.kind) {
    case 'newest':
      return pages.newest(chatId, limit)
    case 'oldest':
      // Every stored time sorts after '': the walk from there starts at the first message.
      return { ...pages.newer(chatId, { createdAt: '', id: 0 }, limit), hasOlder: false }
    case 'date':
      // Stored times are UTC ISO strings; compare like with like whatever offset the caller used.
      return pages.atDate(chatId, new Date(at.date).toISOString(), limit)
    case 'message': {
      const page = pages.around(chatId, at.messageId, limit)
      if (!page) throw new ApiError('not_found', `Message ${at.messageId} is not in this chat's archive.`)
      return page
    }
    case 'older':
      return pages.older(chatId, at.cursor, limit)
    case 'newer':
      return pages.newer(chatId, at.cursor, limit)
  }
}

export function createConversationHandlers(deps: HandlerDeps): ConversationHandlers {
  const { catalog } = deps
  const requireChat = (chatId: number): void => {
    if (!catalog.chats.getById(chatId)) throw new ApiError('not_found', `No chat with id ${chatId}.`)
  }
  return {
    'chat:page': async ({ chatId, at, limit }) => {
      requireChat(chatId)
      const page = pageAt(catalog, chatId, at, limit)
      const media = catalog.timelineMedia.forMessages(page.messages.map((m) => m.id))
      const quotes = catalog.replyQuotes.quotes(
        chatId,
        page.messages.flatMap((m) => (m.replyToId === null ? [] : [m.replyToId])),
      )
      const replyTo = (replyToId: string | null): ConversationMessage['replyTo'] => {
        if (replyToId === null) return null
        const quote = quotes.get(replyToId)
        return quote ? { archived: true, ...quote } : { archived: false }
      }
      const messages = page.messages.map((m): ConversationMessage => ({
        id: m.id,
        externalId: m.externalId,
        text: m.text,
        price: m.price,
        isFree: m.isFree,
        paid: m.paid,
        tip: m.tip,
        fromCreator: m.fromCreator,
        isMass: m.isMass,
        createdAt: m.createdAt,
        deletedUpstreamAt: m.deletedUpstreamAt,
        replyTo: replyTo(m.replyToId),
        media: [...(media.get(m.id) ?? [])],
      }))
      return { messages, hasOlder: page.hasOlder, hasNewer: page.hasNewer }
    },
    'chat:search': async ({ chatId, search, limit, before }) => {
      requireChat(chatId)
      if (before !== undefined && catalog.conversation.cursorOf(chatId, before) === undefined) {
        throw new ApiError('not_found', `Message ${before} is not in this chat's archive: search again.`)
      }
      const result = catalog.conversation.search(chatId, search, limit, before)
      return {
        hits: [...result.hits],
        total: result.total,
        ...(result.capped && { capped: true }),
        ...(result.totalIsLowerBound && { totalIsLowerBound: true }),
        ...(result.olderFrom !== undefined && { olderFrom: result.olderFrom }),
      }
    },
  }
}
