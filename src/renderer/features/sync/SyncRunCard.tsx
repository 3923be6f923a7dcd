// One sync run: overall and per-chat progress, throughput, ETA, API requests and credits spent.
import type { ReactElement } from 'react'
import type { SyncProgress } from '../../../shared/domain'
import { formatBytes, formatCount, formatEta, formatRate } from '../../lib/format'
import { providerLabels } from '../chats/chatLabel'
import { ProgressBar } from './ProgressBar'

export interface SyncRunCardProps {
  readonly run: SyncProgress
}

const phaseLabels: Readonly<Record<SyncProgress['phase'], string>> = {
  listing: 'Listing messages',
  downloading: 'Downloading',
  done: 'Finished',
  failed: 'Failed',
  cancelled: 'Cancelled',
}

export function SyncRunCard({ run }: SyncRunCardProps): ReactElement {
  const finished = run.downloaded + run.alreadyHad + run.failed
  const active = run.phase === 'listing' || run.phase === 'downloading'
  return (
    <article className={`sync-run phase-${run.phase}`} data-testid="sync-run">
      <header>
        <h3>
          {providerLabels[run.provider]} · {run.account}
        </h3>
        <span className={`status-pill phase-pill-${run.phase}`}>{phaseLabels[run.phase]}</span>
      </header>
      <ProgressBar value={finished} max={Math.max(run.mediaSeen, finished)} label="Overall progress" />
      <dl className="sync-stats">
        <dt>Media</dt>
        <dd>
          {formatCount(finished)} / {formatCount(run.mediaSeen)}
        </dd>
        <dt>New</dt>
        <dd>{formatCount(run.downloaded)}</dd>
        <dt>Already had</dt>
        <dd>{formatCount(run.alreadyHad)}</dd>
        <dt>Data</dt>
        <dd>
          {formatBytes(run.bytes)}
          {run.totalBytes > 0 && ` of ${formatBytes(run.totalBytes)}`}
        </dd>
        <dt>Rate</dt>
        <dd>{active ? formatRate(run.bytesPerSecond) : '—'}</dd>
        <dt>ETA</dt>
        <dd>{active ? formatEta(run.etaSeconds) : '—'}</dd>
        <dt>Requests</dt>
        <dd>{formatCount(run.requests)}</dd>
        <dt>Credits</dt>
        <dd>{formatCount(run.credits)}</dd>
        <dt>Failed</dt>
        <dd className={run.failed > 0 ? 'text-danger' : undefined}>{formatCount(run.failed)}</dd>
      </dl>
      {run.error && (
        <p className="error-notice" role="alert">
          {run.error}
        </p>
      )}
      {run.chats.length > 0 && (
        <ul className="sync-chats">
          {run.chats.map((chat) => (
            <li key={chat.chatId}>
              <span className="sync-chat-label">{chat.label}</span>
              <ProgressBar value={chat.done} max={chat.total} label={`Progress of ${chat.label}`} />
              <span className="sync-chat-count">
                {formatCount(chat.done)}/{formatCount(chat.total)}
                {chat.failed > 0 && <span className="text-danger"> · {chat.failed} failed</span>}
              </span>
            </li>
          ))}
        </ul>
      )}
    </article>
  )
}
