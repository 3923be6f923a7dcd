// What a screen says when it has nothing to show: what happened and what to do next.
import type { ReactElement, ReactNode } from 'react'

export interface EmptyStateProps {
  readonly title: string
  readonly children: ReactNode
  readonly action?: { readonly label: string; readonly onClick: () => void }
}

export function EmptyState({ title, children, action }: EmptyStateProps): ReactElement {
  return (
    <div className="empty-state" data-testid="empty-state">
      <h2>{title}</h2>
      <div className="empty-state-body">{children}</div>
      {action && (
        <button type="button" className="button" onClick={action.onClick}>
          {action.label}
        </button>
      )}
    </div>
  )
}

/** The way from an empty archive to a full one, said the same on every screen. */
export function FirstRunSteps(): ReactElement {
  return (
    <>
      <ol className="empty-steps">
        <li>
          Add an account in <strong>Settings</strong> (its API provider and account id).
        </li>
        <li>Add that account’s API key.</li>
        <li>
          Open <strong>Sync</strong> and press <strong>Sync now</strong>.
        </li>
      </ol>
      <p>
        Just trying it out? Run <code>npm run demo</code> for sample chats, no key needed.
      </p>
    </>
  )
}
