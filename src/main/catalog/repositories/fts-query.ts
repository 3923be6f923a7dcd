// Turns what a user types (src/shared/search-syntax.ts) into SQL that selects message ids. Words
// and phrases go to the full-text index as quoted FTS5 strings, so FTS5 syntax in the input (NEAR,
// column filters, `*`) is matched as text, never parsed, and only ever against the text and fan
// columns. Emoji, symbols and punctuation are not in the index (unicode61 treats them as
// separators), so they are matched with instr() on the message text and on the fan's names instead.
//
// A scope (one chat, media messages only) is matched inside the index too, through the tokens of
// its `scope` column (migration 0005): a common word in one chat is then an intersection of two term
// lists, not hundreds of thousands of hits each checked against the messages table. A search the
// index answers alone is the message ids its row keys hold (fts-key.ts), with no lookup of each
// hit in the messages table.
//
// Cost: a search with at least one word or phrase (or a scope) is answered by the index and checks
// the rest on its hits only. A search of symbols alone with no scope (`😈`) reads every message's
// text: measured 76 ms at 500,000 messages (the 1M-media bench catalog), so about 1.5 s at 10
// million. Indexing symbols would need the table rebuilt with another tokenizer; see the catalog
// README.
//
// The gallery searches media items, not messages: media-fts-query.ts builds its match over
// media_fts (migration 0009) from the same term helpers, exported here for it.
import { keyMessageIdSql } from './fts-key'
import type { PrefixExpander } from './fts-terms'
import {
  parseSearch,
  type ParsedSearch,
  type SearchClause,
  type SearchTerm,
} from '../../../shared/search-syntax'

/** Where to search: one chat (its row id), and/or only messages that carry media (the gallery). */
export interface SearchScope {
  readonly chatId?: number
  readonly mediaOnly?: boolean
}

export interface MessageMatch {
  /** One column of the ids of the messages the search finds (`x IN (sql)`). */
  readonly sql: string
  readonly params: readonly string[]
  /** A typed word had more completions than fts-terms.ts keeps: the rarest were not searched. */
  readonly capped: boolean
  /**
   * How to walk the hits in date order (gallery-stream.ts, the chat search): every hit of `match`
   * (an FTS5 expression, row ids are date keys: fts-key.ts) is a candidate, and a candidate is a
   * hit when `check` (SQL over `msg`, the messages row; null: none) holds. Null when no index
   * term drives the search (only exclusions or symbols): then only `sql` answers it.
   */
  readonly walk: { readonly match: string; readonly check: Condition | null } | null
}

export function quoted(text: string): string {
  return `"${text.replaceAll('"', '""')}"`
}

/** How words become index terms: as FTS5 prefix terms, or expanded (fts-terms.ts). */
export interface Words {
  readonly expand: PrefixExpander | undefined
  capped: boolean
}

/** A term the index can answer alone, as an FTS5 expression; null for literal text. */
export function ftsTerm(term: SearchTerm, words: Words): string | null {
  if (term.kind === 'phrase') return quoted(term.words.join(' '))
  if (term.kind !== 'word') return null
  const expanded = words.expand?.(term.text) ?? null
  if (expanded === null) return `${quoted(term.text)}*`
  if (expanded.capped) words.capped = true
  // No completion in the vocabulary: the exact word, which then matches nothing, as the prefix would.
  if (expanded.terms.length === 0) return quoted(term.text)
  const terms = expanded.terms.map(quoted)
  return terms.length === 1 ? (terms[0] as string) : `(${terms.join(' OR ')})`
}

/** User terms may only ever match the text and fan columns, never the scope tokens. */
export function userColumns(expression: string): string {
  return `{text fan} : (${expression})`
}

// Row ids are date keys (fts-key.ts): the message id is their low 32 bits.
const ftsOnly = `SELECT ${keyMessageIdSql('rowid')} FROM message_fts WHERE message_fts MATCH ?`
const ftsIds = `msg.id IN (${ftsOnly})`
// The fan's names live on the chat (1 row per chat): checking them is cheap, unlike message text.
const literalSql = `(instr(msg.text, ?) > 0 OR msg.chat_id IN (SELECT id FROM chats
  WHERE instr(coalesce(fan_name, '') || ' ' || coalesce(fan_username, ''), ?) > 0))`

export interface Condition {
  readonly sql: string
  readonly params: readonly string[]
}

function termCondition(term: SearchTerm, words: Words): Condition {
  if (term.kind === 'literal') return { sql: literalSql, params: [term.text, term.text] }
  const fts = userColumns(ftsTerm(term, words) as string)
  if (term.kind === 'phrase' && term.exact !== null) {
    return { sql: `(${ftsIds} AND instr(msg.text, ?) > 0)`, params: [fts, term.exact] }
  }
  return { sql: ftsIds, params: [fts] }
}

/** Any of the conditions (one stays as it is). */
export function anyOf(parts: readonly Condition[]): Condition {
  if (parts.length === 1) return parts[0] as Condition
  return { sql: `(${parts.map((p) => p.sql).join(' OR ')})`, params: parts.flatMap((p) => p.params) }
}

/** All of the conditions; null for none. */
export function allOf(parts: readonly Condition[]): Condition | null {
  if (parts.length === 0) return null
  return { sql: parts.map((p) => p.sql).join(' AND '), params: parts.flatMap((p) => p.params) }
}

function clauseCondition(clause: SearchClause, words: Words): Condition {
  const any = anyOf(clause.terms.map((term) => termCondition(term, words)))
  return clause.negated ? { sql: `NOT ${any.sql}`, params: any.params } : any
}

/** A clause of index-only terms (no literal text, no exact phrase), as one FTS5 expression. */
function ftsClause(clause: SearchClause, words: Words): string | null {
  // Literal text or an exact phrase in the clause: it is checked row by row (clauseCondition).
  if (clause.terms.some((term) => term.kind === 'literal' || (term.kind === 'phrase' && term.exact !== null)))
    return null
  const parts: string[] = []
  for (const term of clause.terms) {
    const fts = ftsTerm(term, words)
    if (fts === null) return null
    parts.push(fts)
  }
  return parts.length === 1 ? (parts[0] as string) : `(${parts.join(' OR ')})`
}

function scopeTerms(scope: SearchScope): string[] {
  const terms: string[] = []
  if (scope.chatId !== undefined) terms.push(`{scope} : "c${Math.trunc(scope.chatId)}"`)
  if (scope.mediaOnly) terms.push(`{scope} : "m"`)
  return terms
}

/**
 * The message ids a parsed search finds. With `expand`, typed words become their exact completions
 * (fts-terms.ts: fast, the rarest left out past a cap); without it, FTS5 prefix terms (exact, and
 * a common word costs its whole merged list: the `messages` and `list` commands keep that).
 */
export function messageMatchFor(
  parsed: ParsedSearch,
  scope: SearchScope = {},
  expand?: PrefixExpander,
): MessageMatch | null {
  if (parsed.clauses.length === 0) return null
  const words: Words = { expand, capped: false }
  // Every wanted index-only clause, the scope, and every unwanted clause fold into one MATCH that
  // drives the query; the rest is checked row by row on its hits.
  const wanted: string[] = []
  const unwanted: string[] = []
  const rest: Condition[] = []
  for (const clause of parsed.clauses) {
    const fts = ftsClause(clause, words)
    if (fts === null) rest.push(clauseCondition(clause, words))
    else if (clause.negated) unwanted.push(fts)
    else wanted.push(fts)
  }
  const positive = [...(wanted.length > 0 ? [userColumns(wanted.join(' AND '))] : []), ...scopeTerms(scope)]
  const conditions: Condition[] = []
  if (positive.length > 0) {
    const exclusion = unwanted.length > 0 ? ` NOT ${userColumns(unwanted.join(' OR '))}` : ''
    conditions.push({ sql: ftsIds, params: [`(${positive.join(' AND ')})${exclusion}`] })
  } else {
    // FTS5 cannot answer "everything but": without a wanted index term, each exclusion is a check.
    for (const each of unwanted) conditions.push({ sql: `NOT ${ftsIds}`, params: [userColumns(each)] })
  }
  conditions.push(...rest)
  const driver = positive.length > 0 ? (conditions[0]?.params[0] ?? null) : null
  const walk =
    driver === null
      ? null
      : {
          match: driver,
          check: allOf(rest),
        }
  // The index alone answers it: its row ids hold the message ids, so no lookup of each hit in the
  // messages table (a third of a common word's gallery search at 1M messages).
  if (conditions.length === 1 && positive.length > 0) {
    return { sql: ftsOnly, params: conditions[0]?.params ?? [], capped: words.capped, walk }
  }
  return {
    sql: `SELECT msg.id FROM messages msg WHERE ${conditions.map((c) => c.sql).join(' AND ')}`,
    params: conditions.flatMap((c) => c.params),
    capped: words.capped,
    walk,
  }
}

/** The message ids a typed search finds, or null when it holds nothing to search for. */
export function messageMatch(
  input: string,
  scope: SearchScope = {},
  expand?: PrefixExpander,
): MessageMatch | null {
  return messageMatchFor(parseSearch(input), scope, expand)
}
