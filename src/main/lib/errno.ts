// Node reports file-system failures as Errors carrying a `code` (ENOENT, EEXIST, ...): one check for
// "is it this one", so callers never cast to NodeJS.ErrnoException themselves.

/** True when `error` is a Node system error whose code is one of `codes`. */
export function isErrno(error: unknown, ...codes: readonly string[]): boolean {
  return error instanceof Error && codes.includes((error as NodeJS.ErrnoException).code ?? '')
}

/** The system error code of `error`, or null when it has none. */
export function errnoOf(error: unknown): string | null {
  return error instanceof Error ? ((error as NodeJS.ErrnoException).code ?? null) : null
}
