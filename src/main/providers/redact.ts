// Keeps API keys out of every message built from what a provider sent. A hostile or careless
// provider echoes the key back disguised: upper case, spaced out, split by HTML tags, hex or
// percent-encoded, base64 (alone or as part of `Bearer <key>`). Each disguise is found in a
// normalised view of the text and cut out of the original, with whatever surrounds it in the
// same base64 token, so no fragment of the key is left.

export const redactedMarker = '[redacted]'

/**
 * Secrets shorter than this are only replaced where they appear as typed: matching a short
 * string through case, separators and encodings would hit ordinary words. API keys are 20+.
 */
const minFuzzyChars = 8
/** Shorter secrets are left alone entirely (an empty or 1-3 character "key" is no key). */
const minSecretChars = 4
/** HTML tags and entities skipped between the characters of a disguised key (`ke<b>y</b>`). */
const tagOrEntity = /^(?:<[^<>]{0,200}>|&#?[a-z0-9]{1,10};)/i

interface View {
  /** The kept characters, normalised. */
  readonly text: string
  /** For each kept character, its index in the original text. */
  readonly at: readonly number[]
}

type Range = readonly [start: number, end: number]

/** Replaces every form of every secret in `text` with a marker. */
export function redact(text: string, secrets: readonly string[]): string {
  const ranges: Range[] = []
  let views: { letters: View; base64: View } | null = null
  for (const secret of secrets) {
    if (secret.length < minSecretChars) continue
    for (const form of new Set([secret, encodeURIComponent(secret)])) ranges.push(...exactRanges(text, form))
    if (secret.length < minFuzzyChars) continue
    views ??= { letters: lettersView(text), base64: base64View(text) }
    ranges.push(...viewRanges(text, views.letters, lettersForms(secret), false))
    ranges.push(...viewRanges(text, views.base64, base64Cores(secret), true))
  }
  return cut(text, ranges)
}

/** Redacts an error's message and stack (and its causes') in place, and returns it. */
export function redactError<E>(error: E, secrets: readonly string[]): E {
  let current: unknown = error
  for (let depth = 0; current instanceof Error && depth < 5; depth++) {
    current.message = redact(current.message, secrets)
    if (current.stack) current.stack = redact(current.stack, secrets)
    current = current.cause
  }
  return error
}

function exactRanges(text: string, form: string): Range[] {
  const out: Range[] = []
  for (let i = text.indexOf(form); i >= 0; i = text.indexOf(form, i + form.length)) {
    out.push([i, i + form.length])
  }
  return out
}

/** The secret's letters and digits, and its bytes in hex, both lower case (percent-encoding is hex too). */
function lettersForms(secret: string): string[] {
  const letters = secret.toLowerCase().replace(/[^a-z0-9]/g, '')
  const hex = Buffer.from(secret, 'utf8').toString('hex')
  return [letters, hex].filter((form) => form.length >= minFuzzyChars)
}

/**
 * The base64 characters that encode the secret whatever bytes come before it: for each of the
 * three alignments, the characters whose six bits all come from the secret. Any base64 text that
 * contains the secret's bytes (`Bearer <key>`, a JSON dump) contains one of these.
 */
function base64Cores(secret: string): string[] {
  const bytes = Buffer.from(secret, 'utf8')
  const cores: string[] = []
  for (let lead = 0; lead < 3; lead++) {
    const encoded = Buffer.concat([Buffer.alloc(lead), bytes])
      .toString('base64')
      .replace(/=+$/, '')
    const first = Math.ceil((lead * 8) / 6)
    const last = Math.floor(((lead + bytes.length) * 8) / 6)
    const core = encoded.slice(first, last)
    if (core.length >= minFuzzyChars) cores.push(core)
  }
  return cores
}

/** Letters and digits, lower-cased; everything else, tags and entities are skipped. */
function lettersView(text: string): View {
  return viewOf(text, (ch) => (/[a-z0-9]/i.test(ch) ? ch.toLowerCase() : null))
}

/** Base64 and base64url characters (url-safe ones mapped to standard); the rest is skipped. */
function base64View(text: string): View {
  return viewOf(text, (ch) => {
    if (ch === '-') return '+'
    if (ch === '_') return '/'
    return /[A-Za-z0-9+/]/.test(ch) ? ch : null
  })
}

function viewOf(text: string, keep: (ch: string) => string | null): View {
  let kept = ''
  const at: number[] = []
  for (let i = 0; i < text.length; i++) {
    const ch = text[i] ?? ''
    if (ch === '<' || ch === '&') {
      const skip = tagOrEntity.exec(text.slice(i, i + 220))
      if (skip) {
        i += skip[0].length - 1
        continue
      }
    }
    const normal = keep(ch)
    if (normal !== null) {
      kept += normal
      at.push(i)
    }
  }
  return { text: kept, at }
}

/** Original-text ranges of every needle found in the view; base64 hits grow to their whole token. */
function viewRanges(text: string, view: View, needles: readonly string[], wholeToken: boolean): Range[] {
  const out: Range[] = []
  for (const needle of needles) {
    for (let i = view.text.indexOf(needle); i >= 0; i = view.text.indexOf(needle, i + needle.length)) {
      let start = view.at[i] ?? 0
      let end = (view.at[i + needle.length - 1] ?? start) + 1
      if (wholeToken) {
        while (start > 0 && /[A-Za-z0-9+/_-]/.test(text[start - 1] ?? '')) start--
        while (end < text.length && /[A-Za-z0-9+/_=-]/.test(text[end] ?? '')) end++
      } else if (text[start - 1] === '%') {
        start-- // the first byte of a percent-encoded key
      }
      out.push([start, end])
    }
  }
  return out
}

/** The text with every range (merged where they overlap) replaced by one marker. */
function cut(text: string, ranges: readonly Range[]): string {
  if (ranges.length === 0) return text
  const sorted = [...ranges].sort((a, b) => a[0] - b[0])
  let out = ''
  let from = 0
  for (const [start, end] of sorted) {
    if (end <= from) continue
    if (start >= from) out += text.slice(from, start) + redactedMarker
    from = Math.max(from, end)
  }
  return out + text.slice(from)
}
