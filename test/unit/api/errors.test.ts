import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterAll, describe, expect, it } from 'vitest'
import { ApiError, describeForLog, toFailure, unexpectedMessage } from '../../../src/main/api/errors'
import { ExportRequestError } from '../../../src/main/export/jobs'

const dir = mkdtempSync(join(tmpdir(), 'chatkeep-errors-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

function answer(error: unknown): { failure: ReturnType<typeof toFailure>; logged: unknown[] } {
  const logged: unknown[] = []
  const failure = toFailure(error, (unexpected) => logged.push(unexpected))
  return { failure, logged }
}

function errno(code: string, message: string): Error {
  return Object.assign(new Error(message), { code })
}

/** A real SQLITE_BUSY: a second connection tries to write while the first holds the write lock. */
function busyError(): unknown {
  const path = join(dir, 'busy.sqlite')
  const first = new Database(path)
  const second = new Database(path, { timeout: 0 })
  try {
    first.exec('CREATE TABLE t (x)')
    first.exec('BEGIN IMMEDIATE')
    second.exec('INSERT INTO t VALUES (1)')
    return null
  } catch (error) {
    return error
  } finally {
    first.close()
    second.close()
  }
}

describe('the error table', () => {
  it('passes a handler’s ApiError through with its code and message', () => {
    const { failure, logged } = answer(new ApiError('not_found', 'No chat with id 4.'))
    expect(failure).toEqual({ ok: false, error: { code: 'not_found', message: 'No chat with id 4.' } })
    expect(logged).toEqual([])
  })

  it('answers an export request the user got wrong with bad_input', () => {
    const { failure } = answer(new ExportRequestError('The template must end with .{ext}.'))
    expect(failure.error).toEqual({ code: 'bad_input', message: 'The template must end with .{ext}.' })
  })

  it('tells a busy catalog from a bug, with a line that says to try again', () => {
    const busy = busyError()
    expect(busy).toBeInstanceOf(Database.SqliteError)
    const { failure, logged } = answer(busy)
    expect(failure.error.code).toBe('unavailable')
    expect(failure.error.message).toMatch(/another Chatkeep process .* Try again/)
    expect(logged).toEqual([])
  })

  it('groups a SQLite extended code under its family', () => {
    const readonly = new Database.SqliteError(
      'attempt to write a readonly database',
      'SQLITE_READONLY_DBMOVED',
    )
    expect(answer(readonly).failure.error.code).toBe('forbidden')
    const corrupt = new Database.SqliteError('database disk image is malformed', 'SQLITE_CORRUPT')
    expect(answer(corrupt).failure.error).toEqual({ code: 'internal', message: unexpectedMessage })
  })

  it('answers a full disk and a refused write without the path the system message names', () => {
    const full = answer(errno('ENOSPC', 'ENOSPC: no space left on device, write /home/me/x'))
    expect(full.failure.error).toEqual({
      code: 'unavailable',
      message: 'The disk is full: free some space, then try again.',
    })
    const denied = answer(errno('EACCES', "EACCES: permission denied, open '/root/x'"))
    expect(denied.failure.error.code).toBe('forbidden')
    expect(JSON.stringify([full.failure, denied.failure])).not.toMatch(/home|root/)
  })

  it('hides everything else behind one fixed line and hands the error to the log', () => {
    const secret = new Error(
      'SQLITE_CORRUPT at /home/me/.config/Chatkeep/catalog.db\n    at prepare (x.js:1:1)',
    )
    for (const error of [
      secret,
      errno('ENOENT', 'ENOENT: /secret/path'),
      Object.assign(new Error('x'), { code: 'not_found' }),
      'a thrown string',
      null,
    ]) {
      const { failure, logged } = answer(error)
      expect(failure).toEqual({ ok: false, error: { code: 'internal', message: unexpectedMessage } })
      expect(logged).toEqual([error])
    }
    expect(unexpectedMessage).not.toContain('\n')
  })

  it('keeps only the first line of a typed message and bounds its length', () => {
    const { failure } = answer(new ApiError('bad_input', `${'x'.repeat(1000)}\n    at stack`))
    expect(failure.error.message.length).toBeLessThanOrEqual(301)
    expect(failure.error.message).not.toContain('stack')
  })
})

describe('describeForLog', () => {
  it('gives the log the stack and every cause', () => {
    const error = new Error('outer', { cause: new Error('inner') })
    const text = describeForLog(error)
    expect(text).toContain('Error: outer')
    expect(text).toContain('errors.test.ts')
    expect(text).toContain('caused by:')
    expect(text).toContain('Error: inner')
    expect(describeForLog('plain')).toBe('plain')
  })
})
