import { describe, expect, it } from 'vitest'
import {
  bodyLimit,
  fullFileCaps,
  previewCap,
  providerSizeBound,
  sizeCapFor,
  thumbnailCap,
} from '../../../src/main/download/size-limits'

describe('size limits', () => {
  it('gives every kind of file a cap, previews never above their full file', () => {
    expect(sizeCapFor('photo', 'full')).toBe(fullFileCaps.photo)
    expect(sizeCapFor('video', 'full')).toBe(fullFileCaps.video)
    expect(sizeCapFor('photo', 'preview')).toBe(fullFileCaps.photo)
    expect(sizeCapFor('video', 'preview')).toBe(previewCap)
    expect(sizeCapFor('video', 'thumb')).toBe(thumbnailCap)
    expect(sizeCapFor('audio', 'squarePreview')).toBe(thumbnailCap)
  })

  it('allows a provider size 1/16 of slack, at least 64 KiB', () => {
    expect(providerSizeBound(1000)).toBe(1000 + 64 * 1024)
    expect(providerSizeBound(16 * 1024 * 1024)).toBe(17 * 1024 * 1024)
  })

  it('takes the tightest of the response length, the provider size and the cap', () => {
    expect(bodyLimit(null, null, 500)).toEqual({ bytes: 500, source: 'cap' })
    expect(bodyLimit(null, 1000, 10 ** 9)).toEqual({ bytes: providerSizeBound(1000), source: 'provider' })
    expect(bodyLimit(2000, 1000, 10 ** 9)).toEqual({ bytes: 2000, source: 'response' })
    expect(bodyLimit(10 ** 8, 1000, 10 ** 9)).toEqual({ bytes: providerSizeBound(1000), source: 'provider' })
    expect(bodyLimit(10 ** 8, null, 500)).toEqual({ bytes: 500, source: 'cap' })
  })
})
