import { describe, expect, it } from 'vitest'
import { describeSearch, matchRanges, parseSearch } from '../../../src/shared/search-syntax'

const terms = (input: string): unknown =>
  parseSearch(input).clauses.map((c) => ({ negated: c.negated, terms: c.terms }))

describe('search syntax', () => {
  it('words are prefix terms, punctuation next to a word is a separator', () => {
    expect(terms('Sunset, beach!')).toEqual([
      { negated: false, terms: [{ kind: 'word', text: 'Sunset' }] },
      { negated: false, terms: [{ kind: 'word', text: 'beach' }] },
    ])
    expect(parseSearch('   ').clauses).toEqual([])
  })

  it('emoji, symbols and lone punctuation are exact text, never dropped', () => {
    expect(terms('😈')).toEqual([{ negated: false, terms: [{ kind: 'literal', text: '😈' }] }])
    expect(terms('?!')).toEqual([{ negated: false, terms: [{ kind: 'literal', text: '?!' }] }])
    expect(terms('"')).toEqual([{ negated: false, terms: [{ kind: 'literal', text: '"' }] }])
    expect(terms('_')).toEqual([{ negated: false, terms: [{ kind: 'literal', text: '_' }] }])
    // A symbol inside a word is kept as a second term (both must match).
    expect(terms('beach🌅')).toEqual([
      { negated: false, terms: [{ kind: 'word', text: 'beach' }] },
      { negated: false, terms: [{ kind: 'literal', text: '🌅' }] },
    ])
    // Skin tones and joined emoji stay one sequence.
    expect(terms('👍🏽')).toEqual([{ negated: false, terms: [{ kind: 'literal', text: '👍🏽' }] }])
  })

  it('quotes make a phrase (exact text when it holds symbols); an unclosed quote runs to the end', () => {
    expect(terms('"sunset beach" x')).toEqual([
      { negated: false, terms: [{ kind: 'phrase', words: ['sunset', 'beach'], exact: null }] },
      { negated: false, terms: [{ kind: 'word', text: 'x' }] },
    ])
    expect(terms('"for you 😍')).toEqual([
      { negated: false, terms: [{ kind: 'phrase', words: ['for', 'you'], exact: 'for you 😍' }] },
    ])
    expect(terms('"🎉 🎉"')).toEqual([{ negated: false, terms: [{ kind: 'literal', text: '🎉 🎉' }] }])
  })

  it('OR joins two terms, a minus leaves one out, lower-case or is a word', () => {
    expect(describeSearch(parseSearch('beach OR sea -video'))).toBe('(beach… or sea…), without video…')
    expect(describeSearch(parseSearch('cats or dogs'))).toBe('cats… and or… and dogs…')
    expect(describeSearch(parseSearch('-"bad day" -😈'))).toBe(
      'everything, without “bad day”, “😈” (exact text)',
    )
    // A dangling OR or minus is harmless.
    expect(describeSearch(parseSearch('OR a OR'))).toBe('a…')
    expect(terms('-')).toEqual([{ negated: false, terms: [{ kind: 'literal', text: '-' }] }])
  })

  it('highlights prefixes without case or accents, phrases and exact text, not left-out terms', () => {
    const text = 'Sunset at Málaga 🌅 sunsets -- no video'
    const ranges = matchRanges(text, parseSearch('sun malaga 🌅 -video'))
    expect(ranges.map(([a, b]) => text.slice(a, b))).toEqual(['Sunset', 'Málaga', '🌅', 'sunsets'])
    const phrase = matchRanges('at the beach, the beach', parseSearch('"the beach"'))
    expect(phrase).toEqual([
      [3, 12],
      [14, 23],
    ])
  })
})
