// The desktop's file manager behind "Open folder" (a finished export) and "Show in folder" (an
// archived file). Electron's shell is passed in, so a test can stand in one. The core hands it
// only paths it resolved itself (an export's folder, a file inside the store), never a path from
// the window: shell.openPath on a file would run it with its default program.
import type { Shell } from 'electron'
import type { DesktopShell } from '../core-types'

export function createDesktopShell(shell: Pick<Shell, 'openPath' | 'showItemInFolder'>): DesktopShell {
  return {
    async openFolder(path) {
      // openPath resolves with an error message, '' on success; it does not reject.
      const failure = await shell.openPath(path)
      if (failure !== '') throw new Error(`The file manager could not open ${path}: ${failure}`)
    },
    showItem(path) {
      shell.showItemInFolder(path)
    },
  }
}
