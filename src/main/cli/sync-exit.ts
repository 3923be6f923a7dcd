// The exit code of `chatkeep sync` (design §8), from how the run ended. The core reports flags
// (sync/types.ts `SyncOutcome`); only the command line turns them into numbers.
import type { SyncOutcome } from '../sync/types'

export type SyncExitCode = 0 | 1 | 3 | 4 | 130

export const syncExitCodes = {
  complete: 0,
  /** Something failed, is not ready, or a chat could not be read: every later sync retries them. */
  incomplete: 1,
  keyRefused: 3,
  /** Stopped at `--max-credits`: everything left resumes at the next sync. */
  creditCap: 4,
  /** SIGINT or SIGTERM: everything left resumes at the next sync. */
  cancelled: 130,
} as const

export function syncExitCode(outcome: SyncOutcome): SyncExitCode {
  if (outcome.cancelled) return syncExitCodes.cancelled
  if (outcome.keyRefused) return syncExitCodes.keyRefused
  if (outcome.creditCapReached) return syncExitCodes.creditCap
  return outcome.complete ? syncExitCodes.complete : syncExitCodes.incomplete
}
