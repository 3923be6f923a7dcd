// Turns what a user types into a safe FTS5 query: every word becomes a quoted prefix term, so
// FTS5 syntax in the input (quotes, NEAR, column filters, *) is matched as text, never parsed.
export function ftsQuery(input: string): string | null {
  const words = input
    .normalize('NFKC')
    .split(/[^\p{L}\p{N}_]+/u)
    .filter((word) => word.length > 0)
    .slice(0, 16)
  if (words.length === 0) return null
  return words.map((word) => `"${word.replaceAll('"', '""')}"*`).join(' ')
}
