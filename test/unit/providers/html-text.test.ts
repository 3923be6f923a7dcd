import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { htmlToText } from '../../../src/main/providers/html-text'

function payload(name: string): { text: string } {
  return JSON.parse(
    readFileSync(new URL(`../../fixtures/providers/payloads/${name}`, import.meta.url), 'utf8'),
  )
}

describe('htmlToText', () => {
  it('turns <br> and <p> into newlines and decodes entities (real post text)', () => {
    const text = htmlToText(payload('onlyfans-post-2.json').text)
    expect(text).toBe(
      "loremipsu? dol sit amet co??\n\nA'el sedd eiusmod te i utl etdo >.< mag a ute admi veniamqu!!",
    )
  })

  it('drops nested formatting tags of the DRM post and keeps the hearts', () => {
    const text = htmlToText(payload('onlyfans-post-drm-1.json').text)
    expect(text).not.toMatch(/<\/?[a-z]|class=/)
    expect(text.split('\n')[0]).toBe('LOR IPS DOLO!!! (SI am CONSECTETURAD eli se <3)')
    expect(text).toContain('♡ doei temporin')
  })

  it('keeps plain text (with emoji) as it is', () => {
    const text = payload('onlyfans-message-1.json').text
    expect(htmlToText(text)).toBe(text)
  })

  it('keeps a link as text: its words and its web address', () => {
    expect(htmlToText('see <a href="https://evil.example/x">my page</a>!')).toBe(
      'see my page (https://evil.example/x)!',
    )
    // OnlyFans links a bare address to itself: it is written once.
    expect(htmlToText('<a href="https://site.example/">site.example</a>')).toBe('https://site.example/')
    expect(htmlToText('<a href="mailto:a@b.example">mail me</a>')).toBe('mail me (mailto:a@b.example)')
    expect(htmlToText("<a href='https://x.example/?a=1&amp;b=2'><b>bold</b> link</a>")).toBe(
      'bold link (https://x.example/?a=1&b=2)',
    )
    // Only web and mail addresses are kept; script targets and relative paths are not.
    expect(htmlToText('<a href="javascript:alert(1)">click</a>')).toBe('click')
    expect(htmlToText('<a href="/my/profile">me</a>')).toBe('me')
  })

  it('never produces markup from hostile input', () => {
    expect(htmlToText('<script>alert(1)</script>hi')).toBe('hi')
    expect(htmlToText('<img src=x onerror="alert(1)">after')).toBe('after')
    // Escaped markup decodes to text; callers must still render it as text, which is the contract.
    expect(htmlToText('&lt;b&gt;bold&lt;/b&gt;')).toBe('<b>bold</b>')
    expect(htmlToText('a < b and c > d')).toBe('a < b and c > d')
  })

  it('decodes numeric entities and rejects invalid code points', () => {
    expect(htmlToText('&#128512; &#x1F600; &#0; &#xD800; &bogus;')).toBe('😀 😀 \ufffd \ufffd &bogus;')
  })

  it('handles empty and null', () => {
    expect(htmlToText(null)).toBe('')
    expect(htmlToText('')).toBe('')
    expect(htmlToText('<p></p>')).toBe('')
  })
})
