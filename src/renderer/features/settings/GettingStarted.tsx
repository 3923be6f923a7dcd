// First-run guidance: the three steps from an empty archive to a gallery, each ticked off as done.
import type { ReactElement } from 'react'

export interface GettingStartedProps {
  readonly hasAccount: boolean
  /** Serve mode keeps a key for its session (or reads its environment) instead of the keychain. */
  readonly serveMode: boolean
}

export function GettingStarted({ hasAccount, serveMode }: GettingStartedProps): ReactElement {
  const steps: ReadonlyArray<readonly [string, boolean]> = [
    ['Add the account you archive, below: pick its API provider and paste its account id.', hasAccount],
    [
      serveMode
        ? 'Give it its API key: enter it under Accounts for this session, or start chatkeep serve with the provider’s key variable set. Test key checks it.'
        : 'Add that account’s API key (stored in your system keychain, never shown again), then Test key.',
      false,
    ],
    ['Open Sync and press Sync now. Media appears in the gallery as it downloads.', false],
  ]
  return (
    <div className="card getting-started" data-testid="getting-started">
      <h2>Get started</h2>
      <ol className="steps">
        {steps.map(([text, done], i) => (
          <li key={text} className={done ? 'is-done' : undefined}>
            <span className="step-number" aria-hidden="true">
              {done ? '✓' : i + 1}
            </span>
            <span>{text}</span>
          </li>
        ))}
      </ol>
      <p className="muted small">
        Just looking? Run <code>npm run demo</code> in the project folder: it fills a separate demo archive
        from built-in sample providers, no key needed.
      </p>
    </div>
  )
}
