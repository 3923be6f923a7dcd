// One chat as a conversation: who said what, when, for how much, with the media inline.
import { useMemo, useState, type ReactElement } from 'react'
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
import { useTimeline } from './useTimeline'

export interface ChatTimelineProps {
  readonly chatId: number
}

export function ChatTimeline({ chatId }: ChatTimelineProps): ReactElement {
  const chats = useCall('chats:list', {})
  const chat = chats.state.value?.find((each) => each.id === chatId) ?? null
  const timeline = useTimeline(chatId)
  const media = useMemo(() => timeline.messages.flatMap((message) => message.media), [timeline.messages])
  const [openIndex, setOpenIndex] = useState<number | null>(null)
  const scrollRef = useStickToBottom(timeline.messages)

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
        {timeline.messages.map((message) => (
          <MessageItem key={message.id} message={message} onOpenMedia={openRow} />
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
