// A stand-in for the `electron` module. Requiring the real one would try to download a binary,
// which cannot work here; the modules under test get their Electron objects passed in anyway.
import { vi } from 'vitest'

export function electronModuleMock(): Record<string, unknown> {
  return {
    app: { isPackaged: false, getPath: vi.fn(() => '/nonexistent') },
    contextBridge: { exposeInMainWorld: vi.fn() },
    ipcRenderer: { invoke: vi.fn(), on: vi.fn(), removeListener: vi.fn() },
    ipcMain: { handle: vi.fn(), removeHandler: vi.fn() },
    protocol: { registerSchemesAsPrivileged: vi.fn(), handle: vi.fn() },
    safeStorage: {},
    shell: { openExternal: vi.fn() },
    BrowserWindow: vi.fn(),
  }
}
