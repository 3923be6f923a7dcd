// One chat as a conversation: who said what, when, for how much, with the media inline.
import { useEffect, useMemo, useRef, useState, type ReactElement } from 'react'
import { useStickToBottom } from './useStickToBottom'
import type { MediaRow } from '../../../shared/contract'
import { EmptyState } from '../../components/EmptyState'
import { ErrorNotice } from '../../components/ErrorNotice'
import { formatCount, formatDate } from '../../lib/format'
import { mediaHref } from '../../lib/route'
import { useCall } from '../../lib/useCall'
import { Viewer } from '../viewer/Viewer'
import { Name } from '../../components/Name'
import { chatLabel } from './chatLabel'
import { MessageItem } from './MessageItem'
import { useTimeline, type Timeline } from './useTimeline'

export interface ChatTimelineProps {
  readonly chatId: number
  /** "Show in chat": the message to open the chat at (loading older pages until it is there). */
  readonly targetMessageId?: number | null
}

/**
 * "Show in chat" pages back at most this far (100 messages a page) to find its message: the
 * timeline has no way yet to open in the middle of a chat (see the conversations issue).
 */
const maxPagesToTarget = 50

export function ChatTimeline({ chatId, targetMessageId = null }: ChatTimelineProps): ReactElement {
  const chats = useCall('chats:list', {})
  const chat = chats.state.value?.find((each) => each.id === chatId) ?? null
  const timeline = useTimeline(chatId)
  const media = useMemo(() => timeline.messages.flatMap((message) => message.media), [timeline.messages])
  const [openIndex, setOpenIndex] = useState<number | null>(null)
  const scrollRef = useStickToBottom(timeline.messages)
  const target = useTargetMessage(timeline, targetMessageId)

  const openRow = (row: MediaRow): void => {
    const index = media.findIndex((each) => each.id === row.id && each.messageId === row.messageId)
    setOpenIndex(index < 0 ? media.findIndex((each) => each.id === row.id) : index)
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
      {timeline.error && <ErrorNotice error={timeline.error} onRetry={timeline.loadOlder} />}
      {/* Focusable so the conversation scrolls by keyboard (arrows, Page Up/Down, Home, End). */}
      <div
        className="timeline"
        id="timeline"
        role="region"
        aria-label="Messages"
        tabIndex={0}
        data-testid="timeline"
        ref={scrollRef}
      >
        {timeline.hasMore && (
          <button
            type="button"
            className="button button-secondary load-older"
            onClick={timeline.loadOlder}
            disabled={timeline.loading}
          >
            {timeline.loading ? 'Loading…' : 'Load older messages'}
          </button>
        )}
        {!timeline.loading && timeline.messages.length === 0 && !timeline.error && (
          <EmptyState title="No messages archived for this chat">
            Press Sync to fetch this chat’s media messages.
          </EmptyState>
        )}
        {target === 'missing' && (
          <p className="muted small" role="status" data-testid="target-missing">
            That message is not in this chat’s archive.
          </p>
        )}
        {target === 'too-far' && (
          <p className="muted small" role="status" data-testid="target-too-far">
            That message is more than {formatCount(maxPagesToTarget * 100)} messages back: press “Load older
            messages” to go on looking.
          </p>
        )}
        {timeline.messages.map((message) => (
          <MessageItem
            key={message.id}
            message={message}
            onOpenMedia={openRow}
            isTarget={message.id === targetMessageId}
          />
        ))}
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

/** Loads older pages until the target message is there, then scrolls it to the middle. */
function useTargetMessage(
  timeline: Timeline,
  targetId: number | null,
): 'none' | 'found' | 'looking' | 'too-far' | 'missing' {
  const scrolled = useRef(false)
  const found = targetId !== null && timeline.messages.some((message) => message.id === targetId)
  const { hasMore, loading, loadOlder } = timeline
  // The newest page plus the older ones loaded for the target, 100 messages each.
  const tooFar = timeline.messages.length >= (maxPagesToTarget + 1) * 100
  useEffect(() => {
    if (targetId === null || found || loading || !hasMore || tooFar) return
    loadOlder()
  }, [targetId, found, loading, hasMore, tooFar, loadOlder])
  useEffect(() => {
    if (!found || scrolled.current) return
    document.getElementById(`message-${targetId}`)?.scrollIntoView({ block: 'center' })
    scrolled.current = true
  }, [found, targetId])
  if (targetId === null) return 'none'
  if (found) return 'found'
  if (!hasMore && !loading) return 'missing'
  return tooFar ? 'too-far' : 'looking'
}
