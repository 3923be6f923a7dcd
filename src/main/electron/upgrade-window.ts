// What the desktop app shows while its catalog upgrades. A migration with a notice on a big catalog
// runs for seconds to minutes (migration 0008 rebuilt the search index in ~5 minutes at 10 million
// messages) inside one synchronous SQLite transaction on the main process, and the app showed
// nothing at all meanwhile: it looked hung. So the notices (catalog/db.ts pendingNotices) go into a
// small window first; its page is painted by its own renderer process, so it stays on screen
// while the main process is busy, and it closes once the main window is up.
//
// The page is static: the notices as escaped text in a data: URL, JavaScript off, no preload, a
// CSP that allows nothing but its inline style.
import type { BrowserWindowConstructorOptions } from 'electron'

/** The part of Electron's BrowserWindow this uses (a fake in tests). */
export interface UpgradeWindow {
  loadURL(url: string): Promise<void>
  once(event: 'ready-to-show', listener: () => void): unknown
  show(): void
  close(): void
  isDestroyed(): boolean
}

export interface UpgradeWindowDeps {
  readonly BrowserWindow: new (options: BrowserWindowConstructorOptions) => UpgradeWindow
  /**
   * Waits long enough for the shown window to reach the screen before the caller blocks the main
   * process (the OS handles the show on the main thread). A short timer in the app.
   */
  readonly settle?: () => Promise<void>
}

/** Long enough for a shown window's first frame on a slow machine, short against any upgrade. */
const settleMs = 250
/** A window that never says it is ready to show does not hold the upgrade up longer than this. */
const showTimeoutMs = 3_000

const escapes: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => escapes[ch] ?? ch)
}

/** The window's page: the notices as text, nothing that can run. */
export function upgradePageUrl(notices: readonly string[]): string {
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>Chatkeep is upgrading its catalog</title>
<style>body{font:14px system-ui,sans-serif;margin:24px;color:#222;background:#fafafa}
h1{font-size:16px;margin:0 0 12px}p{margin:0 0 10px;line-height:1.4}</style></head><body>
<h1>Chatkeep is upgrading its catalog</h1>
${notices.map((notice) => `<p>${escapeHtml(notice)}</p>`).join('\n')}
<p>The app opens by itself when it is done.</p></body></html>`
  return `data:text/html;charset=utf-8,${encodeURIComponent(html)}`
}

export const upgradeWindowOptions: BrowserWindowConstructorOptions = {
  width: 520,
  height: 260,
  show: false,
  resizable: false,
  minimizable: false,
  maximizable: false,
  title: 'Chatkeep is upgrading its catalog',
  webPreferences: {
    sandbox: true,
    contextIsolation: true,
    nodeIntegration: false,
    javascript: false,
    webSecurity: true,
    spellcheck: false,
  },
}

/**
 * Shows the notices and resolves once the window is on screen (or could not load: an upgrade is
 * never held up by its notice); the returned function closes it.
 */
export async function showUpgradeWindow(
  deps: UpgradeWindowDeps,
  notices: readonly string[],
): Promise<() => void> {
  const window = new deps.BrowserWindow(upgradeWindowOptions)
  const shown = new Promise<void>((resolve) => {
    window.once('ready-to-show', () => {
      window.show()
      resolve()
    })
  })
  try {
    await window.loadURL(upgradePageUrl(notices))
    await Promise.race([shown, new Promise<void>((resolve) => setTimeout(resolve, showTimeoutMs))])
    await (deps.settle ?? (() => new Promise<void>((resolve) => setTimeout(resolve, settleMs))))()
  } catch {
    // A page that fails to load only loses the notice; the upgrade itself goes on.
  }
  return () => {
    if (!window.isDestroyed()) window.close()
  }
}
