import { describe, expect, it } from 'vitest'
import { extensionFor, isAllowedExtension, mimeFor, normaliseMime } from '../../../src/main/store/extension'

describe('extensions', () => {
  it('maps known media types, ignoring parameters and case', () => {
    expect(extensionFor('image/jpeg')).toBe('jpg')
    expect(extensionFor('Video/MP4; codecs="avc1"')).toBe('mp4')
    expect(extensionFor('audio/mpeg')).toBe('mp3')
  })

  it('falls back to the URL path, then to bin', () => {
    expect(extensionFor('application/octet-stream', 'https://cdn.example/a/b/photo.JPEG?Policy=1')).toBe(
      'jpg',
    )
    expect(extensionFor(null, 'https://cdn.example/v.mov')).toBe('mov')
    expect(extensionFor(null, 'https://cdn.example/noext')).toBe('bin')
    expect(extensionFor(null, 'not a url')).toBe('bin')
  })

  it('never takes an extension from hostile input as-is', () => {
    expect(extensionFor('image/../../x')).toBe('bin')
    expect(extensionFor('application/x-msdownload', 'https://evil.example/run.exe')).toBe('bin')
    expect(extensionFor(null, 'https://evil.example/a.php%00.jpg')).toBe('jpg')
    expect(extensionFor(null, 'https://evil.example/x.sh')).toBe('bin')
    expect(isAllowedExtension('jpg/../x')).toBe(false)
    expect(isAllowedExtension('constructor')).toBe(false)
  })

  it('records a specific media type, else the one the extension implies', () => {
    expect(mimeFor('image/png', 'png')).toBe('image/png')
    expect(mimeFor('application/octet-stream', 'mp4')).toBe('video/mp4')
    expect(mimeFor('text/html<script>', 'bin')).toBe('application/octet-stream')
    expect(normaliseMime('text/html; charset=utf-8')).toBe('text/html')
    expect(normaliseMime('bad value')).toBeNull()
  })
})
