import type { BaseWindow, Dialog, OpenDialogOptions, OpenDialogReturnValue } from 'electron'
import { describe, expect, it, vi } from 'vitest'
import { createFolderPicker } from '../../../src/main/electron/folder-picker'

function fakeDialog(answer: OpenDialogReturnValue): {
  dialog: Pick<Dialog, 'showOpenDialog'>
  calls: unknown[][]
} {
  const calls: unknown[][] = []
  const showOpenDialog = vi.fn(async (...args: unknown[]) => {
    calls.push(args)
    return answer
  })
  return { dialog: { showOpenDialog } as unknown as Pick<Dialog, 'showOpenDialog'>, calls }
}

describe('createFolderPicker', () => {
  it('returns the chosen folder and asks for folders only, modal to the focused window', async () => {
    const { dialog, calls } = fakeDialog({ canceled: false, filePaths: ['/home/u/Exports'] })
    const win = {} as BaseWindow
    const picker = createFolderPicker(dialog, () => win)
    expect(await picker.pick('/home/u/Documents')).toBe('/home/u/Exports')
    expect(calls).toHaveLength(1)
    expect(calls[0]?.[0]).toBe(win)
    const options = calls[0]?.[1] as OpenDialogOptions
    expect(options.defaultPath).toBe('/home/u/Documents')
    expect(options.properties).toContain('openDirectory')
    expect(options.properties).not.toContain('openFile')
    expect(options.properties).not.toContain('multiSelections')
  })

  it('answers null when the user cancels', async () => {
    const { dialog } = fakeDialog({ canceled: true, filePaths: [] })
    expect(await createFolderPicker(dialog, () => null).pick(null)).toBeNull()
  })

  it('opens a free-standing dialog without a default path when no window has focus', async () => {
    const { dialog, calls } = fakeDialog({ canceled: false, filePaths: ['C:\\Exports'] })
    expect(await createFolderPicker(dialog, () => null).pick(null)).toBe('C:\\Exports')
    expect(calls[0]).toHaveLength(1)
    expect((calls[0]?.[0] as OpenDialogOptions).defaultPath).toBeUndefined()
  })
})
