import { describe, expect, it } from 'vitest'
import { SchemaDrift } from '../../../src/main/providers/errors'
import { jsonDepthExceeds } from '../../../src/main/providers/http'
import { redact, redactError } from '../../../src/main/providers/redact'
import { withRedactedErrors } from '../../../src/main/providers/redacting-adapter'
import type { ProviderAdapter } from '../../../src/main/providers/types'
import { resolveTarget } from '../../../src/main/providers/request-target'
import { echoOf, keyEchoForms } from '../../fake-providers/hostile-api'
import { leakedForms } from '../../support/key-forms'

const key = 'sk_live_Q2hhdGtlZXAgdGVzdCBrZXk_9f8e7d'

describe('redact', () => {
  for (const form of keyEchoForms) {
    it(`removes the key echoed as ${form}, and nothing around it`, () => {
      const text = `bad key (${echoOf(key, form)}) given`
      const out = redact(text, [key])
      expect(leakedForms(out, key)).toEqual([])
      expect(out).toBe('bad key ([redacted]) given')
    })
  }

  it('finds the key in base64 at any offset, in base64url, and across line breaks', () => {
    for (const prefix of ['', 'a', 'ab', 'abc', 'Authorization: Bearer ', '{"key":"']) {
      const b64 = Buffer.from(`${prefix}${key}"}`).toString('base64')
      const url = Buffer.from(`${prefix}${key}`).toString('base64url')
      const wrapped = (b64.match(/.{1,20}/g) ?? []).join('\r\n')
      for (const text of [b64, url]) expect(redact(`token=${text};`, [key]), text).toBe('token=[redacted];')
      // Wrapped lines: the lines that encode only the prefix may stay, nothing of the key.
      const out = redact(wrapped, [key])
      expect(out).toContain('[redacted]')
      expect(leakedForms(out, key)).toEqual([])
      expect(leakedForms(Buffer.from(out.replace(/\[redacted\]|\s/g, ''), 'base64').toString(), key)).toEqual(
        [],
      )
    }
  })

  it('finds hex with separators and in any case', () => {
    const hex = Buffer.from(key).toString('hex')
    const colons = (hex.match(/../g) ?? []).join(':').toUpperCase()
    expect(redact(`k=${colons}.`, [key])).toBe('k=[redacted].')
  })

  it('finds the key split by tags and entities', () => {
    const split = `${key.slice(0, 5)}<b class="x">${key.slice(5, 12)}</b>&nbsp;${key.slice(12)}`
    expect(redact(`<p>${split}</p>`, [key])).toBe('<p>[redacted]</p>')
  })

  it('leaves text without the key as it was, and short secrets to exact matches', () => {
    const text =
      'SESSION_EXPIRED: This Account can\u2019t be used. <b>Re-authenticate</b> &amp; retry. dGVzdA=='
    expect(redact(text, [key])).toBe(text)
    expect(redact('the word live is fine', ['live'])).toBe('the word [redacted] is fine')
    expect(redact('L I V E', ['live'])).toBe('L I V E')
    expect(redact('abc', ['', 'ab'])).toBe('abc')
  })

  it('redacts an error, its stack and its cause in place', () => {
    const cause = new Error(`inner ${key.toUpperCase()}`)
    const error = new SchemaDrift('fansmetric', 'data.cursor', `got ${Buffer.from(key).toString('hex')}`)
    error.cause = cause
    expect(redactError(error, [key])).toBe(error)
    for (const text of [error.message, error.stack ?? '', cause.message, cause.stack ?? '']) {
      expect(leakedForms(text, key)).toEqual([])
    }
    expect(error.message).toContain('data.cursor')
  })
})

describe('resolveTarget', () => {
  const base = new URL('https://api.example.test/prefix/')

  it('keeps `.` and `..` ids one literal segment, however they are spelt', () => {
    for (const [id, segment] of [
      ['.', '%2E'],
      ['..', '%2E%2E'],
      ['%2e', '%2E'],
      ['.%2E', '%2E%2E'],
    ] as const) {
      const target = resolveTarget(base, `api/acct/chats/${id}/media`, { offset: 0 })
      expect(target.path).toBe(`/prefix/api/acct/chats/${segment}/media?offset=0`)
      expect(target.url.origin).toBe(base.origin)
    }
    // A provider's next_page too, and a backslash is a separator (as URL parsing treats it).
    expect(resolveTarget(base, 'https://evil.test/api/acct/chats/../media?offset=10').path).toBe(
      '/prefix/api/acct/chats/%2E%2E/media?offset=10',
    )
    expect(resolveTarget(base, 'api/acct/chats/..\\media').path).toBe('/prefix/api/acct/chats/%2E%2E/media')
  })

  it('leaves ordinary paths exactly as URL parsing does', () => {
    for (const path of [
      'api/acct/chats',
      '/v1/a%2Fb/chats?x=1',
      'api/ä ö/chats',
      'a/.b/c..d/%2e%2e%2e',
      'a//b',
    ]) {
      const target = resolveTarget(base, path, { limit: 5, skip: undefined })
      expect(target.path).toBe(target.url.pathname + target.url.search)
    }
  })
})

describe('jsonDepthExceeds', () => {
  it('counts arrays and objects, not brackets inside strings', () => {
    expect(jsonDepthExceeds('{"a":[{"b":[1]}]}', 4)).toBe(false)
    expect(jsonDepthExceeds('{"a":[{"b":[[1]]}]}', 4)).toBe(true)
    expect(jsonDepthExceeds(`{"a":"${'['.repeat(100)}\\"${'{'.repeat(100)}"}`, 2)).toBe(false)
    expect(jsonDepthExceeds('['.repeat(5000) + ']'.repeat(5000), 64)).toBe(true)
  })
})

describe('withRedactedErrors', () => {
  it('redacts what any adapter method throws, sync or async, and passes the rest through', async () => {
    const usage = { requests: 3, credits: 1 }
    const adapter = {
      id: 'fansmetric',
      usage,
      rateLimit: null,
      listChats: async () => {
        throw new SchemaDrift('fansmetric', 'cursor', `got ${key.toUpperCase()}`)
      },
      listChatMedia: async () => ({ items: [], next: null }),
      refreshMedia: async () => new Map(),
      resolveDownload: () => {
        throw new Error(`bad url ${encodeURIComponent(key)}`)
      },
    } as unknown as ProviderAdapter
    const wrapped = withRedactedErrors(adapter, [key])
    const listed = (await wrapped.listChats({ account: 'a' }).then(
      () => null,
      (e: unknown) => e,
    )) as Error
    expect(listed).toBeInstanceOf(SchemaDrift)
    expect(leakedForms(`${listed.message}${listed.stack}`, key)).toEqual([])
    expect(() => wrapped.resolveDownload({ account: 'a' }, {} as never, 'full')).toThrow('[redacted]')
    expect(await wrapped.listChatMedia({ account: 'a' }, 'c')).toEqual({ items: [], next: null })
    expect(wrapped.usage).toBe(usage)
    expect(wrapped.id).toBe('fansmetric')
  })
})
