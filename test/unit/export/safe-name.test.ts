import { describe, expect, it } from 'vitest'
import { safeFileName, safeSegment, truncateUtf8, utf8Length } from '../../../src/main/export/safe-name'

// eslint-disable-next-line no-control-regex -- asserting that no control character survives
const windowsForbidden = /[<>:"/\\|?*\u0000-\u001f]/
const reserved = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])(\..*)?$/i

function legalEverywhere(name: string): void {
  expect(name.length).toBeGreaterThan(0)
  expect(name).not.toMatch(windowsForbidden)
  expect(name).not.toMatch(/[. ]$/)
  expect(name).not.toMatch(/^\./)
  expect(name).not.toMatch(reserved)
  expect(name).not.toMatch(/[\u202a-\u202e\u2066-\u2069\u200e\u200f]/)
  expect(utf8Length(name)).toBeLessThanOrEqual(255)
  expect(name).toBe(name.normalize('NFC'))
}

describe('safeSegment', () => {
  it.each([
    ['plain fan', 'plain fan'],
    ['CON', 'CON_'],
    ['con', 'con_'],
    ['PRN', 'PRN_'],
    ['AUX', 'AUX_'],
    ['NUL', 'NUL_'],
    ['NUL.txt', 'NUL_.txt'],
    ['nul.tar.gz', 'nul_.tar.gz'],
    ['COM1', 'COM1_'],
    ['com9.log', 'com9_.log'],
    ['LPT1', 'LPT1_'],
    ['LPT¹', 'LPT¹_'],
    ['CONSOLE', 'CONSOLE'],
    ['COM10', 'COM10'],
    ['trailing dots...', 'trailing dots'],
    ['trailing spaces   ', 'trailing spaces'],
    ['mixed . . ', 'mixed'],
    ['..', '_'],
    ['.', '_'],
    ['.hidden', '_hidden'],
    ['', '_'],
    ['   ', '_'],
    ['../../etc/passwd', '__.._etc_passwd'],
    ['a/b', 'a_b'],
    ['a\\b', 'a_b'],
    ['back\\slash:colon*star?"quote"<lt>|pipe', 'back_slash_colon_star__quote__lt__pipe'],
    ['tab\there\nnew\u0000nul\u007fdel', 'tab_here_new_nul_del'],
    ['rtl \u202Egnp.exe', 'rtl gnp.exe'],
    ['iso\u2067late\u2069', 'isolate'],
    ['emoji 😈🔥💦 fan', 'emoji 😈🔥💦 fan'],
    ['Ünïcödé Ñame', 'Ünïcödé Ñame'],
    ['U\u0308nic', 'Ünic'],
  ])('%j -> %j', (input, expected) => {
    const out = safeSegment(input)
    expect(out).toBe(expected)
    legalEverywhere(out)
  })

  it('cuts 10 KB names to 255 bytes', () => {
    const out = safeSegment('a'.repeat(10 * 1024))
    expect(out).toBe('a'.repeat(255))
  })

  it('cuts multi-byte names on a character boundary without replacement characters', () => {
    for (const unit of ['é', '😈', '👩‍👩‍👧', '字']) {
      const out = safeSegment(unit.repeat(400))
      legalEverywhere(out)
      expect(out).not.toContain('\ufffd')
      expect(out.length % unit.length).toBe(0)
      expect(out.startsWith(unit)).toBe(true)
      expect(utf8Length(out) + utf8Length(unit)).toBeGreaterThan(255)
    }
  })

  it('re-trims a trailing space or dot exposed by the cut', () => {
    const out = safeSegment(`${'a'.repeat(254)} b`)
    expect(out).toBe('a'.repeat(254))
  })
})

describe('safeFileName', () => {
  it.each([
    ['CON', 'png', '', 'CON_.png'],
    ['photo', 'PNG', '', 'photo.png'],
    ['photo', 'p/n\\g', '', 'photo.png'],
    ['photo', '', '', 'photo'],
    ['photo', 'jpg', ' (2)', 'photo (2).jpg'],
    ['trailing. ', 'jpg', '', 'trailing.jpg'],
    ['', 'jpg', '', '_.jpg'],
    ['..', 'jpg', '', '_.jpg'],
  ])('(%j, %j, %j) -> %j', (base, ext, suffix, expected) => {
    const out = safeFileName(base, ext, suffix)
    expect(out).toBe(expected)
    legalEverywhere(out)
  })

  it('keeps the extension and suffix when the base is too long', () => {
    const out = safeFileName('😈'.repeat(200), 'mp4', ' (12)')
    legalEverywhere(out)
    expect(out.endsWith('😈 (12).mp4')).toBe(true)
    expect(utf8Length(out)).toBeLessThanOrEqual(255)
    expect(utf8Length(out)).toBeGreaterThan(250)
  })
})

describe('truncateUtf8', () => {
  it('never splits a surrogate pair or a joined emoji', () => {
    expect(truncateUtf8('a😈', 4)).toBe('a')
    expect(truncateUtf8('a😈', 5)).toBe('a😈')
    expect(truncateUtf8('👩‍👩‍👧x', 10)).toBe('')
  })
})

describe('utf8Length', () => {
  it.each([
    ['', 0],
    ['plain', 5],
    ['é', 2],
    ['日本', 6],
    ['🙂', 4],
    ['a🙂b', 6],
    ['\ud83d', 3],
    ['\ude42x', 4],
    ['\ud83d\ud83d', 6],
  ])('counts %j as the UTF-8 encoder does', (text, bytes) => {
    expect(utf8Length(text)).toBe(bytes)
    expect(utf8Length(text)).toBe(new TextEncoder().encode(text).length)
  })
})
