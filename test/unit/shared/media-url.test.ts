import { describe, expect, it } from 'vitest'
import { appMediaUrl, parseMediaPath, serveMediaUrl } from '../../../src/shared/media-url'

describe('the media URL form', () => {
  it('builds the Electron and serve forms from one path', () => {
    expect(appMediaUrl(12, 'full')).toBe('chatkeep-media://media/12/full')
    expect(serveMediaUrl(12, 'thumb', null)).toBe('/media/12/thumb')
    expect(serveMediaUrl(12, 'thumb', 'a b&c')).toBe('/media/12/thumb?key=a%20b%26c')
  })

  it('parses exactly /media/<positive id>/<full|thumb>', () => {
    expect(parseMediaPath('/media/12/full')).toEqual({ id: 12, kind: 'full' })
    expect(parseMediaPath('/media/999999999999999/thumb')).toEqual({ id: 999999999999999, kind: 'thumb' })
    for (const bad of [
      '/media/0/full',
      '/media/01/full',
      '/media/-1/full',
      '/media/1.5/full',
      '/media/1/preview',
      '/media/1/full/',
      '/media/1/full/../../x',
      '/media/9999999999999999/full',
      'media/1/full',
      '/files/1/full',
    ]) {
      expect(parseMediaPath(bad), bad).toBeNull()
    }
  })
})
