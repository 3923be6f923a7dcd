// HTML escaping and relative URLs for generated pages. Everything a fan or provider wrote goes
// through escapeHtml; nothing is ever inserted as markup.

const entities: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
  '`': '&#96;',
}

/** Safe in text and in quoted attribute values alike. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"'`]/g, (c) => entities[c] ?? c)
}

/** A relative URL from the folder `fromDir` to `toPath` (both "/"-separated, relative to the export root). */
export function relativeUrl(fromDir: string, toPath: string): string {
  const from = fromDir === '' ? [] : fromDir.split('/')
  const to = toPath.split('/')
  let common = 0
  while (common < from.length && common < to.length - 1 && from[common] === to[common]) common++
  const up = from.slice(common).map(() => '..')
  // Every segment is percent-encoded, so "#", "%", ":" or a leading "/" in a name cannot change what the URL means.
  return [...up, ...to.slice(common).map((s) => encodeURIComponent(s))].join('/')
}
