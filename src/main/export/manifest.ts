// The export manifest (.chatkeep-export.json at the export root) remembers the sha256, size and
// mtime of every file we wrote, so a re-export skips unchanged files without hashing them again.
// A file whose size or mtime moved since is hashed, never trusted.
import { lstat, readFile } from 'node:fs/promises'
import { sha256OfFile } from '../lib/sha256-file'

export const manifestFileName = '.chatkeep-export.json'

export interface ManifestEntry {
  readonly sha256: string
  readonly size: number
  readonly mtimeMs: number
}

export type Manifest = ReadonlyMap<string, ManifestEntry>

function isEntry(value: unknown): value is ManifestEntry {
  if (typeof value !== 'object' || value === null) return false
  const v = value as Record<string, unknown>
  return (
    typeof v.sha256 === 'string' &&
    /^[0-9a-f]{64}$/.test(v.sha256) &&
    typeof v.size === 'number' &&
    typeof v.mtimeMs === 'number'
  )
}

/** A missing or damaged manifest is an empty one: everything gets checked by hash instead. */
export async function readManifest(path: string): Promise<Map<string, ManifestEntry>> {
  const entries = new Map<string, ManifestEntry>()
  try {
    const info = await lstat(path)
    if (!info.isFile()) return entries
    const parsed: unknown = JSON.parse(await readFile(path, 'utf8'))
    const files = (parsed as { files?: unknown }).files
    if (typeof files !== 'object' || files === null) return entries
    for (const [key, value] of Object.entries(files)) if (isEntry(value)) entries.set(key, value)
  } catch {
    // Unreadable or not JSON: start over.
  }
  return entries
}

export function serializeManifest(entries: Manifest): string {
  const files: Record<string, ManifestEntry> = {}
  for (const key of [...entries.keys()].sort()) {
    const e = entries.get(key)
    if (e) files[key] = { sha256: e.sha256, size: e.size, mtimeMs: e.mtimeMs }
  }
  return `${JSON.stringify({ version: 1, files }, null, 1)}\n`
}

async function digestOf(path: string): Promise<string> {
  return (await sha256OfFile(path)).sha256
}

export type Sameness = { readonly same: true; readonly entry: ManifestEntry } | { readonly same: false }

/**
 * Whether the file at `path` already holds the bytes with `sha256`/`size`. Never follows a
 * symlink: a link at the destination is "different" and gets replaced.
 */
export async function alreadyThere(
  path: string,
  sha256: string,
  size: number,
  known: ManifestEntry | undefined,
  hash: (path: string) => Promise<string> = digestOf,
): Promise<Sameness> {
  const info = await lstat(path).catch(() => null)
  if (!info || !info.isFile() || info.size !== size) return { same: false }
  const entry = { sha256, size, mtimeMs: info.mtimeMs }
  if (known && known.sha256 === sha256 && known.size === size && known.mtimeMs === info.mtimeMs) {
    return { same: true, entry }
  }
  return (await hash(path)) === sha256 ? { same: true, entry } : { same: false }
}
