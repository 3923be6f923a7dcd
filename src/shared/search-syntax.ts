// What a search box's text means, shared by the catalog (which turns it into SQL) and the renderer
// (which explains it under the box and highlights hits). Plain TypeScript: no node:, no DOM.
//
// Syntax: words match by prefix (`sun` finds "sunset"); "quoted words" match as a phrase; `OR`
// (upper case) between two terms matches either; `-term` leaves out what matches the term.
// Emoji, symbols and punctuation are matched as exact text (the full-text index drops them).

/** A term the full-text index can answer: letters, digits and `_` runs only. */
export interface WordTerm {
  readonly kind: 'word'
  readonly text: string
}

/** Quoted words, in this order and next to each other. `exact` is set when the quotes also held
 * symbols or punctuation, which the index cannot see: the quoted text must then appear as typed. */
export interface PhraseTerm {
  readonly kind: 'phrase'
  readonly words: readonly string[]
  readonly exact: string | null
}

/** Emoji, symbols or punctuation, matched as exact text. */
export interface LiteralTerm {
  readonly kind: 'literal'
  readonly text: string
}

export type SearchTerm = WordTerm | PhraseTerm | LiteralTerm

/** Either of `terms` (more than one only when joined by OR); `negated` leaves out what matches. */
export interface SearchClause {
  readonly terms: readonly SearchTerm[]
  readonly negated: boolean
}

export interface ParsedSearch {
  readonly clauses: readonly SearchClause[]
}

/** Said under a search whose short word had more completions than the catalog searches. */
export const cappedNote =
  'Short words match only their most common completions here: type more letters to find the rest.'

/** More terms than this are ignored: each costs a full-text lookup, and no one types 20 words. */
export const maxSearchTerms = 16

// Runs of letters, marks, digits and `_` are what FTS5's unicode61 tokenizer keeps as words.
const wordRun = /[\p{L}\p{M}\p{N}_]+/gu
// A run without a letter or digit (`_`, `__`) is nothing to the index: it is matched as text.
const hasWord = /[\p{L}\p{N}]/u
// Symbols (emoji included) are worth matching even inside a word ("sunset🌅"); punctuation next to
// a word is only a separator ("hi!" is "hi").
const symbolRun = /(?:[\p{S}\p{Extended_Pictographic}\p{Emoji_Modifier}]|\u200d|\ufe0f)+/gu
const hasSymbol = /[\p{S}\p{Extended_Pictographic}]/u

function words(text: string): string[] {
  return (text.normalize('NFKC').match(wordRun) ?? []).filter((run) => hasWord.test(run))
}

/** One unquoted token, e.g. `sunset`, `😈`, `hi!`, `?!`, `beach🌅`. */
function bareTerms(token: string): SearchTerm[] {
  const text = token.normalize('NFC')
  if (!hasWord.test(text)) return [{ kind: 'literal', text }]
  const found: SearchTerm[] = words(text).map((word) => ({ kind: 'word', text: word }))
  for (const symbol of text.match(symbolRun) ?? []) found.push({ kind: 'literal', text: symbol })
  return found
}

function phraseTerm(inner: string): SearchTerm | null {
  const text = inner.trim().normalize('NFC')
  if (text === '') return null
  const phraseWords = words(text)
  if (phraseWords.length === 0) return { kind: 'literal', text }
  return { kind: 'phrase', words: phraseWords, exact: hasSymbol.test(text) ? text : null }
}

interface Token {
  readonly terms: readonly SearchTerm[]
  readonly negated: boolean
  readonly or: boolean
}

function tokenize(input: string): Token[] {
  const tokens: Token[] = []
  let i = 0
  while (i < input.length) {
    const rest = input.slice(i)
    const space = /^\s+/.exec(rest)
    if (space) {
      i += space[0].length
      continue
    }
    const negated = rest.length > 1 && rest[0] === '-' && !/\s/.test(rest[1] ?? '')
    const start = negated ? i + 1 : i
    if (input[start] === '"') {
      const close = input.indexOf('"', start + 1)
      const end = close === -1 ? input.length : close
      const term = phraseTerm(input.slice(start + 1, end))
      // A lone or empty `"` is searched for as the character itself.
      const terms = term ? [term] : [{ kind: 'literal', text: '"' } as const]
      tokens.push({ terms, negated, or: false })
      i = close === -1 ? input.length : close + 1
      continue
    }
    const bare = /^[^\s"]+/.exec(input.slice(start))?.[0] ?? ''
    i = start + bare.length
    if (!negated && bare === 'OR') tokens.push({ terms: [], negated: false, or: true })
    else tokens.push({ terms: bareTerms(bare), negated, or: false })
  }
  return tokens
}

export function parseSearch(input: string): ParsedSearch {
  const clauses: SearchClause[] = []
  let pendingOr = false
  let budget = maxSearchTerms
  for (const token of tokenize(input)) {
    if (token.or) {
      pendingOr = clauses.length > 0
      continue
    }
    const terms = token.terms.slice(0, budget)
    budget -= terms.length
    if (terms.length === 0) continue
    const previous = clauses[clauses.length - 1]
    // `a OR b`: b joins a's clause. A negated term never joins an OR (`a OR -b` is `a -b`).
    if (pendingOr && previous && !previous.negated && !token.negated && terms.length === 1) {
      clauses[clauses.length - 1] = { terms: [...previous.terms, ...terms], negated: false }
    } else if (token.negated) {
      // `-beach🌅` leaves out either part: each term is its own negated clause.
      for (const term of terms) clauses.push({ terms: [term], negated: true })
    } else {
      for (const term of terms) clauses.push({ terms: [term], negated: false })
    }
    pendingOr = false
  }
  return { clauses }
}

export function isEmptySearch(parsed: ParsedSearch): boolean {
  return parsed.clauses.length === 0
}

function termText(term: SearchTerm): string {
  if (term.kind === 'word') return `${term.text}…`
  if (term.kind === 'phrase') return `“${term.exact ?? term.words.join(' ')}”`
  return `“${term.text}” (exact text)`
}

/** How the search was understood, in words: "sunset… and (beach… or sea…), without “video…”". */
export function describeSearch(parsed: ParsedSearch): string {
  const clauseText = (clause: SearchClause): string => {
    const parts = clause.terms.map(termText)
    return parts.length > 1 ? `(${parts.join(' or ')})` : (parts[0] ?? '')
  }
  const wanted = parsed.clauses.filter((c) => !c.negated).map(clauseText)
  const unwanted = parsed.clauses.filter((c) => c.negated).map(clauseText)
  const head = wanted.length > 0 ? wanted.join(' and ') : 'everything'
  return unwanted.length > 0 ? `${head}, without ${unwanted.join(', ')}` : head
}

/** The search syntax in one tooltip. */
export const searchHelp =
  'Words match by their start (sun finds sunset). "two words" in quotes match as a phrase. ' +
  'OR between terms matches either: beach OR sea. A minus leaves out: -video. ' +
  'Emoji, symbols and punctuation match as exact text: 😈 or "?!".'

/** Case and accents do not count, as in the index (unicode61 remove_diacritics 2). */
function fold(word: string): string {
  return word.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase()
}

/**
 * Where `text` matches the search's wanted terms, as sorted, non-overlapping [start, end) ranges
 * of UTF-16 offsets: for highlighting a hit. Left-out terms are never highlighted.
 */
export function matchRanges(text: string, parsed: ParsedSearch): Array<readonly [number, number]> {
  const terms = parsed.clauses.filter((c) => !c.negated).flatMap((c) => c.terms)
  if (terms.length === 0 || text === '') return []
  const runs = [...text.matchAll(wordRun)].map((m) => ({
    start: m.index,
    end: m.index + m[0].length,
    folded: fold(m[0]),
  }))
  const ranges: Array<readonly [number, number]> = []
  const literal = (needle: string): void => {
    if (needle === '') return
    for (let at = text.indexOf(needle); at !== -1; at = text.indexOf(needle, at + needle.length))
      ranges.push([at, at + needle.length])
  }
  for (const term of terms) {
    if (term.kind === 'literal') literal(term.text)
    else if (term.kind === 'word') {
      const prefix = fold(term.text)
      for (const run of runs) if (run.folded.startsWith(prefix)) ranges.push([run.start, run.end])
    } else if (term.exact !== null) literal(term.exact)
    else {
      const wanted = term.words.map(fold)
      for (let i = 0; i + wanted.length <= runs.length; i += 1) {
        if (wanted.every((word, k) => runs[i + k]?.folded === word)) {
          const first = runs[i]
          const last = runs[i + wanted.length - 1]
          if (first && last) ranges.push([first.start, last.end])
        }
      }
    }
  }
  ranges.sort((a, b) => a[0] - b[0] || b[1] - a[1])
  const merged: Array<readonly [number, number]> = []
  for (const range of ranges) {
    const last = merged[merged.length - 1]
    if (last && range[0] <= last[1]) merged[merged.length - 1] = [last[0], Math.max(last[1], range[1])]
    else merged.push(range)
  }
  return merged
}
