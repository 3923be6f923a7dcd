import { homedir } from 'node:os'
import { join } from 'node:path'

/**
 * The same folder Electron's app.getPath('userData') gives the desktop app, so the CLI and the
 * app share one archive: appData/Chatkeep.
 */
export function defaultDataDir(
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
): string {
  if (env.CHATKEEP_DATA_DIR) return env.CHATKEEP_DATA_DIR
  const home = homedir()
  if (platform === 'win32') return join(env.APPDATA ?? join(home, 'AppData', 'Roaming'), 'Chatkeep')
  if (platform === 'darwin') return join(home, 'Library', 'Application Support', 'Chatkeep')
  return join(env.XDG_CONFIG_HOME ?? join(home, '.config'), 'Chatkeep')
}
