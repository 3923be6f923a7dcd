import { EventEmitter } from 'node:events'
import { describe, expect, it, vi } from 'vitest'
import type { BrowserWindow, Session, WebContents } from 'electron'

vi.mock('electron', async () => (await import('./electron-mock')).electronModuleMock())

const {
  contentSecurityPolicy,
  createMainWindow,
  hardenSession,
  hardenWebContents,
  isAllowedExternal,
  isAllowedRequest,
  isAppUrl,
  windowOptions,
} = await import('../../../src/main/electron/window')

const fileLocation = {
  kind: 'file',
  indexHtml: '/opt/Chatkeep/resources/app.asar/out/renderer/index.html',
} as const
const devLocation = { kind: 'dev', url: 'http://localhost:5173/' } as const

type Listener = (...args: unknown[]) => void

/** Just enough of WebContents to capture what the window module registers. */
class FakeContents extends EventEmitter {
  openHandler: ((details: { url: string }) => { action: string }) | null = null
  setWindowOpenHandler(handler: (details: { url: string }) => { action: string }): void {
    this.openHandler = handler
  }
  navigate(event: string, url: string): boolean {
    const ev = { url, preventDefault: vi.fn() }
    this.emit(event, ev)
    return ev.preventDefault.mock.calls.length > 0
  }
}

function fakeContents(): FakeContents & WebContents {
  return new FakeContents() as FakeContents & WebContents
}

describe('window options', () => {
  it('turn on every renderer isolation setting', () => {
    const prefs = windowOptions('/app/out/preload/index.cjs').webPreferences
    expect(prefs).toMatchObject({
      preload: '/app/out/preload/index.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
    })
  })

  it('creates the window with them and loads only the app', async () => {
    const created: unknown[] = []
    const loadFile = vi.fn(() => Promise.resolve())
    const contents = fakeContents()
    class FakeWindow extends EventEmitter {
      webContents = contents
      loadFile = loadFile
      loadURL = vi.fn(() => Promise.resolve())
      show = vi.fn()
      constructor(options: unknown) {
        super()
        created.push(options)
      }
    }
    const window = createMainWindow(
      { BrowserWindow: FakeWindow as unknown as typeof BrowserWindow, openExternal: vi.fn() },
      { location: fileLocation, preloadPath: '/p/index.cjs' },
    )
    expect(created).toEqual([windowOptions('/p/index.cjs')])
    expect(loadFile).toHaveBeenCalledWith(fileLocation.indexHtml)
    expect(contents.openHandler).not.toBeNull()
    window.emit('ready-to-show')
    expect((window as unknown as FakeWindow).show).toHaveBeenCalled()
  })
})

describe('app URL check', () => {
  it('accepts only our own index.html or the dev server origin', () => {
    expect(isAppUrl('file:///opt/Chatkeep/resources/app.asar/out/renderer/index.html', fileLocation)).toBe(
      true,
    )
    expect(
      isAppUrl('file:///opt/Chatkeep/resources/app.asar/out/renderer/index.html#/chats', fileLocation),
    ).toBe(true)
    expect(isAppUrl('file:///tmp/evil.html', fileLocation)).toBe(false)
    expect(isAppUrl('file:///opt/Chatkeep/resources/app.asar/out/renderer/other.html', fileLocation)).toBe(
      false,
    )
    expect(isAppUrl('https://example.com/', fileLocation)).toBe(false)
    expect(isAppUrl('not a url', fileLocation)).toBe(false)
    expect(isAppUrl('http://localhost:5173/#/gallery', devLocation)).toBe(true)
    expect(isAppUrl('http://localhost:5174/', devLocation)).toBe(false)
    expect(isAppUrl('http://localhost.evil.com:5173/', devLocation)).toBe(false)
  })
})

describe('navigation and new windows', () => {
  it('denies navigation away from the app', () => {
    const contents = fakeContents()
    hardenWebContents(contents, fileLocation, vi.fn())
    for (const event of ['will-navigate', 'will-frame-navigate', 'will-redirect']) {
      expect(contents.navigate(event, 'https://onlyfans.com/')).toBe(true)
      expect(contents.navigate(event, 'file:///etc/passwd')).toBe(true)
      expect(contents.navigate(event, `file://${fileLocation.indexHtml}`)).toBe(false)
    }
    const webview = { preventDefault: vi.fn() }
    ;(contents.listeners('will-attach-webview')[0] as Listener)(webview)
    expect(webview.preventDefault).toHaveBeenCalled()
  })

  it('denies every window.open and opens only allow-listed https links externally', () => {
    const contents = fakeContents()
    const openExternal = vi.fn(() => Promise.resolve())
    hardenWebContents(contents, fileLocation, openExternal)
    const open = (url: string): string | undefined => contents.openHandler?.({ url }).action
    expect(open('https://app.onlyfansapi.com/api-keys')).toBe('deny')
    expect(open('https://evil.example/')).toBe('deny')
    expect(open('http://onlyfansapi.com/')).toBe('deny')
    expect(open('file:///etc/passwd')).toBe('deny')
    expect(openExternal.mock.calls).toEqual([['https://app.onlyfansapi.com/api-keys']])
  })

  it('allow-list matches hosts exactly or as subdomains, https only, no credentials', () => {
    expect(isAllowedExternal('https://ofauth.com/docs')).toBe(true)
    expect(isAllowedExternal('https://notofauth.com/')).toBe(false)
    expect(isAllowedExternal('https://ofauth.com.evil.net/')).toBe(false)
    expect(isAllowedExternal('https://user:pw@ofauth.com/')).toBe(false)
    expect(isAllowedExternal('javascript:alert(1)')).toBe(false)
  })
})

describe('session hardening', () => {
  function fakeSession(): {
    session: Session
    request: (url: string, permission: string) => boolean
    check: (url: string | null, permission: string) => boolean
    device: () => boolean
    headers: (headers: Record<string, string[]>) => Record<string, unknown>
    before: (url: string) => boolean
  } {
    const handlers: Record<string, (...args: never[]) => unknown> = {}
    const session = {
      setPermissionRequestHandler: (h: never) => (handlers['request'] = h),
      setPermissionCheckHandler: (h: never) => (handlers['check'] = h),
      setDevicePermissionHandler: (h: never) => (handlers['device'] = h),
      webRequest: {
        onHeadersReceived: (h: never) => (handlers['headers'] = h),
        onBeforeRequest: (h: never) => (handlers['before'] = h),
      },
    } as unknown as Session
    const call = (name: string, ...args: unknown[]): unknown =>
      (handlers[name] as (...a: unknown[]) => unknown)(...args)
    return {
      session,
      request: (url, permission) => {
        let granted: boolean | undefined
        call('request', { getURL: () => url }, permission, (g: boolean) => (granted = g), {})
        return granted ?? false
      },
      check: (url, permission) =>
        call('check', url === null ? null : { getURL: () => url }, permission, '', {}) as boolean,
      device: () => call('device', {}) as boolean,
      headers: (responseHeaders) => {
        let out: Record<string, unknown> = {}
        call(
          'headers',
          { responseHeaders, url: 'http://localhost:5173/' },
          (r: { responseHeaders: Record<string, unknown> }) => (out = r.responseHeaders),
        )
        return out
      },
      before: (url) => {
        let cancel = true
        call('before', { url }, (r: { cancel: boolean }) => (cancel = r.cancel))
        return !cancel
      },
    }
  }

  it('denies permission requests except fullscreen and copy from the app page', () => {
    const s = fakeSession()
    hardenSession(s.session, fileLocation)
    const app = `file://${fileLocation.indexHtml}`
    for (const permission of [
      'media',
      'geolocation',
      'notifications',
      'openExternal',
      'clipboard-read',
      'hid',
    ]) {
      expect(s.request(app, permission)).toBe(false)
      expect(s.check(app, permission)).toBe(false)
    }
    expect(s.request(app, 'fullscreen')).toBe(true)
    expect(s.request('https://evil.example/', 'fullscreen')).toBe(false)
    expect(s.check(null, 'fullscreen')).toBe(false)
    expect(s.device()).toBe(false)
  })

  it('replaces any CSP header with our strict one', () => {
    const s = fakeSession()
    hardenSession(s.session, devLocation)
    const headers = s.headers({ 'content-security-policy': ['default-src *'], 'Content-Type': ['text/html'] })
    expect(headers['content-security-policy']).toBeUndefined()
    expect(headers['Content-Security-Policy']).toEqual([contentSecurityPolicy(true)])
    expect(headers['Content-Type']).toEqual(['text/html'])
  })

  it('production CSP allows no inline script, no remote origin', () => {
    const csp = contentSecurityPolicy(false)
    expect(csp).toContain("default-src 'none'")
    expect(csp).toContain("script-src 'self';")
    expect(csp).not.toContain('unsafe-inline')
    expect(csp).not.toContain('unsafe-eval')
    expect(csp).not.toMatch(/https?:/)
    expect(csp).toContain('chatkeep-media:')
  })

  it('fences the network: local schemes only, plus the dev server in development', () => {
    expect(isAllowedRequest('chatkeep-media://media/1/full', null)).toBe(true)
    expect(isAllowedRequest('file:///x/index.html', null)).toBe(true)
    expect(isAllowedRequest('https://cdn.example/x.jpg', null)).toBe(false)
    expect(isAllowedRequest('http://localhost:5173/src/main.tsx', 'http://localhost:5173')).toBe(true)
    expect(isAllowedRequest('ws://localhost:5173/', 'http://localhost:5173')).toBe(true)
    expect(isAllowedRequest('ws://localhost:9999/', 'http://localhost:5173')).toBe(false)
    expect(isAllowedRequest('https://cdn.example/x.jpg', 'http://localhost:5173')).toBe(false)
    const s = fakeSession()
    hardenSession(s.session, fileLocation)
    expect(s.before('https://tracker.example/pixel.gif')).toBe(false)
    expect(s.before('chatkeep-media://media/3/thumb')).toBe(true)
  })
})
