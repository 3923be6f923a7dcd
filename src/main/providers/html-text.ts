// OnlyFans message and post text is HTML. We store and show plain text only, so nothing a fan or
// creator typed can ever run as markup in the app, an export or a transcript.

const namedEntities: Readonly<Record<string, string>> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: '\u00a0',
  hellip: '…',
  mdash: '—',
  ndash: '–',
  lsquo: '‘',
  rsquo: '’',
  ldquo: '“',
  rdquo: '”',
  laquo: '«',
  raquo: '»',
  copy: '©',
  reg: '®',
  trade: '™',
  euro: '€',
  pound: '£',
  hearts: '♥',
  bull: '•',
  middot: '·',
}

/** Turns OnlyFans HTML into plain text: block breaks become newlines, tags go, entities decode. */
export function htmlToText(html: string | null | undefined): string {
  if (!html) return ''
  let text = html.replace(/\r\n?/g, '\n')
  // Script and style bodies are code, not words a person wrote.
  text = text.replace(/<(script|style)\b[^>]*>[\s\S]*?<\/\1\s*>/gi, '')
  text = text.replace(/<!--[\s\S]*?-->/g, '')
  text = text.replace(/<br\s*\/?>/gi, '\n')
  text = text.replace(/<\/(p|div|li|h[1-6]|blockquote)\s*>/gi, '\n')
  text = text.replace(/<(p|div|li|h[1-6]|blockquote)\b[^>]*>/gi, '')
  // A link keeps its words and, when they differ, its web address, so a shared link survives in
  // the archive as text. Other targets (javascript:, relative paths) are not kept.
  text = text.replace(/<a\b([^>]*)>([\s\S]*?)<\/a\s*>/gi, (_whole, attributes: string, inner: string) =>
    linkText(attributes, inner),
  )
  // Any other tag is dropped; a lone `<` that starts no tag stays.
  text = text.replace(/<\/?[a-zA-Z][^>]*>/g, '')
  text = decodeEntities(text)
  // Decoding can reveal `<tag>` text; it is plain text now and stays as such (never parsed again).
  return text
    .split('\n')
    .map((line) => line.replace(/[ \t\f\v]+$/g, ''))
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim()
}

function linkText(attributes: string, inner: string): string {
  const href = /\bhref\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))/i.exec(attributes)
  const target = decodeEntities(href?.[1] ?? href?.[2] ?? href?.[3] ?? '').trim()
  if (!/^(https?:\/\/|mailto:)/i.test(target)) return inner
  const words = decodeEntities(inner.replace(/<\/?[a-zA-Z][^>]*>/g, '')).trim()
  const bare = (value: string): string => value.replace(/^(https?:\/\/|mailto:)/i, '').replace(/\/$/, '')
  if (words === '' || bare(words) === bare(target)) return target
  return `${inner} (${target})`
}

export function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[a-zA-Z][a-zA-Z0-9]*);/g, (whole, body: string) => {
    if (body.startsWith('#')) {
      const code =
        body[1] === 'x' || body[1] === 'X' ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10)
      return Number.isFinite(code) && code > 0 && code <= 0x10ffff && !(code >= 0xd800 && code <= 0xdfff)
        ? String.fromCodePoint(code)
        : '\ufffd'
    }
    return namedEntities[body.toLowerCase()] ?? whole
  })
}
