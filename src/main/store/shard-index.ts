// What the store knows of its shard folders without asking the disk each time: which exist, and
// per shard its file names grouped by digest, so finding a stored twin of new bytes is one map
// lookup however full the shard (a readdir per commit was one more thread-pool trip per file).
import { mkdir, readdir, stat } from 'node:fs/promises'
import path from 'node:path'
import { isErrno } from '../lib/errno'

/** Files the store wrote are `<sha256>.<ext>`; anything else in a shard is grouped under its own name. */
function addName(listing: Map<string, Set<string>>, name: string): void {
  const digest = name.split('.', 1)[0] ?? name
  const names = listing.get(digest)
  if (names) names.add(name)
  else listing.set(digest, new Set([name]))
}

export class ShardIndex {
  /** Shards known to exist, so a commit does not ask mkdir each time (a vanished one is re-made). */
  private readonly made = new Set<string>()
  private readonly listings = new Map<string, Map<string, Set<string>>>()

  /** Makes the shard folder unless this index made or saw it already (`again` forgets that). */
  async ensure(shardDir: string, again = false): Promise<void> {
    if (again) this.made.delete(shardDir)
    if (this.made.has(shardDir)) return
    await mkdir(shardDir, { recursive: true })
    this.made.add(shardDir)
  }

  /** Records a name this store renamed into the shard. */
  added(shardDir: string, name: string): void {
    const listing = this.listings.get(shardDir)
    if (listing) addName(listing, name)
  }

  /**
   * A stored file with this digest and the same size. Same digest and size is taken as the same
   * bytes; re-hashing would cost a full read of every duplicate, and `verify` catches bit rot.
   *
   * Each shard is listed once and the listing kept up to date with our own renames. A name the
   * listing offers is still stat'ed, so a file deleted behind our back is never taken as the twin;
   * a file added behind our back is at worst stored again under its own name.
   */
  async findTwin(shardDir: string, sha256: string, ext: string, size: number): Promise<string | null> {
    const twins = (await this.listing(shardDir)).get(sha256)
    if (!twins || twins.size === 0) return null
    const preferred = `${sha256}.${ext}`
    const names = twins.has(preferred)
      ? [preferred, ...[...twins].filter((n) => n !== preferred)]
      : [...twins]
    for (const name of names) {
      try {
        const info = await stat(path.join(shardDir, name))
        if (info.isFile() && info.size === size) return name
      } catch (error) {
        if (!isErrno(error, 'ENOENT')) throw error
        twins.delete(name)
      }
    }
    return null
  }

  private async listing(shardDir: string): Promise<Map<string, Set<string>>> {
    const known = this.listings.get(shardDir)
    if (known) return known
    let names: string[]
    try {
      names = await readdir(shardDir)
    } catch (error) {
      if (!isErrno(error, 'ENOENT')) throw error
      names = []
    }
    // Another commit may have listed the same shard while this readdir ran; keep the first set.
    let listing = this.listings.get(shardDir)
    if (!listing) {
      listing = new Map()
      for (const name of names) addName(listing, name)
      this.listings.set(shardDir, listing)
    }
    return listing
  }
}
