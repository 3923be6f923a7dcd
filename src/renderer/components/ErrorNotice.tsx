// A failed call, said plainly. A missing serve token gets its own instructions.
import type { ReactElement } from 'react'
import { BridgeError } from '../bridge'

export interface ErrorNoticeProps {
  readonly error: Error
  readonly onRetry?: () => void
}

export function ErrorNotice({ error, onRetry }: ErrorNoticeProps): ReactElement {
  const unauthorized = error instanceof BridgeError && error.code === 'unauthorized'
  return (
    <div className="error-notice" role="alert">
      <strong>{unauthorized ? 'Not signed in to this Chatkeep server.' : 'Something went wrong.'}</strong>{' '}
      <span>{error.message}</span>
      {onRetry && (
        <button type="button" className="link-button" onClick={onRetry}>
          Retry
        </button>
      )}
    </div>
  )
}
