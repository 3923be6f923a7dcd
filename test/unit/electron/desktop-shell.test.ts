// "Open folder" and "Show in folder" over a stand-in for Electron's shell.
import type { Shell } from 'electron'
import { describe, expect, it, vi } from 'vitest'
import { createDesktopShell } from '../../../src/main/electron/desktop-shell'

function fakeShell(openPathAnswer: string): Pick<Shell, 'openPath' | 'showItemInFolder'> & {
  readonly calls: string[][]
} {
  const calls: string[][] = []
  return {
    calls,
    openPath: vi.fn(async (path: string) => {
      calls.push(['openPath', path])
      return openPathAnswer
    }),
    showItemInFolder: vi.fn((path: string) => void calls.push(['showItemInFolder', path])),
  }
}

describe('createDesktopShell', () => {
  it('opens a folder with shell.openPath and shows a file with shell.showItemInFolder', async () => {
    const shell = fakeShell('')
    const desktop = createDesktopShell(shell)
    await desktop.openFolder('/home/u/Chatkeep Export')
    desktop.showItem('/data/files/ab/abcd.png')
    expect(shell.calls).toEqual([
      ['openPath', '/home/u/Chatkeep Export'],
      ['showItemInFolder', '/data/files/ab/abcd.png'],
    ])
  })

  it('rejects with the OS’s reason when the folder cannot be opened (openPath resolves with it)', async () => {
    const desktop = createDesktopShell(fakeShell('Failed to open path'))
    await expect(desktop.openFolder('/gone')).rejects.toThrow(
      'The file manager could not open /gone: Failed to open path',
    )
  })
})
