// Turns a parsed search into SQL that selects gallery items through media_fts (migration 0009: one
// row per item holding the texts of every message carrying it, the fans' names, `m` and the
// chats as scope tokens). Words and phrases become FTS5 strings exactly as for messages
// (fts-query.ts), matched against the text and fan columns only.
//
// Semantics: an item matches when the messages carrying it, together, match. `paris beach` finds
// an item sent with "paris" and sent again with "beach"; `-babe` leaves out an item if any of its
// messages says babe. What the index cannot answer (emoji and symbols, the exact text of a quoted
// phrase with symbols) is text: an item matches `😈` when one of its messages (or one of its chats'
// fan names) holds it, and is left out by `-😈` in that case. That text is checked on the item's
// own media_fts row where it can be (below), else over the item's messages.
//
// Every row holds the scope token `m`, so a search always has an index term to walk (exclusions
// alone walk every item, newest first); with a chat, its `c<id>` token narrows inside the index.
import { keyMessageIdSql } from './fts-key'
import { allOf, anyOf, ftsTerm, userColumns, type Condition, type Words } from './fts-query'
import type { PrefixExpander } from './fts-terms'
import type { ParsedSearch, SearchClause, SearchTerm } from '../../../shared/search-syntax'

export interface MediaMatch {
  /** A condition over `m` (the media row) that holds for the items the search finds. */
  readonly condition: Condition
  /** A typed word had more completions than fts-terms.ts keeps: the rarest were not searched. */
  readonly capped: boolean
  /**
   * How to walk the hits newest first (gallery-stream.ts): every hit of `match` (an FTS5
   * expression over media_fts, whose row ids are the items' date keys) is a candidate, and a
   * candidate is a hit when `rowCheck` (on the index row) and `check` (SQL over `m`) hold.
   */
  readonly walk: {
    readonly match: string
    /** SQL over the media_fts row itself (its `text` and `fan` columns; null: none). */
    readonly rowCheck: Condition | null
    readonly check: Condition | null
  }
}

/** The items whose media_fts row matches the parameter (and passes `rowCheck`, SQL over the row). */
function itemsMatching(rowCheck: string | null = null): string {
  return `m.id IN (SELECT ${keyMessageIdSql('rowid')} FROM media_fts WHERE media_fts MATCH ?${
    rowCheck === null ? '' : ` AND ${rowCheck}`
  })`
}
const ftsItems = itemsMatching()

/** Some message carrying the item (msg) satisfies `sql`. */
function anyMessage(sql: string): string {
  return `EXISTS (SELECT 1 FROM message_media mm JOIN messages msg ON msg.id = mm.message_id
    WHERE mm.media_id = m.id AND ${sql})`
}

// The fan's names live on the chat (1 row per chat): checking them is cheap, unlike message text.
const literalSql = anyMessage(`(instr(msg.text, ?) > 0 OR msg.chat_id IN (SELECT id FROM chats
  WHERE instr(coalesce(fan_name, '') || ' ' || coalesce(fan_username, ''), ?) > 0))`)
const exactTextSql = anyMessage(`instr(msg.text, ?) > 0`)

// The same checks on the item's media_fts row, which holds its messages' texts joined by newlines
// and its chats' names joined by commas (media-fts-doc.ts): one read of the row the walk stands on,
// where the checks above look up every message of the item (an emoji alone at 1M items: 1.4 s
// against 0.27 s for the message walk before 0009, docs/benchmarks.md). Exact only for text
// without a newline or comma, which could match across two messages or two names: such text
// keeps the checks above.
const rowLiteralSql = `(instr(text, ?) > 0 OR instr(fan, ?) > 0)`
const rowExactTextSql = `instr(text, ?) > 0`
const rowSafe = (text: string): boolean => !/[\n,]/.test(text)

function termCondition(term: SearchTerm, words: Words): Condition {
  if (term.kind === 'literal') return { sql: literalSql, params: [term.text, term.text] }
  const fts = userColumns(ftsTerm(term, words) as string)
  if (term.kind === 'phrase' && term.exact !== null) {
    return { sql: `(${ftsItems} AND ${exactTextSql})`, params: [fts, term.exact] }
  }
  return { sql: ftsItems, params: [fts] }
}

const isRowLiteral = (term: SearchTerm): term is Extract<SearchTerm, { kind: 'literal' }> =>
  term.kind === 'literal' && rowSafe(term.text)
const isIndexTerm = (term: SearchTerm): boolean => term.kind !== 'literal'
const isExact = (term: SearchTerm): boolean => term.kind === 'phrase' && term.exact !== null

/** The items a parsed search finds (null: nothing to search for), optionally in one chat. */
export function mediaMatchFor(
  parsed: ParsedSearch,
  scope: { readonly chatId?: number } = {},
  expand?: PrefixExpander,
): MediaMatch | null {
  if (parsed.clauses.length === 0) return null
  const words: Words = { expand, capped: false }
  const wanted: string[] = []
  const unwanted: string[] = []
  const rest: Condition[] = []
  const onRow: Condition[] = []
  for (const clause of parsed.clauses) classify(clause, words, wanted, unwanted, rest, onRow)
  // `m` (every item) only when nothing else drives: ANDed with words it would add a list of every
  // item to the intersection (two words at 10M: 35 ms p50 with it).
  const positive = [
    ...(wanted.length > 0 ? [userColumns(wanted.join(' AND '))] : []),
    ...(scope.chatId !== undefined
      ? [`{scope} : "c${Math.trunc(scope.chatId)}"`]
      : wanted.length === 0
        ? [`{scope} : "m"`]
        : []),
  ]
  const exclusion = unwanted.length > 0 ? ` NOT ${userColumns(unwanted.join(' OR '))}` : ''
  const match = `(${positive.join(' AND ')})${exclusion}`
  const check = allOf(rest)
  const rowCheck = allOf(onRow)
  return {
    condition: {
      sql: [itemsMatching(rowCheck?.sql ?? null), ...(check === null ? [] : [check.sql])].join(' AND '),
      params: [match, ...(rowCheck?.params ?? []), ...(check?.params ?? [])],
    },
    capped: words.capped,
    walk: { match, rowCheck, check },
  }
}

/**
 * Sorts a clause into the index's part (wanted / unwanted FTS5 expressions) and what is checked
 * item by item (rest). A wanted clause of words and phrases drives the index even when a phrase
 * needs its exact text checked too, so `"omg!!"` walks the items holding omg, not every item.
 */
function classify(
  clause: SearchClause,
  words: Words,
  wanted: string[],
  unwanted: string[],
  rest: Condition[],
  onRow: Condition[],
): void {
  // Symbols alone (`😈`, `?! OR ❤`): checked on the index row when their text allows it.
  const literals = clause.terms.filter(isRowLiteral)
  if (literals.length === clause.terms.length) {
    const any = anyOf(literals.map((term) => ({ sql: rowLiteralSql, params: [term.text, term.text] })))
    onRow.push(clause.negated ? { sql: `NOT ${any.sql}`, params: any.params } : any)
    return
  }
  if (!clause.terms.every(isIndexTerm)) {
    const any = anyOf(clause.terms.map((term) => termCondition(term, words)))
    rest.push(clause.negated ? { sql: `NOT ${any.sql}`, params: any.params } : any)
    return
  }
  const exact = clause.terms.some(isExact)
  if (clause.negated && exact) {
    const any = anyOf(clause.terms.map((term) => termCondition(term, words)))
    rest.push({ sql: `NOT ${any.sql}`, params: any.params })
    return
  }
  const fts = clause.terms.map((term) => ftsTerm(term, words) as string)
  const expression = fts.length === 1 ? (fts[0] as string) : `(${fts.join(' OR ')})`
  if (clause.negated) {
    unwanted.push(expression)
    return
  }
  wanted.push(expression)
  if (!exact) return
  // The index holds the phrase's words; its exact text is checked on the items it finds.
  const [only] = clause.terms
  if (clause.terms.length === 1 && only?.kind === 'phrase' && only.exact !== null) {
    if (rowSafe(only.exact)) onRow.push({ sql: rowExactTextSql, params: [only.exact] })
    else rest.push({ sql: exactTextSql, params: [only.exact] })
  } else {
    rest.push(anyOf(clause.terms.map((term) => termCondition(term, words))))
  }
}
