// Path containment: whether a path lies inside a folder. The store, media serving, serve's static
// files and export all ask it, so it is answered once, the same way for all of them.
import { realpath } from 'node:fs/promises'
import { isAbsolute, join, relative, resolve, sep } from 'node:path'

export interface InsideOptions {
  /** Whether `root` itself counts as inside (a folder may be its own export target, a file never). */
  readonly orEqual?: boolean
}

/**
 * Lexical: `candidate` lies under `root` once both are made absolute. Symlinks are not looked at;
 * use `realPathInside` where they matter. `..foo` is a legal name inside, `..` is not.
 */
export function isInside(root: string, candidate: string, options: InsideOptions = {}): boolean {
  const rel = relative(resolve(root), resolve(candidate))
  if (rel === '') return options.orEqual === true
  // On Windows, paths on two drives give an absolute "relative" path.
  return rel !== '..' && !rel.startsWith(`..${sep}`) && !isAbsolute(rel)
}

/** `root` joined with `segments`, or null when the result would leave `root` (or be `root`). */
export function resolveInside(root: string, ...segments: readonly string[]): string | null {
  const base = resolve(root)
  const target = resolve(join(base, ...segments))
  return isInside(base, target) ? target : null
}

/**
 * The real path of `path` when it exists and, with every symlink resolved, still lies inside the
 * real path of `root`; null otherwise (missing, unreadable, or escaping through a link).
 */
export async function realPathInside(root: string, path: string): Promise<string | null> {
  try {
    const [realRoot, real] = await Promise.all([realpath(root), realpath(path)])
    return isInside(realRoot, real) ? real : null
  } catch {
    return null
  }
}
