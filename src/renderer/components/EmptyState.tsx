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
      <p>{children}</p>
      {action && (
        <button type="button" className="button" onClick={action.onClick}>
          {action.label}
        </button>
      )}
    </div>
  )
}
