// What the gallery knows of a query's size while it pages. A text search may answer with a lower
// bound (media:search's totalIsLowerBound): the hits found so far, with more past them. Each page
// then brings a bigger bound, until one page finds the end and says the exact total.

export interface KnownTotal {
  readonly total: number
  readonly lowerBound: boolean
}

/** The total after one more page's answer: an exact total wins; bounds only ever grow. */
export function mergeTotal(known: KnownTotal | null, answer: KnownTotal): KnownTotal {
  if (!answer.lowerBound) return answer
  // An exact total is the end of the walk; a late bound from an earlier page cannot undo it.
  if (known !== null && !known.lowerBound) return known
  return { total: Math.max(known?.total ?? 0, answer.total), lowerBound: true }
}

/**
 * How many cells the grid lays out: the exact total, or past a lower bound up to the end of the
 * page that holds the next unseen item. Scrolling onto those placeholders asks for that page,
 * which carries the walk on, so the grid grows as the user scrolls instead of stopping at the bound.
 */
export function cellCount(known: KnownTotal, pageSize: number): number {
  if (!known.lowerBound) return known.total
  return (Math.floor(known.total / pageSize) + 1) * pageSize
}
