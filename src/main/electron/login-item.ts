// "Start Chatkeep when I log in" (a setting) through Electron's login items. Electron offers them
// on macOS and Windows only; elsewhere the setting is not shown (app:info's platform says so).
import type { App } from 'electron'

export function loginItemsSupported(platform: NodeJS.Platform = process.platform): boolean {
  return platform === 'darwin' || platform === 'win32'
}

export function applyStartAtLogin(
  app: Pick<App, 'setLoginItemSettings' | 'getLoginItemSettings'>,
  enabled: boolean,
  platform: NodeJS.Platform = process.platform,
): void {
  if (!loginItemsSupported(platform)) return
  if (app.getLoginItemSettings().openAtLogin === enabled) return
  app.setLoginItemSettings({ openAtLogin: enabled })
}
