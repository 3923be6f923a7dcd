// The order files are copied in. Creating a file holds its folder's lock for the whole inode
// allocation (ext4, APFS alike), so parallel copies into one folder mostly wait for each other.
// Taking the folders in turn keeps the copies in flight in different folders. Names are planned
// before this, so the order changes nothing but speed.

/** Round-robin over the folders of `paths`, each folder's files in their planned order. */
export function interleaveByFolder<T>(items: readonly T[], pathOf: (item: T) => string): T[] {
  const byFolder = new Map<string, T[]>()
  for (const item of items) {
    const path = pathOf(item)
    const folder = path.slice(0, Math.max(0, path.lastIndexOf('/')))
    const list = byFolder.get(folder)
    if (list) list.push(item)
    else byFolder.set(folder, [item])
  }
  let active = [...byFolder.values()]
  const out: T[] = []
  // Every queue in `active` still has an item at `round`; spent queues drop out.
  for (let round = 0; active.length > 0; round++) {
    for (const queue of active) out.push(queue[round] as T)
    active = active.filter((queue) => queue.length > round + 1)
  }
  return out
}
