// What a sync could not read (a chat, a message or a media item the provider sent malformed or
// never returned), said once each and capped, for the run summary.
/** Most problem lines a summary lists; the rest are counted ("and 12 more"). */
const maxProblemLines = 20

/** The sync's problem lines: each said once (a re-read page repeats them), the list capped. */
export class ProblemList {
  private readonly seen = new Set<string>()

  add(lines: readonly string[]): void {
    for (const line of lines) this.seen.add(line)
  }

  get count(): number {
    return this.seen.size
  }

  lines(): readonly string[] {
    const all = [...this.seen]
    if (all.length <= maxProblemLines) return all
    return [...all.slice(0, maxProblemLines), `and ${all.length - maxProblemLines} more`]
  }
}
