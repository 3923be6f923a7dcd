// Export path templates: "{provider}/{account}/{fan}/{yyyy-mm-dd}_{messageId}_{mediaId}.{ext}".
// "/" in the template makes folders; a "/" inside a variable's value never does (safe names).
import {
  defaultTemplate,
  isTemplateVariable,
  templateVariables,
  type TemplateVariable,
} from '../../shared/export-template'
import { safeFileName, safeSegment, splitExtension, truncateUtf8 } from './safe-name'

// The names, their meanings and the default live in src/shared so the export dialog shows the same.
export { defaultTemplate, templateVariables }

/** The values one exported file is named from. Dates are UTC so an export reads the same everywhere. */
export interface TemplateValues {
  readonly provider: string
  readonly account: string
  readonly chat: string
  readonly fan: string
  readonly fanName: string
  readonly createdAt: string
  readonly messageId: string
  readonly mediaId: string
  readonly type: string
  readonly index: number
  readonly ext: string
  readonly sha256: string | null
}

type Getter = (values: TemplateValues) => string

const pad = (n: number): string => String(n).padStart(2, '0')
const utc = (values: TemplateValues): Date => {
  const date = new Date(values.createdAt)
  return Number.isNaN(date.getTime()) ? new Date(0) : date
}

/** How each variable of src/shared/export-template.ts gets its value. */
const getters: Readonly<Record<TemplateVariable, Getter>> = {
  provider: (v) => v.provider,
  account: (v) => v.account,
  chat: (v) => v.chat,
  fan: (v) => v.fan,
  fanName: (v) => v.fanName,
  'yyyy-mm-dd': (v) => utc(v).toISOString().slice(0, 10),
  yyyy: (v) => String(utc(v).getUTCFullYear()),
  mm: (v) => pad(utc(v).getUTCMonth() + 1),
  dd: (v) => pad(utc(v).getUTCDate()),
  time: (v) => {
    const d = utc(v)
    return `${pad(d.getUTCHours())}-${pad(d.getUTCMinutes())}-${pad(d.getUTCSeconds())}`
  },
  messageId: (v) => v.messageId,
  mediaId: (v) => v.mediaId,
  type: (v) => v.type,
  index: (v) => String(v.index),
  ext: (v) => v.ext,
  sha8: (v) => (v.sha256 ?? '').slice(0, 8),
}

/** Variables that are the same for every file of one chat: folders made of these are chat folders. */
export const chatVariables: ReadonlySet<TemplateVariable> = new Set([
  'provider',
  'account',
  'chat',
  'fan',
  'fanName',
])

type Part = { readonly literal: string } | { readonly variable: TemplateVariable }

export interface Template {
  readonly source: string
  /** One entry per folder level, the last is the file name. */
  readonly segments: readonly (readonly Part[])[]
}

export class TemplateError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'TemplateError'
  }
}

function parseSegment(text: string, source: string): Part[] {
  const parts: Part[] = []
  const pattern = /\{([^{}]*)\}|([^{}]+)|([{}])/g
  for (const match of text.matchAll(pattern)) {
    const [, variable, literal, stray] = match
    if (stray !== undefined)
      throw new TemplateError(`Unbalanced "${stray}" in template "${source.slice(0, 200)}".`)
    if (literal !== undefined) parts.push({ literal })
    else if (variable !== undefined) {
      if (!isTemplateVariable(variable)) {
        const known = Object.keys(templateVariables).join(', ')
        throw new TemplateError(`Unknown template variable "{${variable.slice(0, 40)}}". Known: ${known}.`)
      }
      parts.push({ variable })
    }
  }
  return parts
}

export function parseTemplate(source: string): Template {
  if (source.length === 0 || source.length > 1000)
    throw new TemplateError('The template must be 1 to 1000 characters.')
  // Backslashes are separators to Windows users; treat them as "/" so nobody gets a literal "\" name.
  const segments = source
    .replace(/\\/g, '/')
    .split('/')
    .filter((s) => s.length > 0)
    .map((s) => parseSegment(s, source))
  if (segments.length === 0) throw new TemplateError('The template names no file.')
  const last = segments[segments.length - 1] ?? []
  if (!last.some((p) => 'variable' in p)) {
    throw new TemplateError(
      'The file-name part of the template must use at least one variable, e.g. {mediaId}.',
    )
  }
  return { source, segments }
}

/** No single value may crowd the others out of a 255-byte name: a 10 KB fan name still leaves room for {mediaId}. */
const maxValueBytes = 120

function renderValue(variable: TemplateVariable, values: TemplateValues): string {
  // A value's own separators must not create folders, so they become "_" before joining.
  const value = getters[variable](values).replace(/[/\\]/g, '_')
  return truncateUtf8(value.normalize('NFC'), maxValueBytes)
}

function renderParts(parts: readonly Part[], values: TemplateValues): string {
  return parts.map((p) => ('literal' in p ? p.literal : renderValue(p.variable, values))).join('')
}

/** How many leading folders use chat-level variables only (and at least one variable). */
export function chatFolderDepth(template: Template): number {
  let depth = 0
  for (const parts of template.segments.slice(0, -1)) {
    const vars = parts.filter((p): p is { variable: TemplateVariable } => 'variable' in p)
    if (!vars.every((p) => chatVariables.has(p.variable))) break
    depth++
  }
  return depth
}

export interface RenderedPath {
  /** Safe folder names, root first. */
  readonly dirs: readonly string[]
  /** The file name split so a collision suffix goes before the extension. */
  readonly base: string
  readonly ext: string
  /** Kept whole when the base is shortened, e.g. "_preview". */
  readonly suffix?: string
}

// Folder names repeat for every file of a chat: clean each distinct one once. Bounded, as a
// long-running app renders many exports.
const folderNames = new Map<string, string>()

function safeFolderName(raw: string): string {
  let safe = folderNames.get(raw)
  if (safe === undefined) {
    if (folderNames.size >= 10_000) folderNames.clear()
    safe = safeSegment(raw)
    folderNames.set(raw, safe)
  }
  return safe
}

/** Renders a template into safe path components; `suffix` (e.g. "_preview") is added to the file's base name. */
export function renderTemplate(template: Template, values: TemplateValues, suffix = ''): RenderedPath {
  const rendered = template.segments.map((parts) => renderParts(parts, values))
  const dirs = rendered.slice(0, -1).map(safeFolderName)
  const fileName = rendered[rendered.length - 1] ?? ''
  const usesExt = (template.segments[template.segments.length - 1] ?? []).some(
    (p) => 'variable' in p && p.variable === 'ext',
  )
  // Keep the extension apart only when it is the template's own, so truncation cannot eat it.
  const { base, ext } =
    usesExt && fileName.endsWith(`.${values.ext}`) && values.ext
      ? { base: fileName.slice(0, -values.ext.length - 1), ext: values.ext }
      : splitExtension(fileName)
  return { dirs, base, ext, suffix }
}

/**
 * The final file name for a rendered path, with an optional collision suffix such as " (2)";
 * `maxUnits` caps its length in UTF-16 units (see path-budget.ts).
 */
export function fileNameOf(path: RenderedPath, collision = '', maxUnits: number = Infinity): string {
  return safeFileName(path.base, path.ext, `${path.suffix ?? ''}${collision}`, undefined, maxUnits)
}
