// The one table between the layers and the contract: which typed error becomes which contract
// error code, and what the user is told (one line: what happened, what to do next). Anything the
// table does not know is a bug or an accident; its text may hold paths, SQL or worse, so the user
// gets one fixed line and the log gets the detail. Both transports reach it through `invoke`.
import Database from 'better-sqlite3'
import type { ErrorCode, Result } from '../../shared/contract'
import { ExportRequestError } from '../export/jobs'

/** An error a handler means to show: its code and one-line message reach the user as they are. */
export class ApiError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message)
    this.name = 'ApiError'
  }
}

export type Failure = Extract<Result<never>, { ok: false }>

interface Answer {
  readonly code: ErrorCode
  readonly message: string
}

/** One row of the table: null when the row does not know this error after all. */
type ErrorRule = (error: unknown) => Answer | null

/** The user's line for an error nobody planned for. */
export const unexpectedMessage =
  'Something went wrong inside Chatkeep; the details are in its log. Try again, and report it if it keeps happening.'

/** Long enough for any message we write; short enough that no dump or stack fits. */
const MAX_MESSAGE = 300

/** One line, bounded, so a message can never smuggle a stack trace or a request dump. */
export function oneLine(message: string): string {
  const line = (message.split('\n', 1)[0] ?? '').trim()
  return line.length > MAX_MESSAGE ? `${line.slice(0, MAX_MESSAGE)}…` : line
}

function ofType<E extends Error>(
  type: abstract new (...args: never[]) => E,
  answer: (error: E) => Answer | null,
): ErrorRule {
  return (error) => (error instanceof type ? answer(error) : null)
}

/** Node's system errors (`ENOSPC` …) carry their kind in `code`; their message names the path. */
function ofErrno(codes: readonly string[], answer: Answer): ErrorRule {
  return (error) =>
    error instanceof Error && 'code' in error && codes.includes(String(error.code)) ? answer : null
}

const diskFull: Answer = {
  code: 'unavailable',
  message: 'The disk is full: free some space, then try again.',
}

/** better-sqlite3's codes for a catalog that another process holds, a full disk, or a read-only file. */
const sqliteAnswers: Readonly<Record<string, Answer>> = {
  SQLITE_BUSY: {
    code: 'unavailable',
    message: 'The catalog is busy: another Chatkeep process is writing to it. Try again in a moment.',
  },
  SQLITE_LOCKED: {
    code: 'unavailable',
    message: 'The catalog is busy: another Chatkeep process is writing to it. Try again in a moment.',
  },
  SQLITE_FULL: diskFull,
  SQLITE_READONLY: {
    code: 'forbidden',
    message: 'The catalog cannot be written: check that the data folder is writable, then try again.',
  },
}

/** First match wins. Add a row here, never a `code` check in a transport. */
const errorTable: readonly ErrorRule[] = [
  ofType(ApiError, (error) => ({ code: error.code, message: error.message })),
  ofType(ExportRequestError, (error) => ({ code: 'bad_input', message: error.message })),
  // SQLITE_READONLY_DBMOVED and friends share the prefix of their family.
  ofType(
    Database.SqliteError,
    (error) => sqliteAnswers[error.code.replace(/^(SQLITE_[A-Z]+)_.*$/, '$1')] ?? null,
  ),
  ofErrno(['ENOSPC', 'EDQUOT'], diskFull),
  ofErrno(['EACCES', 'EPERM', 'EROFS'], {
    code: 'forbidden',
    message: 'Chatkeep was not allowed to write there: choose another folder or fix its permissions.',
  }),
]

/**
 * The contract's answer for a thrown error. An error the table does not know goes to `logUnexpected`
 * in full and reaches the user as one fixed line.
 */
export function toFailure(error: unknown, logUnexpected: (error: unknown) => void): Failure {
  for (const rule of errorTable) {
    const answer = rule(error)
    if (answer !== null) return { ok: false, error: { code: answer.code, message: oneLine(answer.message) } }
  }
  logUnexpected(error)
  return { ok: false, error: { code: 'internal', message: unexpectedMessage } }
}

/** The log's view of an unexpected error: its stack (message included) and every cause. */
export function describeForLog(error: unknown): string {
  const lines: string[] = []
  let current: unknown = error
  for (let depth = 0; current !== undefined && depth < 5; depth += 1) {
    if (current instanceof Error) {
      lines.push(current.stack ?? `${current.name}: ${current.message}`)
      current = current.cause
    } else {
      lines.push(String(current))
      current = undefined
    }
    if (current !== undefined) lines.push('caused by:')
  }
  return lines.join('\n')
}
