// `mkdir -p` that always ends, and says what is wrong. Node's recursive mkdir never returns on some
// paths: on /proc/self/x it is told ENOENT, finds the parent present, and tries again, forever,
// at 100% CPU in a thread-pool thread that no abort signal reaches (a second process signal was
// the only way out); on a read-only drive it reports ENOENT rather than EROFS. Here each missing
// folder is made once, from the deepest existing one down, so the work is bounded by the depth of
// the path and the first refusal comes back as it is.
//
// The walk is written once as a generator that yields the paths it needs looked at and made;
// the async and sync functions below only run those steps.
import { mkdirSync, statSync } from 'node:fs'
import { mkdir, stat } from 'node:fs/promises'
import { dirname, resolve } from 'node:path'
import { isErrno } from './errno'

export class NotAFolderError extends Error {
  constructor(readonly path: string) {
    super(`${path} exists and is not a folder`)
    this.name = 'NotAFolderError'
  }
}

type Step = { readonly look: string } | { readonly make: string }
/** What a look found: a folder, something else, or nothing. */
type Found = 'folder' | 'other' | 'missing'

function* walk(path: string): Generator<Step, void, Found> {
  const missing: string[] = []
  for (let current = resolve(path); ;) {
    const found = yield { look: current }
    if (found === 'folder') break
    if (found === 'other') throw new NotAFolderError(current)
    missing.push(current)
    const parent = dirname(current)
    if (parent === current) break
    current = parent
  }
  for (const dir of missing.reverse()) {
    // Someone else may make it in the meantime: fine, as long as it is a folder.
    if ((yield { make: dir }) !== 'folder') throw new NotAFolderError(dir)
  }
}

function classify(error: unknown): Found {
  if (isErrno(error, 'ENOENT')) return 'missing'
  throw error
}

/** Creates `path` and any missing parents. Rejects with the first refusal (ENOENT, EACCES, EROFS...). */
export async function makeDirectory(path: string): Promise<void> {
  const look = async (p: string): Promise<Found> =>
    stat(p).then((s) => (s.isDirectory() ? 'folder' : 'other'), classify)
  const steps = walk(path)
  for (let step = steps.next(); !step.done;) {
    const { value } = step
    if ('look' in value) step = steps.next(await look(value.look))
    else {
      const made = await mkdir(value.make).then(
        () => true,
        (error: unknown) => {
          if (!isErrno(error, 'EEXIST')) throw error
          return false
        },
      )
      step = steps.next(made ? 'folder' : await look(value.make))
    }
  }
}

/** `makeDirectory` for code that must stay synchronous (opening the catalog). */
export function makeDirectorySync(path: string): void {
  const look = (p: string): Found => {
    try {
      return statSync(p).isDirectory() ? 'folder' : 'other'
    } catch (error) {
      return classify(error)
    }
  }
  const steps = walk(path)
  for (let step = steps.next(); !step.done;) {
    const { value } = step
    if ('look' in value) step = steps.next(look(value.look))
    else {
      let made = true
      try {
        mkdirSync(value.make)
      } catch (error) {
        if (!isErrno(error, 'EEXIST')) throw error
        made = false
      }
      step = steps.next(made ? 'folder' : look(value.make))
    }
  }
}
