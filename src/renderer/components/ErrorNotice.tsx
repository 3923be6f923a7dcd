// A failed call, said plainly: what happened, what to do next, and the raw detail folded away.
import type { ReactElement } from 'react'
import { transport } from '../bridge'
import { explainError, explainMessage, type Explained } from '../lib/errors'

export interface ErrorNoticeProps {
  /** A failed call, or a message from the core (a sync's or an export's error). */
  readonly error: Error | string
  readonly onRetry?: () => void
  readonly testId?: string
}

export function ExplainedText({ explained }: { readonly explained: Explained }): ReactElement {
  return (
    <>
      <strong className="error-what">{explained.what}</strong>
      {explained.next && <span className="error-next"> {explained.next}</span>}
      {explained.detail && (
        <details className="error-detail">
          <summary>Details</summary>
          <code>{explained.detail}</code>
        </details>
      )}
    </>
  )
}

export function ErrorNotice({ error, onRetry, testId }: ErrorNoticeProps): ReactElement {
  const home = transport()
  const explained = typeof error === 'string' ? explainMessage(error, home) : explainError(error, home)
  return (
    <div className="error-notice" role="alert" data-testid={testId}>
      <ExplainedText explained={explained} />
      {onRetry && (
        <button type="button" className="link-button" onClick={onRetry}>
          Retry
        </button>
      )}
    </div>
  )
}
