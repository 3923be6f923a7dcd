// Sync runs as the core reports them: the current list from sync:status, then kept up to date by
// sync:progress events (newest first).
import { useEffect, useState } from 'react'
import type { SyncProgress } from '../../../shared/domain'
import { call, subscribe } from '../../bridge'

export interface SyncRuns {
  readonly runs: readonly SyncProgress[]
  readonly error: Error | null
}

function upsert(runs: readonly SyncProgress[], run: SyncProgress): SyncProgress[] {
  const others = runs.filter((each) => each.runId !== run.runId)
  return [run, ...others].sort((a, b) => b.runId - a.runId)
}

export function useSyncRuns(): SyncRuns {
  const [runs, setRuns] = useState<readonly SyncProgress[]>([])
  const [error, setError] = useState<Error | null>(null)

  useEffect(() => {
    let live = true
    // Subscribe first so no event between the status call and the subscription is lost.
    const unsubscribe = subscribe('sync:progress', (run) => setRuns((current) => upsert(current, run)))
    call('sync:status', {}).then(
      (status) => {
        if (live)
          setRuns((current) =>
            status.reduce<readonly SyncProgress[]>(
              (all, run) => (all.some((r) => r.runId === run.runId) ? all : upsert(all, run)),
              current,
            ),
          )
      },
      (failure: unknown) => {
        if (live) setError(failure as Error)
      },
    )
    return () => {
      live = false
      unsubscribe()
    }
  }, [])

  return { runs, error }
}
