// The Electron entry's wiring, with electron and the core replaced by fakes: what happens before
// ready, what the core is opened with, and that IPC, the media protocol and the window come up.
import type { EventEmitter } from 'node:events'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { channelNames } from '../../../src/shared/contract'
import type { CoreOptions } from '../../../src/main/core-types'
import { writeSchema7Catalog } from '../../support/old-catalog'

const state = vi.hoisted(() => ({
  calls: [] as string[],
  lock: true,
  userData: '',
  openCore: null as unknown as ReturnType<typeof vi.fn<(options: unknown) => Promise<unknown>>>,
  windows: [] as { options: unknown; contents: EventEmitter }[],
  app: null as unknown as EventEmitter & Record<string, unknown>,
  ipcHandle: null as unknown as ReturnType<typeof vi.fn>,
  protocolHandle: null as unknown as ReturnType<typeof vi.fn>,
  trays: [] as { tooltip: string; destroy: ReturnType<typeof vi.fn> }[],
}))

vi.mock('electron', async () => {
  const { EventEmitter: Emitter } = await import('node:events')
  const { vi: v } = await import('vitest')
  const app = Object.assign(new Emitter(), {
    isPackaged: true,
    setName: v.fn(() => state.calls.push('setName')),
    setPath: v.fn(),
    getPath: v.fn((name: string) =>
      name === 'userData' ? state.userData : name === 'documents' ? '/home/u/Documents' : '/appdata',
    ),
    enableSandbox: v.fn(() => state.calls.push('enableSandbox')),
    requestSingleInstanceLock: v.fn(() => state.lock),
    whenReady: v.fn(() => {
      state.calls.push('whenReady')
      return Promise.resolve()
    }),
    quit: v.fn(() => state.calls.push('quit')),
    exit: v.fn(),
    getLoginItemSettings: v.fn(() => ({ openAtLogin: false })),
    setLoginItemSettings: v.fn(),
    getAppPath: v.fn(() => '/app'),
  })
  state.app = app as unknown as EventEmitter & Record<string, unknown>
  state.ipcHandle = v.fn()
  state.protocolHandle = v.fn()
  class BrowserWindow extends Emitter {
    static getFocusedWindow = (): null => null
    webContents = Object.assign(new Emitter(), {
      setWindowOpenHandler: v.fn(),
      send: v.fn(),
      isDestroyed: () => false,
    })
    constructor(options: unknown) {
      super()
      state.windows.push({ options, contents: this.webContents })
      state.calls.push('window')
    }
    loadFile = v.fn(() => Promise.resolve())
    loadURL = v.fn((url: string) => {
      // The upgrade notice's page (upgrade-window.ts) waits for its first paint.
      if (url.startsWith('data:')) setImmediate(() => this.emit('ready-to-show'))
      return Promise.resolve()
    })
    close = v.fn(() => state.calls.push('closeWindow'))
    isDestroyed = (): boolean => false
    isMinimized = (): boolean => false
    focus = v.fn()
    show = v.fn()
  }
  const webRequest = { onHeadersReceived: v.fn(), onBeforeRequest: v.fn() }
  class Tray {
    constructor(readonly image: unknown) {
      state.trays.push(this)
    }
    tooltip = ''
    menu: unknown = null
    setToolTip = v.fn((text: string) => void (this.tooltip = text))
    setContextMenu = v.fn((menu: unknown) => void (this.menu = menu))
    on = v.fn()
    destroy = v.fn()
  }
  return {
    app,
    BrowserWindow,
    Tray,
    Menu: { buildFromTemplate: v.fn((template: unknown) => template) },
    nativeImage: { createFromPath: v.fn(() => ({ resize: () => ({}) })) },
    Notification: Object.assign(v.fn(), { isSupported: () => false }),
    ipcMain: { handle: state.ipcHandle, removeHandler: v.fn() },
    protocol: {
      registerSchemesAsPrivileged: v.fn(() => state.calls.push('registerSchemes')),
      handle: state.protocolHandle,
    },
    safeStorage: {},
    dialog: { showOpenDialog: v.fn() },
    session: {
      defaultSession: {
        setPermissionRequestHandler: v.fn(),
        setPermissionCheckHandler: v.fn(),
        setDevicePermissionHandler: v.fn(),
        webRequest,
      },
    },
    shell: { openExternal: v.fn(), openPath: v.fn(async () => ''), showItemInFolder: v.fn() },
  }
})

vi.mock('../../../src/main/core', () => ({
  openCore: (options: unknown) => state.openCore(options),
}))

const close = vi.fn(() => Promise.resolve())
const idle = { jobs: [], schedule: { everyHours: null, lastRunAt: null, nextRunAt: null } }
const fakeCore = {
  dataDir: '/data',
  handlers: {},
  events: { on: () => () => undefined, emit: () => undefined },
  resolveMediaFile: async () => null,
  settings: {
    get: () => ({ syncEveryHours: null, startAtLogin: false }),
    onChange: () => () => undefined,
  },
  sync: {
    status: () => idle,
    service: { onChange: () => () => undefined, status: () => [] },
  },
  close,
}

async function loadEntry(): Promise<void> {
  vi.resetModules()
  // The electron mock outlives resetModules; drop the listeners of the previous load.
  state.app?.removeAllListeners()
  state.calls.length = 0
  state.windows.length = 0
  state.trays.length = 0
  state.openCore = vi.fn(async () => {
    state.calls.push('openCore')
    return fakeCore
  })
  await import('../../../src/main/index')
  // Let whenReady().then(start) and the awaited openCore settle.
  for (let i = 0; i < 5; i++) await new Promise((resolve) => setImmediate(resolve))
}

let userData = ''
beforeEach(async () => {
  userData = await mkdtemp(join(tmpdir(), 'chatkeep-entry-'))
  state.userData = userData
  state.lock = true
  vi.stubEnv('CHATKEEP_DATA_DIR', '')
  vi.stubEnv('ELECTRON_RENDERER_URL', '')
})
afterEach(async () => {
  vi.unstubAllEnvs()
  await rm(userData, { recursive: true, force: true })
})

describe('src/main/index.ts', () => {
  it('declares the media scheme and sandboxes every renderer before the app is ready', async () => {
    await loadEntry()
    expect(state.calls.indexOf('registerSchemes')).toBeLessThan(state.calls.indexOf('whenReady'))
    expect(state.calls.indexOf('enableSandbox')).toBeLessThan(state.calls.indexOf('whenReady'))
    expect(state.calls.indexOf('whenReady')).toBeLessThan(state.calls.indexOf('openCore'))
  })

  it('opens the core on userData with the electron transport, then registers IPC, protocol and one window', async () => {
    await loadEntry()
    expect(state.openCore).toHaveBeenCalledTimes(1)
    const options = state.openCore.mock.calls[0]?.[0] as CoreOptions & {
      sync?: { adapterFor?: unknown; schedule?: boolean; command?: string }
    }
    expect(options.dataDir).toBe(userData)
    expect(options.transport).toBe('electron')
    expect(typeof options.secrets?.getApiKey).toBe('function')
    expect(typeof options.sync?.adapterFor).toBe('function')
    expect(options.sync?.schedule).toBe(true)
    expect(options.sync?.command).toBe('the Chatkeep app')
    expect(typeof options.folderPicker?.pick).toBe('function')
    expect(options.suggestedExportFolder).toBe(join('/home/u/Documents', 'Chatkeep Export'))
    expect(typeof options.keyCheck).toBe('function')
    // "Open folder" and "Show in folder" reach Electron's shell through the adapter.
    const { shell } = await import('electron')
    await options.desktopShell?.openFolder('/home/u/Documents/Chatkeep Export')
    options.desktopShell?.showItem('/data/files/ab/x.png')
    expect(shell.openPath).toHaveBeenCalledWith('/home/u/Documents/Chatkeep Export')
    expect(shell.showItemInFolder).toHaveBeenCalledWith('/data/files/ab/x.png')
    expect(state.ipcHandle.mock.calls.map((call) => call[0]).sort()).toEqual([...channelNames].sort())
    expect(state.protocolHandle).toHaveBeenCalledWith('chatkeep-media', expect.any(Function))
    expect(state.windows).toHaveLength(1)
    const options0 = state.windows[0]?.options as { webPreferences: Record<string, unknown> }
    expect(options0.webPreferences).toMatchObject({
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
    })
    expect(String(options0.webPreferences['preload'])).toMatch(/preload[/\\]index\.cjs$/)
  })

  it('uses CHATKEEP_DATA_DIR when set, and falls back to environment keys when the keychain has none', async () => {
    vi.stubEnv('CHATKEEP_DATA_DIR', '/elsewhere')
    vi.stubEnv('OFAUTH_API_KEY', 'env-key-123')
    await loadEntry()
    const options = state.openCore.mock.calls[0]?.[0] as CoreOptions
    expect(options.dataDir).toBe('/elsewhere')
    await expect(options.secrets?.getApiKey('ofauth', 'acct')).resolves.toBe('env-key-123')
    await expect(options.secrets?.getApiKey('fansmetric', 'acct')).resolves.toBeNull()
  })

  it("shows a big catalog's upgrade notice in a window before the core opens, and closes it once the app is up", async () => {
    writeSchema7Catalog(userData, 100_000)
    await loadEntry()
    await vi.waitFor(() => expect(state.openCore).toHaveBeenCalledTimes(1), { timeout: 3_000 })
    await vi.waitFor(() => expect(state.calls).toContain('closeWindow'))
    expect(state.calls.filter((call) => /window|openCore/i.test(call))).toEqual([
      'window',
      'openCore',
      'window',
      'closeWindow',
    ])
    const notice = state.windows[0]?.options as { webPreferences: Record<string, unknown> }
    expect(notice.webPreferences).toMatchObject({ javascript: false, sandbox: true })
  })

  it('focuses the existing window on a second launch instead of opening another', async () => {
    await loadEntry()
    state.app.emit('second-instance')
    expect(state.windows).toHaveLength(1)
  })

  it('leaves at once when another instance holds the lock', async () => {
    state.lock = false
    await loadEntry()
    expect(state.calls).toContain('quit')
    expect(state.openCore).not.toHaveBeenCalled()
  })

  it('runs the command line instead of the app when started with `-- cli`, and exits with its code', async () => {
    const argv = process.argv
    process.argv = [argv[0] ?? 'chatkeep', '--ozone-platform=headless', '--', 'cli', '--version']
    const write = vi.spyOn(process.stdout, 'write').mockImplementation((_chunk, ...rest) => {
      ;(rest.find((arg) => typeof arg === 'function') as (() => void) | undefined)?.()
      return true
    })
    try {
      await loadEntry()
      await vi.waitFor(() => expect(state.app['exit']).toHaveBeenCalledWith(0))
    } finally {
      process.argv = argv
      write.mockRestore()
    }
    expect(state.openCore).not.toHaveBeenCalled()
    expect(state.windows).toHaveLength(0)
    expect(state.app['requestSingleInstanceLock']).not.toHaveBeenCalled()
    expect(state.calls).not.toContain('setName')
  })

  it('closes the core before quitting', async () => {
    await loadEntry()
    close.mockClear()
    const event = { preventDefault: vi.fn() }
    state.app.emit('before-quit', event)
    expect(event.preventDefault).toHaveBeenCalled()
    await new Promise((resolve) => setImmediate(resolve))
    expect(close).toHaveBeenCalledTimes(1)
    expect(state.calls.at(-1)).toBe('quit')
    // The tray goes before the core closes (the core stops the syncs: core.ts close).
    expect(state.trays[0]?.destroy).toHaveBeenCalled()
    // The second before-quit (from that quit) goes through.
    const again = { preventDefault: vi.fn() }
    state.app.emit('before-quit', again)
    expect(again.preventDefault).not.toHaveBeenCalled()
  })

  it('puts a tray icon up with the sync state', async () => {
    await loadEntry()
    expect(state.trays).toHaveLength(1)
    expect(state.trays[0]?.tooltip).toBe('Chatkeep — Not syncing')
  })
})
