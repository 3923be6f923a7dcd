// The one line a failed command leaves on stderr (exit 1). Loaded only after a command ran, so
// the catalog module it consults costs `--help` and usage errors nothing.
import { isCorruptionError } from '../catalog/db'

export function describeFailure(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error)
  if (isCorruptionError(error))
    return `the catalog is damaged (${message}). Run "chatkeep verify"; to rebuild, move catalog.sqlite aside and sync again.`
  return message
}
