import { describe, expect, it } from 'vitest'
import { isMediaMime, mimeForExtension, mimeForPath } from '../../../src/main/lib/mime'

describe('mime', () => {
  it('names media and web types by extension, any case, with or without the dot', () => {
    expect(mimeForExtension('jpg')).toBe('image/jpeg')
    expect(mimeForExtension('.JPEG')).toBe('image/jpeg')
    expect(mimeForExtension('mp4')).toBe('video/mp4')
    expect(mimeForExtension('m4a')).toBe('audio/mp4')
    expect(mimeForExtension('html')).toBe('text/html; charset=utf-8')
    expect(mimeForExtension('exe')).toBeNull()
    expect(mimeForExtension('constructor')).toBeNull()
    expect(mimeForExtension('__proto__')).toBeNull()
  })

  it('reads the extension off a path', () => {
    expect(mimeForPath('/assets/index-abc123.js')).toBe('text/javascript; charset=utf-8')
    expect(mimeForPath('favicon.ICO')).toBe('image/x-icon')
    expect(mimeForPath('/no-extension')).toBeNull()
    expect(mimeForPath('/x.tar.gz')).toBeNull()
  })

  it('tells media from the rest', () => {
    expect(isMediaMime('image/webp')).toBe(true)
    expect(isMediaMime('audio/ogg')).toBe(true)
    expect(isMediaMime('text/html; charset=utf-8')).toBe(false)
    expect(isMediaMime('image/svg+xml')).toBe(true)
  })
})
