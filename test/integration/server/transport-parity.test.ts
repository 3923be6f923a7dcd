// Both transports call the one `invoke`: for the same handlers and the same input, Electron IPC and
// serve's HTTP answer with the same envelope (HTTP adds only a status code), success or failure.
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { IpcMain, IpcMainInvokeEvent } from 'electron'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { unexpectedMessage } from '../../../src/main/api/errors'
import { registerIpc } from '../../../src/main/electron/ipc'
import { startServer, type RunningServer } from '../../../src/main/server'
import type { ChannelName, Result } from '../../../src/shared/contract'
import { createFakeCore } from './fake-core'
import { callChannel } from './http-client'

type Listener = (event: Partial<IpcMainInvokeEvent>, input: unknown) => Promise<Result<unknown>>

let dir: string
let server: RunningServer
const ipc = new Map<string, Listener>()
const core = createFakeCore(new Map())
const quiet = (): void => undefined

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'chatkeep-parity-'))
  const ipcMain = {
    handle: (channel: string, listener: Listener) => ipc.set(channel, listener),
    removeHandler: (channel: string) => ipc.delete(channel),
  } as unknown as IpcMain
  registerIpc(ipcMain, core, { isTrustedSender: () => true, logError: quiet })
  server = await startServer(core, { rendererDir: dir, logError: quiet })
})

afterAll(async () => {
  await server.close()
  await rm(dir, { recursive: true, force: true })
})

async function overIpc(channel: ChannelName, input: unknown): Promise<Result<unknown>> {
  const listener = ipc.get(channel)
  if (listener === undefined) throw new Error(`${channel} is not registered`)
  return listener(
    { senderFrame: { url: 'app://x', parent: null } as IpcMainInvokeEvent['senderFrame'] },
    input,
  )
}

function overHttp(channel: ChannelName, input: unknown): Promise<{ status: number; body: unknown }> {
  return callChannel(server, channel, input)
}

describe('Electron IPC and serve answer alike', () => {
  const cases: ReadonlyArray<readonly [string, ChannelName, unknown, number]> = [
    ['a plain answer', 'catalog:stats', {}, 200],
    ['zod defaults applied', 'media:search', { search: 'x' }, 200],
    ['bad input', 'media:search', { limit: 'lots' }, 400],
    ['a typed not_found', 'media:get', { id: 99 }, 404],
    ['an unexpected error', 'sync:start', { accountId: 1 }, 500],
  ]
  for (const [what, channel, input, status] of cases) {
    it(what, async () => {
      const viaIpc = await overIpc(channel, input)
      const viaHttp = await overHttp(channel, input)
      expect(viaHttp.body).toEqual(viaIpc)
      expect(viaHttp.status).toBe(status)
    })
  }

  it('neither lets an unexpected error’s text out', async () => {
    expect(await overIpc('sync:start', { accountId: 1 })).toEqual({
      ok: false,
      error: { code: 'internal', message: unexpectedMessage },
    })
  })
})
