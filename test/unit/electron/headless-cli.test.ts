// The desktop app run as the `chatkeep` command: which launches are command-line runs, and how a
// run ends (exit code, signals turned into a clean stop, output flushed before the exit).
import { EventEmitter } from 'node:events'
import { describe, expect, it, vi } from 'vitest'
import { headlessCliArgs, runHeadlessCli, type HeadlessApp } from '../../../src/main/electron/headless-cli'
import type { CliRun } from '../../../src/main/cli/process'

describe('headlessCliArgs', () => {
  it('takes everything after the cli word, past Chromium switches and the switch terminator', () => {
    const argv = ['/opt/Chatkeep/chatkeep', '--ozone-platform=headless', '--disable-gpu', '--', 'cli']
    expect(headlessCliArgs([...argv, 'list', '--type=video', '--json'], true)).toEqual([
      'list',
      '--type=video',
      '--json',
    ])
    expect(headlessCliArgs([...argv], true)).toEqual([])
  })

  it('skips the app folder when unpackaged (electron . cli …)', () => {
    expect(headlessCliArgs(['electron', '.', 'cli', '--version'], false)).toEqual(['--version'])
    expect(headlessCliArgs(['electron', '.'], false)).toBeNull()
  })

  it('is null for a desktop launch, with or without arguments', () => {
    expect(headlessCliArgs(['/opt/Chatkeep/chatkeep'], true)).toBeNull()
    expect(headlessCliArgs(['/opt/Chatkeep/chatkeep', '--no-sandbox'], true)).toBeNull()
    // A file or URL handed over by the desktop (%U), or a command word without `cli`.
    expect(headlessCliArgs(['/opt/Chatkeep/chatkeep', 'list'], true)).toBeNull()
    expect(headlessCliArgs(['/opt/Chatkeep/chatkeep', '/home/u/cli'], true)).toBeNull()
  })
})

function fakeApp(): HeadlessApp & EventEmitter & { exit: ReturnType<typeof vi.fn>; hidden: boolean } {
  const app = Object.assign(new EventEmitter(), {
    hidden: false,
    exit: vi.fn(),
    dock: { hide: () => void (app.hidden = true) },
  })
  return app
}

describe('runHeadlessCli', () => {
  it('runs the command line and exits with its code, without a Dock icon', async () => {
    const app = fakeApp()
    const seen: (readonly string[])[] = []
    await runHeadlessCli(app, ['verify'], async () => ({
      startCli: (argv: readonly string[]): CliRun => {
        seen.push(argv)
        return { exitCode: Promise.resolve(1), stop: () => undefined, stopped: false }
      },
    }))
    expect(seen).toEqual([['verify']])
    expect(app.exit).toHaveBeenCalledWith(1)
    expect(app.hidden).toBe(true)
  })

  it("turns Electron's quit on a signal into the command's own stop", async () => {
    const app = fakeApp()
    let finish: (code: number) => void = () => undefined
    const stop = vi.fn(() => finish(130))
    const done = runHeadlessCli(app, ['sync'], async () => ({
      startCli: (): CliRun => ({
        exitCode: new Promise((resolve) => (finish = resolve)),
        stop,
        stopped: true,
      }),
    }))
    await new Promise((resolve) => setImmediate(resolve))
    const event = { preventDefault: vi.fn() }
    app.emit('before-quit', event)
    expect(event.preventDefault).toHaveBeenCalled()
    expect(stop).toHaveBeenCalledTimes(1)
    await done
    expect(app.exit).toHaveBeenCalledWith(130)
  })

  it('prints --version through the real command line', async () => {
    const app = fakeApp()
    const writes: string[] = []
    const write = vi.spyOn(process.stdout, 'write').mockImplementation((chunk, ...rest) => {
      writes.push(String(chunk))
      const callback = rest.find((arg) => typeof arg === 'function') as (() => void) | undefined
      callback?.()
      return true
    })
    try {
      await runHeadlessCli(app, ['--version'])
    } finally {
      write.mockRestore()
    }
    expect(writes.join('')).toMatch(/^\d+\.\d+\.\d+\n$/)
    expect(app.exit).toHaveBeenCalledWith(0)
  })
})
