// One chat as a conversation: both sides, day by day, with prices, tips, marks and media inline.
// The chat is read a page at a time around where it was opened (useConversation), laid out by
// the app's one virtualizer with measured row heights (only the rows on screen exist), and the
// reader's place is kept while pages arrive (useScrollAnchor).
import {
  useCallback,
  useEffect,
  useMemo,
  useRef,
  useState,
  type KeyboardEvent,
  type ReactElement,
} from 'react'
import type { MediaRow } from '../../../shared/contract'
import { EmptyState } from '../../components/EmptyState'
import { ErrorNotice } from '../../components/ErrorNotice'
import { Name } from '../../components/Name'
import { formatCount, formatDate } from '../../lib/format'
import { mediaHref } from '../../lib/route'
import { useCall } from '../../lib/useCall'
import { useDataVersion } from '../../lib/dataVersion'
import { useVirtualRows } from '../../lib/useVirtualRows'
import { Viewer } from '../viewer/Viewer'
import { ChatTools } from './ChatTools'
import { chatLabel } from './chatLabel'
import { conversationRows, estimateRowHeight, type ConversationRow } from './conversationRows'
import { MessageItem } from './MessageItem'
import { useChatSearch } from './useChatSearch'
import { useConversation, type Conversation, type JumpTarget } from './useConversation'
import { useRowHeights } from './useRowHeights'
import { useScrollAnchor } from './useScrollAnchor'

export interface ChatTimelineProps {
  readonly chatId: number
  /** "Show in chat": the message to open the chat at. */
  readonly targetMessageId?: number | null
}

/** Rows rendered beyond each edge of the viewport, so a short scroll shows no gap. */
const overscan = 4
/** A page is asked for when the viewport comes within this many rows of the loaded stretch's end. */
const prefetchRows = 8

const estimate = (row: ConversationRow): number => estimateRowHeight(row, 900)

/** Loads the next page on the side the reader is nearing, from where the viewport really is. */
function usePaging(
  scrollRef: React.RefObject<HTMLDivElement | null>,
  conversation: Conversation,
  rows: readonly ConversationRow[],
  layout: ReturnType<typeof useRowHeights>['layout'],
  topRow: number,
): void {
  const { loading, error, hasOlder, hasNewer, loadOlder, loadNewer } = conversation
  useEffect(() => {
    const element = scrollRef.current
    if (!element || rows.length === 0 || loading || error) return
    const first = layout.indexAt(element.scrollTop)
    const last = layout.indexAt(element.scrollTop + element.clientHeight)
    if (hasOlder && first <= prefetchRows) loadOlder()
    else if (hasNewer && last >= rows.length - 1 - prefetchRows) loadNewer()
  }, [scrollRef, rows, layout, topRow, loading, error, hasOlder, hasNewer, loadOlder, loadNewer])
}

/** When a sync has changed the catalog, the messages it added after the newest held are read. */
function useCatchUp(catchUp: () => void): void {
  const version = useDataVersion()
  const seen = useRef(version)
  useEffect(() => {
    if (version === seen.current) return
    seen.current = version
    catchUp()
  }, [version, catchUp])
}

export function ChatTimeline({ chatId, targetMessageId = null }: ChatTimelineProps): ReactElement {
  const chats = useCall('chats:list', {})
  const chat = chats.state.value?.find((each) => each.id === chatId) ?? null
  const initial = useMemo<JumpTarget>(
    () => (targetMessageId !== null ? { kind: 'message', messageId: targetMessageId } : { kind: 'newest' }),
    [targetMessageId],
  )
  const conversation = useConversation(chatId, initial)
  const search = useChatSearch(chatId, conversation.show)
  const rows = useMemo(() => conversationRows(conversation.messages), [conversation.messages])
  const scrollRef = useRef<HTMLDivElement>(null)
  const { layout, measure } = useRowHeights(rows, estimate)
  const virtual = useVirtualRows(scrollRef, layout, overscan)
  useScrollAnchor(scrollRef, rows, layout, conversation.focus, !conversation.hasNewer, virtual.sync)
  usePaging(scrollRef, conversation, rows, layout, virtual.topRow)
  useCatchUp(conversation.catchUp)

  const media = useMemo(
    () => conversation.messages.flatMap((message) => message.media),
    [conversation.messages],
  )
  const [openIndex, setOpenIndex] = useState<number | null>(null)
  const openRow = (row: MediaRow): void => {
    const index = media.findIndex((each) => each.id === row.id && each.messageId === row.messageId)
    setOpenIndex(index < 0 ? media.findIndex((each) => each.id === row.id) : index)
  }
  const currentHit = search.index >= 0 ? (search.hits[search.index] ?? null) : null
  // The message a clicked reply quote answers: outlined like a search hit once shown.
  const [quoted, setQuoted] = useState<number | null>(null)
  const { show } = conversation
  const onQuote = useCallback(
    (messageId: number) => {
      setQuoted(messageId)
      show(messageId)
    },
    [show],
  )
  const pointedAt = quoted ?? targetMessageId
  const { jump } = conversation
  const onJump = useCallback((target: JumpTarget) => jump(target), [jump])

  // Home and End go to the chat's first and newest messages, not the ends of what is loaded.
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>): void => {
    if (event.target !== event.currentTarget) return
    if (event.key === 'Home' || event.key === 'End') {
      event.preventDefault()
      jump({ kind: event.key === 'Home' ? 'oldest' : 'newest' })
    }
  }

  return (
    <section className="chat-view" aria-label="Chat" data-testid="chat-view">
      <div className="view-header">
        <h1 className="view-title" data-testid="chat-title">
          {chat ? <Name className="truncate" text={chatLabel(chat)} /> : `Chat ${chatId}`}
        </h1>
        {chat && (
          <span className="muted view-meta">
            {chat.fanUsername && (
              <>
                <Name prefix="@" text={chat.fanUsername} className="view-meta-username" /> ·{' '}
              </>
            )}
            {formatCount(chat.downloaded)}/{formatCount(chat.media)} media archived · last message{' '}
            {formatDate(chat.lastMessageAt)}
          </span>
        )}
        <a
          className="button button-secondary"
          href={mediaHref(new URLSearchParams({ chat: String(chatId) }))}
          data-testid="chat-media-grid"
        >
          Media grid
        </a>
      </div>
      <ChatTools search={search} onJump={onJump} />
      {conversation.error && (
        <ErrorNotice error={conversation.error} onRetry={() => jump({ kind: 'newest' })} />
      )}
      {search.error && <ErrorNotice error={search.error} />}
      {conversation.missing !== null && (
        <p className="muted small chat-note" role="status" data-testid="target-missing">
          That message is not in this chat’s archive; showing the newest messages.
        </p>
      )}
      {!conversation.loading && rows.length === 0 && !conversation.error && (
        <EmptyState title="No messages archived for this chat">
          Press Sync to fetch this chat’s messages.
        </EmptyState>
      )}
      {/* Focusable so the conversation scrolls by keyboard (arrows, Page Up/Down, Home, End). */}
      <div
        className="timeline"
        id="timeline"
        role="region"
        aria-label="Messages"
        aria-busy={conversation.loading}
        tabIndex={0}
        data-testid="timeline"
        ref={scrollRef}
        onKeyDown={onKeyDown}
      >
        <div className="timeline-canvas" style={{ height: virtual.canvasHeight }}>
          {virtual.rows.map(({ index, top }) => {
            const row = rows[index]
            if (!row) return null
            return (
              <div
                key={row.key}
                className="timeline-row"
                data-row-key={row.key}
                ref={measure}
                style={{ transform: `translateY(${top}px)` }}
              >
                {row.kind === 'day' ? (
                  <h2 className="day-separator" data-testid="day-separator">
                    <span>{row.label}</span>
                  </h2>
                ) : (
                  <MessageItem
                    message={row.message}
                    onOpenMedia={openRow}
                    search={search.parsed}
                    onQuote={onQuote}
                    isTarget={
                      row.message.id === currentHit || (currentHit === null && row.message.id === pointedAt)
                    }
                  />
                )}
              </div>
            )
          })}
        </div>
      </div>
      {openIndex !== null && media[openIndex] && (
        <Viewer
          index={openIndex}
          total={media.length}
          rowAt={(index) => media[index]}
          ensureRange={noop}
          onIndex={setOpenIndex}
          onClose={() => setOpenIndex(null)}
        />
      )}
    </section>
  )
}

function noop(): void {}
