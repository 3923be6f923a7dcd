// Lets the disk settle between two timed steps. aria2c does not fsync, so right after it ends the
// kernel still holds its ~740 MB as dirty pages; written back during the next timed sync, they
// competed with that sync's own fsyncs (the same sync measured 2.9 s after a clean start and
// 6.1 s after aria2c). Flushing before each step makes every step start from a clean cache; the
// flush itself is timed for neither side.
import { execFile } from 'node:child_process'
import { promisify } from 'node:util'

const run = promisify(execFile)

/** `sync(1)` where there is one; elsewhere (Windows) nothing. */
export async function flushDirtyPages(): Promise<void> {
  if (process.platform === 'win32') return
  try {
    await run('sync')
  } catch {
    // No sync binary: the steps are then paired without settling.
  }
}
