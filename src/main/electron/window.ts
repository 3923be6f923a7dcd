// The main window and the security settings around it: what the renderer may load, navigate to,
// open, and ask permission for. The renderer shows archived media only, so everything that is
// not the app itself is refused.
import { pathToFileURL } from 'node:url'
import type {
  BrowserWindow,
  BrowserWindowConstructorOptions,
  Session,
  Shell,
  WebContents,
  WebPreferences,
} from 'electron'
import { MEDIA_SCHEME } from '../../shared/media-url'

/** Where the renderer comes from: the electron-vite dev server, or the built index.html. */
export type AppLocation =
  { readonly kind: 'dev'; readonly url: string } | { readonly kind: 'file'; readonly indexHtml: string }

/** Hosts whose https links may open in the system browser (where keys are created); nothing else. */
export const externalLinkHosts: readonly string[] = ['onlyfansapi.com', 'ofauth.com', 'fansmetric.com']

/** True only for our own renderer page: the built index.html, or (in development) the dev server origin. */
export function isAppUrl(raw: string, location: AppLocation): boolean {
  let url: URL
  try {
    url = new URL(raw)
  } catch {
    return false
  }
  if (location.kind === 'dev') {
    return url.origin === new URL(location.url).origin
  }
  // Any other file:// page (a dropped file, a file the attacker wrote into the data folder) is not us.
  const ours = pathToFileURL(location.indexHtml)
  return url.protocol === 'file:' && url.host === ours.host && url.pathname === ours.pathname
}

/**
 * The renderer's Content-Security-Policy. Development needs inline scripts (React refresh preamble),
 * inline styles (Vite injects CSS) and the HMR websocket; production needs none of them.
 */
export function contentSecurityPolicy(dev: boolean): string {
  const directives: Readonly<Record<string, string>> = {
    'default-src': "'none'",
    'script-src': dev ? "'self' 'unsafe-inline'" : "'self'",
    'style-src': dev ? "'self' 'unsafe-inline'" : "'self'",
    'img-src': `'self' ${MEDIA_SCHEME}: data: blob:`,
    'media-src': `'self' ${MEDIA_SCHEME}: blob:`,
    'font-src': "'self' data:",
    'connect-src': dev ? "'self' ws://localhost:* ws://127.0.0.1:*" : "'self'",
    'object-src': "'none'",
    'frame-src': "'none'",
    'worker-src': "'self'",
    'base-uri': "'none'",
    'form-action': "'none'",
    'frame-ancestors': "'none'",
  }
  return Object.entries(directives)
    .map(([name, value]) => `${name} ${value}`)
    .join('; ')
}

export function secureWebPreferences(preloadPath: string): WebPreferences {
  return {
    preload: preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    experimentalFeatures: false,
    navigateOnDragDrop: false,
    safeDialogs: true,
    spellcheck: false,
  }
}

export function windowOptions(preloadPath: string, iconPath?: string): BrowserWindowConstructorOptions {
  return {
    title: 'Chatkeep',
    width: 1280,
    height: 820,
    minWidth: 800,
    minHeight: 560,
    show: false,
    backgroundColor: '#111318',
    autoHideMenuBar: true,
    ...(iconPath === undefined ? {} : { icon: iconPath }),
    webPreferences: secureWebPreferences(preloadPath),
  }
}

/** True for an https link to an allowed host (or its subdomain); those may open in the system browser. */
export function isAllowedExternal(raw: string, hosts: readonly string[] = externalLinkHosts): boolean {
  let url: URL
  try {
    url = new URL(raw)
  } catch {
    return false
  }
  if (url.protocol !== 'https:' || url.username !== '' || url.password !== '') return false
  const host = url.hostname.toLowerCase()
  return hosts.some((allowed) => host === allowed || host.endsWith(`.${allowed}`))
}

type OpenExternal = Shell['openExternal']

/** Navigation, new windows and webviews: the page stays the app, links go out only via the allow-list. */
export function hardenWebContents(
  contents: WebContents,
  location: AppLocation,
  openExternal: OpenExternal,
): void {
  const refuseForeign = (event: { preventDefault(): void }, url: string): void => {
    if (!isAppUrl(url, location)) event.preventDefault()
  }
  contents.on('will-navigate', (event) => refuseForeign(event, event.url))
  contents.on('will-frame-navigate', (event) => refuseForeign(event, event.url))
  contents.on('will-redirect', (event) => refuseForeign(event, event.url))
  contents.on('will-attach-webview', (event) => event.preventDefault())
  contents.setWindowOpenHandler(({ url }) => {
    if (isAllowedExternal(url)) {
      // Fire and forget: a failure to launch the browser must not open a window here instead.
      openExternal(url).catch(() => undefined)
    }
    return { action: 'deny' }
  })
}

/** Fullscreen (the video player) and copying are the only permissions the app page gets. */
const grantedPermissions: ReadonlySet<string> = new Set(['fullscreen', 'clipboard-sanitized-write'])

function originOf(raw: string): string | null {
  try {
    return new URL(raw).origin
  } catch {
    return null
  }
}

/** Permissions, the CSP header, and a network fence: the renderer talks to nothing remote. */
export function hardenSession(session: Session, location: AppLocation): void {
  const dev = location.kind === 'dev'
  const devOrigin = dev ? new URL(location.url).origin : null
  const appAllows = (permission: string, url: string): boolean =>
    grantedPermissions.has(permission) && isAppUrl(url, location)

  session.setPermissionRequestHandler((contents, permission, callback) => {
    callback(appAllows(permission, contents.getURL()))
  })
  session.setPermissionCheckHandler((contents, permission) =>
    contents === null ? false : appAllows(permission, contents.getURL()),
  )
  session.setDevicePermissionHandler(() => false)

  // file:// loads do not reliably pass through webRequest, so the built page also carries a meta CSP
  // (the renderer's index.html); this header covers the dev server and anything served over http.
  const csp = contentSecurityPolicy(dev)
  session.webRequest.onHeadersReceived((details, callback) => {
    const headers = { ...details.responseHeaders }
    for (const name of Object.keys(headers)) {
      if (name.toLowerCase() === 'content-security-policy') delete headers[name]
    }
    callback({ responseHeaders: { ...headers, 'Content-Security-Policy': [csp] } })
  })

  session.webRequest.onBeforeRequest((details, callback) => {
    callback({ cancel: !isAllowedRequest(details.url, devOrigin) })
  })
}

const localSchemes: ReadonlySet<string> = new Set([
  'file:',
  `${MEDIA_SCHEME}:`,
  'data:',
  'blob:',
  'devtools:',
])

/** Local schemes pass; http(s)/ws(s) only to the dev server. No remote content, ever. */
export function isAllowedRequest(raw: string, devOrigin: string | null): boolean {
  let url: URL
  try {
    url = new URL(raw)
  } catch {
    return false
  }
  if (localSchemes.has(url.protocol)) return true
  if (devOrigin === null) return false
  // Vite's HMR socket lives on the dev server's host and port.
  if (url.protocol === 'ws:' || url.protocol === 'wss:') return url.host === new URL(devOrigin).host
  return originOf(raw) === devOrigin
}

export interface WindowDeps {
  readonly BrowserWindow: typeof BrowserWindow
  readonly openExternal: OpenExternal
}

export interface WindowConfig {
  readonly location: AppLocation
  readonly preloadPath: string
  readonly iconPath?: string
}

/** Creates the hardened main window and starts loading the app; it shows itself once painted. */
export function createMainWindow(deps: WindowDeps, config: WindowConfig): BrowserWindow {
  const window = new deps.BrowserWindow(windowOptions(config.preloadPath, config.iconPath))
  hardenWebContents(window.webContents, config.location, deps.openExternal)
  window.once('ready-to-show', () => window.show())
  const loading =
    config.location.kind === 'dev'
      ? window.loadURL(config.location.url)
      : window.loadFile(config.location.indexHtml)
  loading.catch((error: unknown) => {
    console.error(
      'chatkeep: the window failed to load the app:',
      error instanceof Error ? error.message : error,
    )
  })
  return window
}
