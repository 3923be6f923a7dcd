// `serve` as users run it: one URL line on stdout, the contract over HTTP behind the token,
// loopback only, and a clean stop on SIGTERM.
import { createInterface } from 'node:readline'
import { afterAll, describe, expect, it } from 'vitest'
import { spawnCli } from '../../support/cli'
import { tempDir } from '../../support/temp-dir'

const dir = tempDir()
afterAll(() => dir.remove())

describe('serve', () => {
  it('prints its URL with a token and answers the contract only with that token', async () => {
    const child = spawnCli(['serve', '--port', '0', '--data-dir', dir.path])
    try {
      const lines = createInterface({ input: child.stdout! })
      const first = await new Promise<string>((resolve, reject) => {
        lines.once('line', resolve)
        child.once('exit', (code) => reject(new Error(`serve exited with ${code}`)))
      })
      const url = new URL(first)
      expect(url.hostname).toBe('127.0.0.1')
      const token = url.searchParams.get('token')
      expect(token).toMatch(/^[0-9a-f]{32,}$/)
      const call = (headers: Record<string, string>): Promise<Response> =>
        fetch(new URL('/api/catalog:stats', url), {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...headers },
          body: '{}',
        })
      expect((await call({})).status).toBe(401)
      const ok = await call({ authorization: `Bearer ${token}` })
      expect(ok.status).toBe(200)
      expect(await ok.json()).toMatchObject({ ok: true, value: { media: 0, accounts: 0 } })
      const info = await fetch(new URL('/api/app:info', url), {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: '{}',
      })
      expect(await info.json()).toMatchObject({
        ok: true,
        value: { name: 'Chatkeep', transport: 'http', dataDir: dir.path },
      })
      if (process.platform === 'linux') {
        // A target where no folder can be made answered never (recursive mkdir spun at 100% CPU),
        // and the request in flight then kept Ctrl+C from stopping serve. Now: one line at once.
        const started = Date.now()
        const refused = await fetch(new URL('/api/export:start', url), {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
          body: JSON.stringify({ to: '/proc/self/x', mode: 'copy' }),
          signal: AbortSignal.timeout(10_000),
        })
        expect(await refused.json()).toMatchObject({
          ok: false,
          error: { code: 'bad_input', message: expect.stringMatching(/^Cannot create the export folder/) },
        })
        expect(Date.now() - started).toBeLessThan(5_000)
      }
    } finally {
      child.kill('SIGINT')
      const stopped = Date.now()
      await new Promise((resolve) => child.once('close', resolve))
      expect(Date.now() - stopped).toBeLessThan(10_000)
    }
    expect(child.exitCode === 0 || child.signalCode === 'SIGINT').toBe(true)
  }, 180_000)
})
