// Catalog totals at the top of every screen, straight from catalog:stats.
import type { ReactElement, ReactNode } from 'react'
import type { ChannelOutput } from '../../shared/contract'
import { formatBytes, formatCount, formatDateTime } from '../lib/format'
import type { CallState } from '../lib/useCall'

export interface StatsHeaderProps {
  readonly stats: CallState<ChannelOutput<'catalog:stats'>>
  /** Shown at the end of the bar (the sync indicator). */
  readonly children?: ReactNode
}

function Stat({
  label,
  value,
  testId,
}: {
  readonly label: string
  readonly value: string
  readonly testId: string
}): ReactElement {
  return (
    <div className="stat">
      <span className="stat-value" data-testid={testId}>
        {value}
      </span>
      <span className="stat-label">{label}</span>
    </div>
  )
}

export function StatsHeader({ stats, children }: StatsHeaderProps): ReactElement {
  const value = stats.value
  const show = (n: number | undefined): string => (n === undefined ? '…' : formatCount(n))
  const unavailable = value ? value.byStatus.locked + value.byStatus.drm : undefined
  return (
    <header className="stats-header" aria-label="Catalog totals" data-testid="stats">
      <Stat label="media" value={show(value?.media)} testId="stat-media" />
      <Stat label="archived" value={show(value?.byStatus.downloaded)} testId="stat-downloaded" />
      <Stat label="locked / DRM" value={show(unavailable)} testId="stat-locked" />
      <Stat label="chats" value={show(value?.chats)} testId="stat-chats" />
      <Stat label="messages" value={show(value?.messages)} testId="stat-messages" />
      <Stat label="on disk" value={value ? formatBytes(value.bytes) : '…'} testId="stat-bytes" />
      <span className="stats-sync muted">Last sync {value ? formatDateTime(value.lastSyncAt) : '…'}</span>
      {children}
    </header>
  )
}
