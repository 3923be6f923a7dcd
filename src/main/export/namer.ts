// Turns rendered paths into unique relative paths. Windows and macOS compare names without case,
// so "Anna.jpg" and "anna.jpg" are one file there: uniqueness is decided case-insensitively, and a
// folder keeps the spelling it was first claimed with so one export never holds "Anna/" and "anna/".
// Claims in the same order always give the same names, each within the path budget (path-budget.ts).
import { fitFolders, portablePathUnits } from './path-budget'
import { safeFileName } from './safe-name'
import { fileNameOf, type RenderedPath } from './template'

function keyOf(path: string): string {
  return path.normalize('NFC').toLowerCase()
}

export interface Claim {
  /** Relative path with "/" separators. */
  readonly path: string
  /** True when the owner already held this path (the same media rendered twice to one name). */
  readonly reused: boolean
}

export class PathNamer {
  private readonly owners = new Map<string, { readonly owner: string; readonly path: string }>()
  private readonly folderSpelling = new Map<string, string>()

  private readonly maxPathUnits: number

  /**
   * `reserved`: paths that must never be handed out (the sidecars and the manifest at the root).
   * `maxPathUnits`: the longest path to hand out, in UTF-16 units (relativePathBudget).
   */
  constructor(reserved: readonly string[] = [], maxPathUnits: number = portablePathUnits) {
    this.maxPathUnits = maxPathUnits
    for (const path of reserved) this.owners.set(keyOf(path), { owner: '\u0000reserved', path })
  }

  /** Raw folder path → its spelling; a spelling never changes once chosen, so this is exact. */
  private readonly folderPaths = new Map<string, readonly string[]>()

  // Every file of a chat asks for the same folders: work them out once per distinct raw path.
  private canonicalDirs(dirs: readonly string[]): readonly string[] {
    const raw = dirs.join('/')
    let known = this.folderPaths.get(raw)
    if (known === undefined) {
      known = this.spellDirs(fitFolders(dirs, this.maxPathUnits))
      this.folderPaths.set(raw, known)
    }
    return known
  }

  private spellDirs(dirs: readonly string[]): string[] {
    const out: string[] = []
    for (const dir of dirs) {
      const key = keyOf([...out, dir].join('/'))
      let known = this.folderSpelling.get(key)
      if (known === undefined) {
        // A file already holds this name: the folder becomes "name (2)" instead.
        known = dir
        for (let n = 2; this.owners.has(keyOf([...out, known].join('/'))); n++)
          known = safeFileName(dir, '', ` (${n})`)
        this.folderSpelling.set(key, known)
        this.folderSpelling.set(keyOf([...out, known].join('/')), known)
      }
      out.push(known)
    }
    return out
  }

  /**
   * A unique path for `owner`. The same owner asking for the same name again gets it back, so
   * an item whose copies render to one path (a template without chat folders) is written once.
   */
  claim(rendered: RenderedPath, owner: string): Claim {
    const dirs = this.canonicalDirs(rendered.dirs)
    const prefix = dirs.length ? `${dirs.join('/')}/` : ''
    for (let n = 1; ; n++) {
      const collision = n === 1 ? '' : ` (${n})`
      const path = `${prefix}${fileNameOf(rendered, collision, this.maxPathUnits - prefix.length)}`
      const key = keyOf(path)
      // A file may not take a folder's name either ("a" the file and "a/" the folder).
      if (this.folderSpelling.has(key) && !this.owners.has(key)) continue
      const holder = this.owners.get(key)
      if (holder === undefined) {
        this.owners.set(key, { owner, path })
        return { path, reused: false }
      }
      // The first spelling wins, so a second copy lands on the very file the first one made.
      if (holder.owner === owner) return { path: holder.path, reused: true }
    }
  }
}
