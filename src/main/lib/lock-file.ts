// An exclusive lock between processes, held as a file that names its holder (pid, host, command,
// start time), so a refusal can say who holds it. A holder killed with kill -9 leaves its file
// behind; the next process sees that pid is gone and takes over.
//
// Each process writes its own uniquely named claim (`<name>.<pid>-<random>.lock`, written to a
// temp name and renamed, so a reader never sees half of it) and then lists the folder. It holds
// the lock when no other live claim is there; otherwise it removes its claim and backs off. Two
// processes can never both hold: whichever listed second saw the other's claim. Removing a dead
// holder's claim is safe because no one else's claim has that name, so taking over never races
// (a single shared lock file would need "delete it if it is still the dead one", which no file
// system offers). Two processes starting at the same instant may both back off; they retry after
// a random pause, so one of them wins.
//
// Liveness is "that pid runs on this host". A claim from another host (a data folder on a
// network share) is taken as live: there is no way to ask. A pid reused by an unrelated process
// keeps the lock looking held; the refusal names the pid and the claim file so the user can
// check and delete it.
import { randomBytes } from 'node:crypto'
import { unlinkSync } from 'node:fs'
import { readdir, readFile, rename, stat, unlink, writeFile } from 'node:fs/promises'
import { hostname } from 'node:os'
import { join } from 'node:path'
import { isErrno } from './errno'
import { makeDirectory } from './make-directory'

export interface LockHolder {
  readonly pid: number
  readonly host: string
  /** What the holder is doing, as it said: "chatkeep sync", "the Chatkeep app"... */
  readonly command: string
  /** ISO 8601. */
  readonly startedAt: string
  /** The claim file, for a user who must remove it by hand. */
  readonly file: string
}

export interface HeldLock {
  readonly holder: LockHolder
  /** Removes the claim. Idempotent. */
  release(): Promise<void>
}

export type LockAttempt =
  | { readonly acquired: true; readonly lock: HeldLock }
  | { readonly acquired: false; readonly holder: LockHolder }

export interface LockOptions {
  /** Who this process is, for a refusal shown to someone else. */
  readonly command: string
  /** For tests: another process's view of liveness. */
  readonly isAlive?: (pid: number) => boolean
  readonly pid?: number
  readonly host?: string
}

// Three tries, 20-150 ms apart: enough for one of two simultaneous starters to get in, short
// enough that a refusal of a long-running holder is still immediate to a person.
const attempts = 3
const pauseMs = (): number => 20 + Math.floor(Math.random() * 130)
/** A claim temp file older than this was left by a crash between write and rename. */
const staleTempMs = 60_000

const namePattern = /^[A-Za-z0-9_-]{1,100}$/

/** Claims held by this process, removed synchronously if it exits without releasing them. */
const heldFiles = new Set<string>()
let exitHookInstalled = false

function releaseOnExit(file: string): void {
  heldFiles.add(file)
  if (exitHookInstalled) return
  exitHookInstalled = true
  process.once('exit', () => {
    for (const held of heldFiles) {
      try {
        unlinkSync(held)
      } catch {
        // Already gone; nothing else can be done while exiting.
      }
    }
  })
}

export function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    // EPERM: it exists, it just belongs to someone else.
    return isErrno(error, 'EPERM')
  }
}

function claimPrefix(name: string): string {
  return `${name}.`
}

function parseClaim(text: string, file: string): LockHolder | null {
  try {
    const value = JSON.parse(text) as Partial<Record<keyof LockHolder, unknown>>
    if (typeof value.pid !== 'number' || !Number.isSafeInteger(value.pid) || value.pid <= 0) return null
    if (typeof value.host !== 'string' || typeof value.command !== 'string') return null
    if (typeof value.startedAt !== 'string') return null
    return { pid: value.pid, host: value.host, command: value.command, startedAt: value.startedAt, file }
  } catch {
    return null
  }
}

interface Claim {
  readonly file: string
  readonly holder: LockHolder | null
}

async function readClaims(dir: string, name: string): Promise<Claim[]> {
  let names: string[]
  try {
    names = await readdir(dir)
  } catch (error) {
    if (isErrno(error, 'ENOENT')) return []
    throw error
  }
  const claims: Claim[] = []
  for (const entry of names) {
    if (!entry.startsWith(claimPrefix(name)) || !entry.endsWith('.lock')) continue
    const file = join(dir, entry)
    try {
      claims.push({ file, holder: parseClaim(await readFile(file, 'utf8'), file) })
    } catch (error) {
      if (!isErrno(error, 'ENOENT')) throw error
    }
  }
  return claims
}

function liveness(options: LockOptions): (holder: LockHolder | null) => boolean {
  const host = options.host ?? hostname()
  const isAlive = options.isAlive ?? isProcessAlive
  // A damaged claim (a power cut mid-write) holds nothing.
  return (holder) => holder !== null && (holder.host !== host || isAlive(holder.pid))
}

/** Live holders other than `ownFile`; dead holders' claims are removed on the way. */
async function liveOthers(
  dir: string,
  name: string,
  ownFile: string | null,
  options: LockOptions,
): Promise<LockHolder[]> {
  const alive = liveness(options)
  const live: LockHolder[] = []
  for (const claim of await readClaims(dir, name)) {
    if (claim.file === ownFile) continue
    if (alive(claim.holder)) live.push(claim.holder as LockHolder)
    else await unlink(claim.file).catch(() => undefined)
  }
  return live.sort((a, b) => a.startedAt.localeCompare(b.startedAt))
}

async function removeStaleTemps(dir: string, name: string): Promise<void> {
  for (const entry of await readdir(dir).catch(() => [] as string[])) {
    if (!entry.startsWith(`.${claimPrefix(name)}`) || !entry.endsWith('.tmp')) continue
    const file = join(dir, entry)
    const info = await stat(file).catch(() => null)
    if (info && Date.now() - info.mtimeMs > staleTempMs) await unlink(file).catch(() => undefined)
  }
}

async function writeClaim(dir: string, name: string, holder: Omit<LockHolder, 'file'>): Promise<string> {
  const base = `${claimPrefix(name)}${holder.pid}-${randomBytes(6).toString('hex')}.lock`
  const file = join(dir, base)
  const temp = join(dir, `.${base}.tmp`)
  await writeFile(temp, JSON.stringify(holder), { flag: 'wx' })
  await rename(temp, file)
  return file
}

/**
 * Takes the lock `name` (letters, digits, `-`, `_`) in `dir`, creating `dir` if needed. Resolves
 * with the held lock, or with the live holder that keeps this process out.
 */
export async function acquireLock(dir: string, name: string, options: LockOptions): Promise<LockAttempt> {
  if (!namePattern.test(name))
    throw new Error(`Not a usable lock name: ${JSON.stringify(name.slice(0, 120))}`)
  await makeDirectory(dir)
  await removeStaleTemps(dir, name)
  const claim = {
    pid: options.pid ?? process.pid,
    host: options.host ?? hostname(),
    command: options.command,
    startedAt: new Date().toISOString(),
  }
  let others: LockHolder[] = []
  for (let attempt = 0; attempt < attempts; attempt++) {
    if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, pauseMs()))
    const file = await writeClaim(dir, name, claim)
    others = await liveOthers(dir, name, file, options)
    if (others.length === 0) {
      releaseOnExit(file)
      const holder: LockHolder = { ...claim, file }
      let released = false
      return {
        acquired: true,
        lock: {
          holder,
          async release() {
            if (released) return
            released = true
            heldFiles.delete(file)
            await unlink(file).catch((error: unknown) => {
              if (!isErrno(error, 'ENOENT')) throw error
            })
          },
        },
      }
    }
    await unlink(file)
  }
  return { acquired: false, holder: others[0] as LockHolder }
}

/** The live holder of lock `name` in `dir` (the oldest, if several are starting), or null. */
export async function lockHolder(
  dir: string,
  name: string,
  options: Omit<LockOptions, 'command'> = {},
): Promise<LockHolder | null> {
  const alive = liveness({ ...options, command: '' })
  const live = (await readClaims(dir, name))
    .map((claim) => claim.holder)
    .filter((holder): holder is LockHolder => alive(holder))
    .sort((a, b) => a.startedAt.localeCompare(b.startedAt))
  return live[0] ?? null
}
