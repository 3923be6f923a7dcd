import { describe, expect, it } from 'vitest'
import { ApiError, unexpectedMessage } from '../../../src/main/api/errors'
import { invoke } from '../../../src/main/api/invoke'
import type { Handlers } from '../../../src/shared/contract'
import { fakeAppInfo, fakeHandlers } from '../../support/fake-handlers'

function handlers(overrides: Partial<Handlers> = {}): Handlers {
  return fakeHandlers({
    'app:info': async () => fakeAppInfo,
    'accounts:list': async () => [],
    ...overrides,
  })
}

function logger(): { log: (where: string, error: unknown) => void; logged: Array<[string, unknown]> } {
  const logged: Array<[string, unknown]> = []
  return { log: (where, error) => logged.push([where, error]), logged }
}

describe('invoke', () => {
  it('hands the handler its parsed input, defaults applied, and answers ok', async () => {
    const seen: unknown[] = []
    const result = await invoke(
      handlers({ 'media:search': async (query) => (seen.push(query), { total: 0, rows: [] }) }),
      'media:search',
      { search: 'x' },
    )
    expect(result).toEqual({ ok: true, value: { total: 0, rows: [] } })
    expect(seen).toEqual([{ search: 'x', sort: 'newest', offset: 0, limit: 200 }])
  })

  it('takes a missing argument as an empty object', async () => {
    await expect(invoke(handlers(), 'accounts:list', undefined)).resolves.toEqual({ ok: true, value: [] })
  })

  it('refuses bad input with bad_input on one line naming the channel and the field, before any handler runs', async () => {
    let called = false
    const h = handlers({ 'chats:list': async () => ((called = true), []) })
    const result = await invoke(h, 'chats:list', { accountId: 'seven' })
    expect(result).toMatchObject({ ok: false, error: { code: 'bad_input' } })
    if (result.ok) return
    expect(result.error.message).toMatch(/^Invalid input for chats:list: accountId: /)
    expect(result.error.message).not.toContain('\n')
    expect(called).toBe(false)
    await expect(invoke(h, 'chats:list', 'DROP TABLE media')).resolves.toMatchObject({
      ok: false,
      error: { code: 'bad_input' },
    })
  })

  it('maps a typed error through the error table without logging it', async () => {
    const { log, logged } = logger()
    const h = handlers({
      'media:get': async ({ id }) => {
        throw new ApiError('not_found', `No media with id ${id}.`)
      },
    })
    await expect(invoke(h, 'media:get', { id: 42 }, log)).resolves.toEqual({
      ok: false,
      error: { code: 'not_found', message: 'No media with id 42.' },
    })
    expect(logged).toEqual([])
  })

  it('logs an unexpected error in full and answers one fixed line', async () => {
    const { log, logged } = logger()
    const boom = new Error('SQLITE_CORRUPT at /home/me/catalog.db\n    at Database.prepare (x.js:1:1)')
    const h = handlers({
      'chat:search': async () => {
        throw boom
      },
    })
    const result = await invoke(h, 'chat:search', { chatId: 1, search: 'x' }, log)
    expect(result).toEqual({ ok: false, error: { code: 'internal', message: unexpectedMessage } })
    expect(logged).toEqual([['chat:search', boom]])
  })

  it('refuses to pass an output that breaks the contract, and logs which channel did', async () => {
    const { log, logged } = logger()
    const h = handlers({ 'sync:start': async () => ({ jobs: 'seven' }) as never })
    const result = await invoke(h, 'sync:start', { accountId: 1 }, log)
    expect(result).toEqual({ ok: false, error: { code: 'internal', message: unexpectedMessage } })
    expect(String(logged[0]?.[1])).toContain('output of sync:start broke the contract: jobs')
  })

  it('strips fields the output schema does not know (a key never leaves by accident)', async () => {
    const h = handlers({
      'app:info': async () => ({ ...fakeAppInfo, apiKey: 'sk_live_secret' }) as never,
    })
    const result = await invoke(h, 'app:info', {})
    expect(result.ok).toBe(true)
    expect(JSON.stringify(result)).not.toContain('sk_live_secret')
  })
})
