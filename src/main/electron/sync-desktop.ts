// What the desktop app adds around the core's syncs: the tray icon with the sync state, desktop
// notifications when a sync ends badly, and the start-at-login setting applied to the OS. Each
// part is a thin adapter over one Electron API (sync-tray.ts, sync-notifications.ts,
// login-item.ts); this only connects them to the core.
import type { App } from 'electron'
import type { Core } from '../core-types'
import { applyStartAtLogin } from './login-item'
import { createSyncNotifier, type NotificationElectron } from './sync-notifications'
import { createSyncTray, type SyncTray, type TrayElectron } from './sync-tray'

export interface DesktopElectron extends TrayElectron, NotificationElectron {
  readonly app: Pick<App, 'setLoginItemSettings' | 'getLoginItemSettings' | 'quit'>
}

export interface SyncDesktop {
  /** Null where the desktop has no tray (some Linux desktops). */
  readonly tray: SyncTray | null
  dispose(): void
}

export function startSyncDesktop(
  electron: DesktopElectron,
  core: Pick<Core, 'sync' | 'settings' | 'events'>,
  options: { readonly iconPath: string; readonly show: () => void; readonly log?: (line: string) => void },
): SyncDesktop {
  const { sync, settings } = core
  const stops: Array<() => void> = []
  let tray: SyncTray | null = null
  if (sync) {
    try {
      tray = createSyncTray(electron, options.iconPath, {
        open: options.show,
        syncAll: () => void sync.service.start({ accountIds: 'all', trigger: 'user' }).catch(() => undefined),
        cancelAll: () => sync.service.status().forEach((job) => sync.service.cancel(job.accountId)),
        quit: () => electron.app.quit(),
      })
      const shown = tray
      shown.update(sync.status())
      stops.push(core.events.on('sync:jobs', (status) => shown.update(status)))
    } catch (error) {
      options.log?.(`no tray icon: ${error instanceof Error ? error.message : String(error)}`)
    }
    stops.push(sync.service.onChange(createSyncNotifier(electron, options.show)))
  }
  const login = (enabled: boolean): void => {
    try {
      applyStartAtLogin(electron.app, enabled)
    } catch (error) {
      options.log?.(`start at login: ${error instanceof Error ? error.message : String(error)}`)
    }
  }
  login(settings.get().startAtLogin)
  stops.push(settings.onChange((next) => login(next.startAtLogin)))
  return {
    tray,
    dispose() {
      for (const stop of stops.splice(0)) stop()
      tray?.destroy()
    },
  }
}
