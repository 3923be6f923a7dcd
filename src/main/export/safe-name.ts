// File and folder names that are legal on Windows, macOS and Linux at once, whatever a fan typed.
// An export is often copied to a USB stick or a Windows machine later, so the strictest rules of
// the three apply everywhere, not just the rules of the machine that exports.

/** The longest name most file systems take (ext4, APFS, NTFS count up to 255 units; bytes is the safe reading). */
export const maxComponentBytes = 255

// Windows forbids these in names; control characters also break terminals and CSV viewers.
// eslint-disable-next-line no-control-regex -- matching control characters is the point here
const forbidden = /[<>:"/\\|?*\u0000-\u001f\u007f-\u009f]/g
// Bidirectional overrides, embeddings, isolates and marks let "gnp.exe" display as "exe.png".
const bidiControls = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g
// Windows treats these as devices even with an extension ("NUL.txt") or trailing spaces.
const reservedBase = /^(con|prn|aux|nul|conin\$|conout\$|com[0-9¹²³]|lpt[0-9¹²³])$/i

// Made on first use: building a grapheme segmenter loads ICU's break rules (20–80 ms measured
// here), which every CLI start would pay, since the command table reads the export template.
let segmenter: Intl.Segmenter | null = null

/** Counted from the UTF-16 code units: encoding every name to measure it was a third of planning. */
export function utf8Length(text: string): number {
  let bytes = 0
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i)
    if (unit < 0x80) bytes += 1
    else if (unit < 0x800) bytes += 2
    else if (unit >= 0xd800 && unit <= 0xdbff && i + 1 < text.length) {
      const next = text.charCodeAt(i + 1)
      // A surrogate pair is one code point of 4 bytes; a lone surrogate encodes as U+FFFD (3).
      if (next >= 0xdc00 && next <= 0xdfff) {
        bytes += 4
        i++
      } else bytes += 3
    } else bytes += 3
  }
  return bytes
}

/** The longest prefix of `text` within `maxBytes` UTF-8 bytes, cut between user-perceived characters. */
export function truncateUtf8(text: string, maxBytes: number): string {
  return utf8Length(text) <= maxBytes ? text : cutBetweenCharacters(text, maxBytes, utf8Length)
}

/**
 * The longest prefix of `text` within `maxUnits` UTF-16 code units (how Windows counts a path's
 * length), cut between user-perceived characters.
 */
export function truncateUnits(text: string, maxUnits: number): string {
  return text.length <= maxUnits ? text : cutBetweenCharacters(text, maxUnits, (s) => s.length)
}

function cutBetweenCharacters(text: string, max: number, sizeOf: (segment: string) => number): string {
  let out = ''
  let used = 0
  segmenter ??= new Intl.Segmenter('und', { granularity: 'grapheme' })
  for (const { segment } of segmenter.segment(text)) {
    const size = sizeOf(segment)
    if (used + size > max) break
    out += segment
    used += size
  }
  return out
}

function cleanChars(text: string): string {
  return text.normalize('NFC').replace(bidiControls, '').replace(forbidden, '_')
}

// Leading dots would hide the file on Unix ("..", ".bashrc"); trailing dots and spaces are
// silently dropped by Windows, so two different names could land on one file.
function trimEdges(text: string): string {
  return text.replace(/^[\s.]+/u, (lead) => (lead.includes('.') ? '_' : '')).replace(/[\s.]+$/u, '')
}

function unreserve(name: string): string {
  const dot = name.indexOf('.')
  const base = dot < 0 ? name : name.slice(0, dot)
  if (!reservedBase.test(base.trimEnd())) return name
  return `${base.trimEnd()}_${dot < 0 ? '' : name.slice(dot)}`
}

/**
 * One path component (a folder name, or a file name whose extension needs no special care).
 * Never empty, never a path separator, never "." or "..".
 */
export function safeSegment(raw: string, maxBytes: number = maxComponentBytes): string {
  let name = unreserve(trimEdges(cleanChars(raw)))
  if (utf8Length(name) > maxBytes) name = unreserve(trimEdges(truncateUtf8(name, maxBytes)))
  return name.length === 0 ? '_' : name
}

/** A safe extension: lower-case letters and digits only, at most 10, or empty. */
export function safeExtension(raw: string): string {
  return raw
    .normalize('NFC')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '')
    .slice(0, 10)
}

/**
 * A file name from a base and an extension: the base is shortened first so the extension
 * (and any `suffix` such as " (2)") always survives the byte limit, and the length limit in
 * UTF-16 units when one is given.
 */
export function safeFileName(
  base: string,
  extension: string,
  suffix = '',
  maxBytes: number = maxComponentBytes,
  maxUnits: number = Infinity,
): string {
  const ext = safeExtension(extension)
  const tail = `${suffix}${ext ? `.${ext}` : ''}`
  const room = Math.max(1, maxBytes - utf8Length(tail))
  let stem = trimEdges(cleanChars(base))
  stem = trimEdges(truncateUnits(truncateUtf8(stem, room), Math.max(1, maxUnits - tail.length)))
  if (stem.length === 0) stem = '_'
  // The device check looks at the whole name: "NUL" + ".txt" is as reserved as "NUL".
  return unreserve(`${stem}${tail}`)
}

/** Splits "name.ext" at its last dot (a leading dot is part of the name, not an extension). */
export function splitExtension(name: string): { readonly base: string; readonly ext: string } {
  const dot = name.lastIndexOf('.')
  if (dot <= 0 || dot === name.length - 1) return { base: name, ext: '' }
  return { base: name.slice(0, dot), ext: name.slice(dot + 1) }
}
