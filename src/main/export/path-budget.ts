// How long an exported path may be. Explorer and most Windows programs still refuse a path longer
// than MAX_PATH (260 UTF-16 units with the terminating NUL) unless long paths are switched on, and
// exports are often copied to a Windows machine later: so every relative path an export writes
// stays within a portable budget, and on Windows also within what the export folder's own path
// leaves of MAX_PATH.
import { createHash } from 'node:crypto'
import { truncateUnits } from './safe-name'

/** MAX_PATH without its terminating NUL, in UTF-16 units (how Windows counts). */
export const windowsMaxPathUnits = 259
/** Any relative path, on any system: leaves 58 units for the folder it is copied into on Windows. */
export const portablePathUnits = 200
/** What a file name is promised however deep its folders; a default name is about 50 units. */
export const fileNameUnits = 80
/** Below this the export folder itself is too deep to hold readable names. */
export const minPathUnits = 120
/** A cut folder name keeps at least this much: a few characters, "~" and 6 hex digits. */
const minFolderUnits = 12
const hashUnits = 7

/** The longest relative path (UTF-16 units, "/" between names) an export into `root` may write. */
export function relativePathBudget(root: string, platform: NodeJS.Platform = process.platform): number {
  if (platform !== 'win32') return portablePathUnits
  // The root, one separator, then the relative path.
  return Math.min(portablePathUnits, windowsMaxPathUnits - root.length - 1)
}

/**
 * Folder names shortened so that, with a "/" after each, they leave `fileNameUnits` of `budget`
 * to the file name. The longest names give way first: each is cut to one common length, the
 * largest that fits (never below 12 units). A cut name ends in "~" and 6 hex digits of the full
 * name's hash, so two long names that begin alike stay two folders. Same input, same output.
 */
export function fitFolders(dirs: readonly string[], budget: number): readonly string[] {
  const room = budget - fileNameUnits - dirs.length
  const total = dirs.reduce((sum, dir) => sum + dir.length, 0)
  if (total <= room) return dirs
  const cap = Math.max(
    minFolderUnits,
    commonCap(
      dirs.map((dir) => dir.length),
      room,
    ),
  )
  return dirs.map((dir) => (dir.length <= cap ? dir : cutFolder(dir, cap)))
}

/** The largest c with sum(min(length, c)) <= room ("water-filling" the room from the shortest up). */
function commonCap(lengths: readonly number[], room: number): number {
  const sorted = [...lengths].sort((a, b) => a - b)
  let used = 0
  for (let i = 0; i < sorted.length; i++) {
    const cap = Math.floor((room - used) / (sorted.length - i))
    if (cap < sorted[i]!) return cap
    used += sorted[i]!
  }
  return sorted[sorted.length - 1] ?? 0
}

function cutFolder(dir: string, cap: number): string {
  const digest = createHash('sha256')
    .update(dir, 'utf8')
    .digest('hex')
    .slice(0, hashUnits - 1)
  return `${truncateUnits(dir, cap - hashUnits).trimEnd()}~${digest}`
}
