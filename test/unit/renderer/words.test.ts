// The renderer's words for what the core reports: names with visible bidi controls, errors as what
// happened and what to do, sizes that never read "0 × 0", and zoom that keeps the pointer's point.
import { describe, expect, it } from 'vitest'
import { zoomAt } from '../../../src/renderer/features/viewer/zoom'
import { explainError, explainMessage } from '../../../src/renderer/lib/errors'
import { formatDimensions } from '../../../src/renderer/lib/format'
import { hasBidiControls, visibleBidi } from '../../../src/renderer/lib/text'

/** What bridge.ts throws (BridgeError), built by hand: the bridge module needs a window. */
function bridgeError(code: string, message: string): Error {
  return Object.assign(new Error(message), { name: 'BridgeError', code })
}

describe('renderer words', () => {
  it('shows bidi overrides and isolates by name, keeps marks and plain text', () => {
    expect(visibleBidi('rtl \u202Egnp.exe')).toBe('rtl ⟨RLO⟩gnp.exe')
    expect(visibleBidi('\u2067x\u2069')).toBe('⟨RLI⟩x⟨PDI⟩')
    expect(visibleBidi('שלום\u200F!')).toBe('שלום\u200F!')
    expect(hasBidiControls('a\u202Ab')).toBe(true)
    expect(hasBidiControls('plain')).toBe(false)
  })

  it('turns provider HTTP failures into a sentence and a next step, keeping the raw text as detail', () => {
    const refused = explainMessage('onlyfansapi: HTTP 401: UNAUTHORIZED')
    expect(refused.what).toBe('OnlyFansAPI refused the API key (HTTP 401).')
    expect(refused.next).toMatch(/Settings/)
    expect(refused.detail).toBe('onlyfansapi: HTTP 401: UNAUTHORIZED')
    // What to do next depends on where keys live: the keychain, or serve's session and environment.
    expect(explainMessage('ofauth: HTTP 403', 'electron').next).toMatch(/system keychain.*OFAUTH_API_KEY/)
    expect(explainMessage('ofauth: HTTP 403', 'http').next).toMatch(
      /for this session.*restart chatkeep serve with the right OFAUTH_API_KEY/,
    )
    expect(explainMessage('ofauth: HTTP 429').what).toMatch(/slow down/)
    expect(explainMessage('fansmetric: HTTP 503: busy').what).toMatch(/problem on its side/)
    expect(explainMessage('ofauth: request failed (ENOTFOUND): getaddrinfo').what).toMatch(
      /could not be reached/,
    )
    // A sentence from the core stays the headline.
    expect(explainMessage('This account is already syncing.')).toEqual({
      what: 'This account is already syncing.',
      next: null,
      detail: null,
    })
    const unauthorized = explainError(bridgeError('unauthorized', 'token'))
    expect(unauthorized.what).toBe('Not signed in to this Chatkeep server.')
    expect(explainError(bridgeError('internal', 'SqliteError: boom')).what).not.toMatch(
      /Something went wrong/,
    )
  })

  it('never reports a size of 0 × 0', () => {
    expect(formatDimensions(0, 0)).toBe('')
    expect(formatDimensions(null, 10)).toBe('')
    expect(formatDimensions(1920, 1080)).toBe('1920 × 1080')
  })

  it('zooming keeps the image point under the pointer, and never opens an empty edge', () => {
    const start = { scale: 1, x: 0, y: 0 }
    const zoomed = zoomAt(start, 2, 100, 50, 400, 300)
    // The image point (100, 50) is still at frame point (100, 50).
    expect(zoomed.x + 100 * zoomed.scale).toBe(100)
    expect(zoomed.y + 50 * zoomed.scale).toBe(50)
    const again = zoomAt(zoomed, 4, 300, 200, 400, 300)
    const imagePoint = { x: (300 - zoomed.x) / zoomed.scale, y: (200 - zoomed.y) / zoomed.scale }
    expect(again.x + imagePoint.x * again.scale).toBeCloseTo(300)
    expect(again.y + imagePoint.y * again.scale).toBeCloseTo(200)
    // Zoomed at a corner, the image is clamped to cover the frame.
    const corner = zoomAt(start, 2, 0, 0, 400, 300)
    expect(corner).toEqual({ scale: 2, x: 0, y: 0 })
    expect(zoomAt(zoomed, 1, 10, 10, 400, 300)).toEqual(start)
  })
})
