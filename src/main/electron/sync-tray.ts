// The tray icon of the desktop app: what the syncs are doing (tooltip and a first, inert menu line)
// and the few things worth doing from there. Electron's Tray, Menu and nativeImage are passed in,
// so the mocked electron stands in for them in tests.
import type { Menu, MenuItemConstructorOptions, NativeImage, Tray } from 'electron'
import type { SyncStatus } from '../../shared/contract'
import { serviceStateWords } from '../sync/outcome-words'

export interface TrayElectron {
  readonly Tray: new (image: NativeImage) => Pick<Tray, 'setToolTip' | 'setContextMenu' | 'destroy' | 'on'>
  readonly Menu: Pick<typeof Menu, 'buildFromTemplate'>
  readonly nativeImage: { createFromPath(path: string): NativeImage }
}

export interface TrayActions {
  readonly open: () => void
  readonly syncAll: () => void
  readonly cancelAll: () => void
  readonly quit: () => void
}

export interface SyncTray {
  update(status: SyncStatus): void
  destroy(): void
}

/** Tray icons are drawn at 16–22 px; the 512 px app icon is scaled once. */
const traySize = 22

function timeOf(iso: string): string {
  return new Date(iso).toLocaleString(undefined, { weekday: 'short', hour: '2-digit', minute: '2-digit' })
}

/** The tray's one line: the syncs' state, and the next scheduled run when one is due. */
export function trayLine(status: SyncStatus): string {
  const state = serviceStateWords(status.jobs)
  const next = status.schedule.nextRunAt
  return next === null ? state : `${state} · next sync ${timeOf(next)}`
}

export function createSyncTray(electron: TrayElectron, iconPath: string, actions: TrayActions): SyncTray {
  const image = electron.nativeImage.createFromPath(iconPath).resize({ width: traySize, height: traySize })
  const tray = new electron.Tray(image)
  tray.on('click', actions.open)
  const update = (status: SyncStatus): void => {
    const line = trayLine(status)
    const busy = status.jobs.some((job) => ['queued', 'running', 'paused'].includes(job.state))
    const template: MenuItemConstructorOptions[] = [
      { label: line, enabled: false },
      { type: 'separator' },
      { label: 'Open Chatkeep', click: actions.open },
      { label: 'Sync all accounts now', click: actions.syncAll },
      { label: 'Cancel syncs', enabled: busy, click: actions.cancelAll },
      { type: 'separator' },
      { label: 'Quit Chatkeep', click: actions.quit },
    ]
    tray.setToolTip(`Chatkeep — ${line}`)
    tray.setContextMenu(electron.Menu.buildFromTemplate(template))
  }
  return { update, destroy: () => tray.destroy() }
}
