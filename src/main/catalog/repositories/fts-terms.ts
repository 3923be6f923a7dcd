// A typed word's exact completions, from the index's vocabulary (message_terms, migration 0007).
//
// Why: every typed word matches by prefix (`hey` finds "heyyy"), and FTS5 answers a prefix term
// by merging the lists of every word it covers into one before it returns a first row (100–150 ms
// for a common word at 1M messages, whatever the LIMIT), while an exact term streams in row id
// order and stops at a LIMIT (0.2 ms). So the gallery and the chat search ask for the prefix's
// most common completions as exact terms ORed together. A prefix with more completions than
// `maxPrefixTerms` drops the rarest, and says so (`capped`) so the screen can tell the user.
//
// Only plain ASCII letters and digits are expanded: for them, lower-casing here is exactly what
// the index's unicode61 tokenizer does, so the vocabulary's range lookup finds every completion.
// Anything else (accents, other scripts, `fan_user`) keeps FTS5's own prefix term: correct, slower.
import type { Db } from '../db'

/** A word's completions as exact index terms; `capped` when rarer ones were left out. */
export interface PrefixTerms {
  readonly terms: readonly string[]
  readonly capped: boolean
}

/** Turns a typed word into exact terms, or null to keep the FTS5 prefix term. */
export type PrefixExpander = (word: string) => PrefixTerms | null

/**
 * The most completions one typed word becomes. Each is one more term list FTS5 walks side by side;
 * 32 kept a one-letter prefix under the bench's 30 ms at 1M messages while covering every
 * completion of any prefix of 3+ letters in the bench's 2,000-word vocabulary (docs/benchmarks.md).
 */
export const maxPrefixTerms = 32

const expandable = /^[A-Za-z0-9]+$/

/** The first string after every string that starts with `prefix` (ASCII: its last byte plus one). */
function after(prefix: string): string {
  return prefix.slice(0, -1) + String.fromCharCode(prefix.charCodeAt(prefix.length - 1) + 1)
}

export class FtsTermsRepository {
  private readonly completionsStmt
  private readonly exactStmt

  constructor(db: Db) {
    this.completionsStmt = db.prepare<[string, string, number], { term: string }>(
      `SELECT term FROM message_terms WHERE term >= ? AND term < ? ORDER BY docs DESC, term LIMIT ?`,
    )
    this.exactStmt = db.prepare<[string], { term: string }>(`SELECT term FROM message_terms WHERE term = ?`)
  }

  /** The word itself (when the index holds it) and its most common completions. */
  readonly expand: PrefixExpander = (word) => {
    if (!expandable.test(word)) return null
    const prefix = word.toLowerCase()
    const found = this.completionsStmt.all(prefix, after(prefix), maxPrefixTerms + 1).map((r) => r.term)
    const capped = found.length > maxPrefixTerms
    const terms = found.slice(0, maxPrefixTerms)
    // The word as typed always counts, however rare: a search for `he` finds "he".
    if (capped && !terms.includes(prefix) && this.exactStmt.get(prefix) !== undefined) {
      terms[terms.length - 1] = prefix
    }
    return { terms, capped }
  }
}

const expanders = new WeakMap<Db, PrefixExpander>()

/** The connection's expander, its statements prepared once (the gallery and chat search share it). */
export function prefixExpanderFor(db: Db): PrefixExpander {
  let expand = expanders.get(db)
  if (expand === undefined) {
    expand = new FtsTermsRepository(db).expand
    expanders.set(db, expand)
  }
  return expand
}
