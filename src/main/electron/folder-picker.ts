// The native "choose a folder" dialog behind `export:pickFolder`. Electron's dialog is passed in,
// so a test can stand in one; the dialog is modal to the window that asked when there is one.
import type { BaseWindow, Dialog, OpenDialogOptions } from 'electron'
import type { FolderPicker } from '../core-types'

export function createFolderPicker(
  dialog: Pick<Dialog, 'showOpenDialog'>,
  parentWindow: () => BaseWindow | null,
): FolderPicker {
  return {
    async pick(defaultPath) {
      const options: OpenDialogOptions = {
        title: 'Export to folder',
        buttonLabel: 'Export here',
        // createDirectory: a "New Folder" button on macOS; promptToCreate: a typed, missing folder
        // is offered to be made on Windows.
        properties: ['openDirectory', 'createDirectory', 'promptToCreate'],
        ...(defaultPath !== null && { defaultPath }),
      }
      const parent = parentWindow()
      const result = parent
        ? await dialog.showOpenDialog(parent, options)
        : await dialog.showOpenDialog(options)
      return result.canceled ? null : (result.filePaths[0] ?? null)
    },
  }
}
