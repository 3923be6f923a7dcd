// The desktop app's tray, notifications and login item over stand-ins for Electron's Tray, Menu,
// nativeImage, Notification and app (the electron module cannot load here).
import { describe, expect, it, vi } from 'vitest'
import type { SyncJob, SyncStatus } from '../../../src/shared/contract'
import { applyStartAtLogin, loginItemsSupported } from '../../../src/main/electron/login-item'
import { createSyncNotifier, notificationFor } from '../../../src/main/electron/sync-notifications'
import { createSyncTray, trayLine } from '../../../src/main/electron/sync-tray'

function job(patch: Partial<SyncJob>): SyncJob {
  return {
    id: 1,
    accountId: 1,
    provider: 'fansmetric',
    account: 'acct_1',
    label: 'Luna',
    state: 'done',
    trigger: 'user',
    queuedAt: '2026-03-01T09:00:00.000Z',
    startedAt: '2026-03-01T09:00:00.000Z',
    finishedAt: '2026-03-01T09:05:00.000Z',
    runId: 1,
    progress: null,
    error: null,
    needsKey: false,
    result: '12 archived, nothing failed',
    retry: null,
    ...patch,
  }
}

const schedule = { everyHours: null, lastRunAt: null, nextRunAt: null }

function fakeElectron() {
  const trays: { tooltip: string; menu: Array<{ label?: string; enabled?: boolean; click?: () => void }> }[] =
    []
  const shown: unknown[] = []
  class Tray {
    tooltip = ''
    menu: Array<{ label?: string; enabled?: boolean; click?: () => void }> = []
    constructor() {
      trays.push(this)
    }
    setToolTip(text: string): void {
      this.tooltip = text
    }
    setContextMenu(menu: never): void {
      this.menu = menu
    }
    on = vi.fn()
    destroy = vi.fn()
  }
  class Notification {
    static isSupported = (): boolean => true
    constructor(readonly options: unknown) {}
    on = vi.fn()
    show(): void {
      shown.push(this.options)
    }
  }
  return {
    trays,
    shown,
    electron: {
      Tray: Tray as never,
      Menu: { buildFromTemplate: (template: unknown) => template as never },
      nativeImage: { createFromPath: () => ({ resize: () => ({}) }) as never },
      Notification: Notification as never,
    },
  }
}

describe('the tray', () => {
  it('shows what the syncs do, the next scheduled run, and offers to cancel only while one runs', () => {
    const { electron, trays } = fakeElectron()
    const actions = { open: vi.fn(), syncAll: vi.fn(), cancelAll: vi.fn(), quit: vi.fn() }
    const tray = createSyncTray(electron, '/icon.png', actions)
    const idle: SyncStatus = { jobs: [], schedule }
    tray.update(idle)
    expect(trays[0]?.tooltip).toBe('Chatkeep — Not syncing')
    expect(trays[0]?.menu.find((item) => item.label === 'Cancel syncs')?.enabled).toBe(false)
    tray.update({ jobs: [job({ state: 'running', finishedAt: null })], schedule })
    expect(trays[0]?.tooltip).toBe('Chatkeep — Syncing Luna')
    const cancel = trays[0]?.menu.find((item) => item.label === 'Cancel syncs')
    expect(cancel?.enabled).toBe(true)
    cancel?.click?.()
    expect(actions.cancelAll).toHaveBeenCalled()
    trays[0]?.menu.find((item) => item.label === 'Sync all accounts now')?.click?.()
    expect(actions.syncAll).toHaveBeenCalled()
  })

  it('names the next scheduled sync', () => {
    const line = trayLine({
      jobs: [],
      schedule: { everyHours: 6, lastRunAt: null, nextRunAt: '2026-03-01T15:00:00Z' },
    })
    expect(line).toMatch(/^Not syncing · next sync /)
  })
})

describe('notifications', () => {
  it('only for syncs that end badly: failed, with failures, or needing a key', () => {
    expect(notificationFor(job({}))).toBeNull()
    expect(notificationFor(job({ state: 'cancelled', error: 'Cancelled' }))).toBeNull()
    expect(notificationFor(job({ state: 'failed', error: 'fansmetric: 503' }))).toEqual({
      title: 'Chatkeep: the sync of Luna failed',
      body: 'fansmetric: 503',
    })
    expect(notificationFor(job({ retry: 'The next sync tries the 1 failed item again.' }))?.title).toBe(
      'Chatkeep: Luna synced with failures',
    )
    expect(notificationFor(job({ state: 'failed', needsKey: true, error: 'No API key' }))?.title).toBe(
      'Chatkeep: Luna needs an API key',
    )
  })

  it('once per job, when it has ended', () => {
    const { electron, shown } = fakeElectron()
    const notify = createSyncNotifier(electron, vi.fn())
    notify(job({ state: 'running', finishedAt: null }))
    notify(job({ state: 'failed', error: 'down' }))
    notify(job({ state: 'failed', error: 'down' }))
    expect(shown).toHaveLength(1)
  })
})

describe('start at login', () => {
  it('sets the login item on macOS and Windows only, and only when it changes', () => {
    const app = {
      getLoginItemSettings: vi.fn(() => ({ openAtLogin: false }) as never),
      setLoginItemSettings: vi.fn(),
    }
    applyStartAtLogin(app, true, 'linux')
    expect(app.setLoginItemSettings).not.toHaveBeenCalled()
    applyStartAtLogin(app, false, 'darwin')
    expect(app.setLoginItemSettings).not.toHaveBeenCalled()
    applyStartAtLogin(app, true, 'win32')
    expect(app.setLoginItemSettings).toHaveBeenCalledWith({ openAtLogin: true })
    expect(loginItemsSupported('linux')).toBe(false)
  })
})
