import { describe, expect, it } from 'vitest'
import { escapeHtml, relativeUrl } from '../../../src/main/export/html'
import {
  renderTranscript,
  transcriptCsp,
  type TranscriptMessage,
} from '../../../src/main/export/transcript-html'

const hostile = [
  '<script>alert(1)</script>',
  '<img src=x onerror="alert(1)">',
  '<img src=x onerror=alert(1)>',
  '"><svg onload=alert(1)>',
  "' onmouseover='alert(1)",
  '</style><script>x</script>',
  '<iframe src="https://evil.example"></iframe>',
  '\u202Egnp.exe',
]

const messages: TranscriptMessage[] = hostile.map((text, i) => ({
  messageId: `m${i}"><script>`,
  createdAt: `2024-01-0${(i % 9) + 1}T10:00:00.000Z`,
  fromCreator: i % 2 === 0,
  price: i === 1 ? 9.99 : null,
  text,
  media: [
    { mediaId: `${i}`, type: 'photo', status: 'downloaded', href: `a%20b/${i}.png`, variant: 'full' },
    { mediaId: `v${i}`, type: 'video', status: 'locked', href: null, variant: null },
    { mediaId: `x${i}`, type: 'photo', status: 'downloaded', href: null, variant: null, outsideExport: true },
  ],
}))

function page(): string {
  const chat = {
    provider: 'onlyfansapi',
    account: 'acct',
    chat: '1',
    fan: '<b>fan</b>',
    fanName: '<script>alert("name")</script>',
  }
  return [...renderTranscript(chat, messages, '2024-02-01T00:00:00.000Z')].join('')
}

/** Drops the contents of every text node and attribute value, leaving only the markup we emitted. */
function markupOnly(html: string): string {
  return html
    .replace(/<style>[\s\S]*?<\/style>/, '<style></style>')
    .replace(/"[^"]*"/g, '""')
    .replace(/>[^<]*</g, '><')
}

describe('transcript', () => {
  it('escapes every piece of hostile text: no script, handler, iframe or svg in the markup', () => {
    const html = page()
    const markup = markupOnly(html)
    expect(markup).not.toMatch(/<script|<iframe|<svg|onerror|onload|onmouseover/i)
    const tags = [...markup.matchAll(/<\/?([a-z0-9!]+)/gi)].map((m) => (m[1] ?? '').toLowerCase())
    const allowed = new Set([
      '!doctype',
      'html',
      'head',
      'meta',
      'title',
      'style',
      'body',
      'header',
      'h1',
      'h2',
      'time',
      'div',
      'main',
      'article',
      'p',
      'a',
      'img',
      'video',
      'audio',
      'span',
    ])
    expect(tags.filter((t) => !allowed.has(t))).toEqual([])
    for (const text of hostile) expect(html).toContain(escapeHtml(text))
    expect(html).toContain('&lt;script&gt;alert(&quot;name&quot;)&lt;/script&gt;')
  })

  it('has a strict CSP: nothing runs, nothing loads from the network', () => {
    const html = page()
    expect(html).toContain('<meta http-equiv="Content-Security-Policy"')
    expect(transcriptCsp).toContain("default-src 'none'")
    expect(transcriptCsp).not.toMatch(/script-src|unsafe-inline|unsafe-eval|https?:/)
    expect(html).not.toMatch(/(src|href)="(https?:|\/\/|javascript:)/i)
  })

  it('links media relatively with the right tags, and says why an item has no file', () => {
    const html = page()
    expect(html).toContain('<img src="a%20b/0.png"')
    expect(html).toContain('video v0: locked, no file')
    // Left out of a selection export: said so, not "downloaded, no file".
    expect(html).toContain('photo x0: not in this export')
    expect(html).not.toContain('downloaded, no file')
    expect(html).toContain('$9.99')
    expect(html).toMatch(/acct \(creator\)/)
  })

  it('wraps long unbroken names and text instead of widening the page', () => {
    expect(page()).toMatch(/<style>[^<]*body\{[^}]*overflow-wrap:anywhere/)
  })

  it('lists messages in the given order', () => {
    const html = page()
    const ids = [...html.matchAll(/id="m-m(\d)/g)].map((m) => m[1])
    expect(ids).toEqual(['0', '1', '2', '3', '4', '5', '6', '7'])
  })
})

describe('relativeUrl', () => {
  it.each([
    ['a/b', 'a/b/x.png', 'x.png'],
    ['a/b', 'a/c/x.png', '../c/x.png'],
    ['', 'a/x y.png', 'a/x%20y.png'],
    ['a', 'a/#100%?.png', '%23100%25%3F.png'],
    ['x/y', 'z.png', '../../z.png'],
  ])('from %j to %j is %j', (from, to, expected) => {
    expect(relativeUrl(from, to)).toBe(expected)
  })
})
