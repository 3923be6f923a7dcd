// Export jobs as the core reports them: export:status once, then export:progress events. Listening
// starts before an export does, so even one that finishes at once is seen.
import { useEffect, useState } from 'react'
import type { ExportJobProgress } from '../../../shared/contract'
import { call, subscribe } from '../../bridge'

export function useExportJobs(): {
  readonly jobs: ReadonlyMap<number, ExportJobProgress>
  /** Asks for every job's state again (after starting one, in case its events raced the answer). */
  refresh(): void
} {
  const [jobs, setJobs] = useState<ReadonlyMap<number, ExportJobProgress>>(new Map())
  const [generation, setGeneration] = useState(0)

  useEffect(
    () =>
      subscribe('export:progress', (job) => setJobs((current) => new Map(current).set(job.exportId, job))),
    [],
  )

  useEffect(() => {
    let live = true
    call('export:status', {}).then(
      (all) => {
        if (!live) return
        setJobs((current) => {
          const next = new Map(current)
          // An event newer than this answer wins: never step a job's counters backwards.
          for (const job of all) {
            const known = next.get(job.exportId)
            if (!known || isAhead(job, known)) next.set(job.exportId, job)
          }
          return next
        })
      },
      () => undefined,
    )
    return () => {
      live = false
    }
  }, [generation])

  return { jobs, refresh: () => setGeneration((n) => n + 1) }
}

const finished = new Set(['done', 'cancelled', 'failed'])

function isAhead(candidate: ExportJobProgress, known: ExportJobProgress): boolean {
  if (finished.has(known.phase)) return false
  if (finished.has(candidate.phase)) return true
  return candidate.filesDone >= known.filesDone
}
