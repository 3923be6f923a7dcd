// The window the desktop app shows while its catalog upgrades: a static page with the notices as
// escaped text (nothing can run in it), shown before the upgrade starts, closed after; a page that
// fails or never gets ready does not hold the upgrade up.
import { EventEmitter } from 'node:events'
import type { BrowserWindowConstructorOptions } from 'electron'
import { afterEach, describe, expect, it, vi } from 'vitest'
import {
  showUpgradeWindow,
  upgradePageUrl,
  type UpgradeWindow,
} from '../../../src/main/electron/upgrade-window'

type Behaviour = 'ready' | 'fails' | 'never-ready'

function fakeWindows(behaviour: Behaviour): {
  BrowserWindow: new (options: BrowserWindowConstructorOptions) => UpgradeWindow
  made: Array<{ options: BrowserWindowConstructorOptions; url: string; shown: boolean; closed: boolean }>
} {
  const made: Array<{
    options: BrowserWindowConstructorOptions
    url: string
    shown: boolean
    closed: boolean
  }> = []
  class FakeWindow extends EventEmitter implements UpgradeWindow {
    private readonly record
    constructor(options: BrowserWindowConstructorOptions) {
      super()
      this.record = { options, url: '', shown: false, closed: false }
      made.push(this.record)
    }
    async loadURL(url: string): Promise<void> {
      this.record.url = url
      if (behaviour === 'fails') throw new Error('ERR_ABORTED')
      if (behaviour === 'ready') setImmediate(() => this.emit('ready-to-show'))
    }
    show(): void {
      this.record.shown = true
    }
    close(): void {
      this.record.closed = true
    }
    isDestroyed(): boolean {
      return this.record.closed
    }
  }
  return { BrowserWindow: FakeWindow, made }
}

const settle = async (): Promise<void> => undefined

function pageOf(url: string): string {
  expect(url.startsWith('data:text/html;charset=utf-8,')).toBe(true)
  return decodeURIComponent(url.slice('data:text/html;charset=utf-8,'.length))
}

afterEach(() => vi.useRealTimers())

describe('the catalog upgrade window', () => {
  it('shows the notices as text in a page where nothing runs, then closes', async () => {
    const { BrowserWindow, made } = fakeWindows('ready')
    const hostile = 'Upgrading the catalog /data/<script>alert(1)</script>&"\u202eevil: about 10 s.'
    const close = await showUpgradeWindow({ BrowserWindow, settle }, [hostile, 'Second notice.'])
    expect(made).toHaveLength(1)
    const [window] = made
    expect(window?.shown).toBe(true)
    expect(window?.options.show).toBe(false)
    expect(window?.options.webPreferences).toMatchObject({
      javascript: false,
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
    })
    expect(window?.options.webPreferences?.preload).toBeUndefined()
    const page = pageOf(window?.url ?? '')
    expect(page).toContain("default-src 'none'")
    expect(page).not.toContain('<script>')
    expect(page).toContain('/data/&lt;script&gt;alert(1)&lt;/script&gt;&amp;&quot;\u202eevil: about 10 s.')
    expect(page).toContain('<p>Second notice.</p>')
    expect(window?.closed).toBe(false)
    close()
    expect(window?.closed).toBe(true)
    close()
  })

  it('does not hold the upgrade up when the page fails or never gets ready', async () => {
    const failing = fakeWindows('fails')
    const closeFailed = await showUpgradeWindow({ BrowserWindow: failing.BrowserWindow, settle }, ['x'])
    expect(failing.made[0]?.shown).toBe(false)
    closeFailed()
    expect(failing.made[0]?.closed).toBe(true)

    vi.useFakeTimers()
    const stuck = fakeWindows('never-ready')
    const shown = showUpgradeWindow({ BrowserWindow: stuck.BrowserWindow, settle }, ['x'])
    await vi.advanceTimersByTimeAsync(3_000)
    const closeStuck = await shown
    expect(stuck.made[0]?.shown).toBe(false)
    closeStuck()
    expect(stuck.made[0]?.closed).toBe(true)
  })

  it('builds a page with one paragraph per notice', () => {
    const page = pageOf(upgradePageUrl(['a', 'b', 'c']))
    expect(page.match(/<p>[abc]<\/p>/g)).toEqual(['<p>a</p>', '<p>b</p>', '<p>c</p>'])
  })
})
