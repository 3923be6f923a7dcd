// The sandboxed preload is one bundled file: it must reach the contract's names without loading
// zod and the schemas (src/shared/bridge.ts exists for that). Any runtime import of zod in its
// module graph makes this import fail.
import { expect, it, vi } from 'vitest'

vi.mock('zod', () => {
  throw new Error('the preload loaded zod')
})
vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: () => undefined },
  ipcRenderer: { invoke: vi.fn(), on: vi.fn(), removeListener: vi.fn() },
}))

it('loads without zod', async () => {
  await expect(import('../../../src/preload/index')).resolves.toHaveProperty('createBridge')
})
