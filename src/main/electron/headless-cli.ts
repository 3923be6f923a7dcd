// The installed desktop app as the `chatkeep` command. The launchers in build/cli/ start the app's
// own binary as `<binary> [switches] -- cli <command> [options]`: no window, no single-instance
// lock (a scheduled sync may run while the app is open), the same CLI as `npm run cli`, and the
// command's exit code. The `--` ends Chromium's switches, so an option such as `--type=video` is
// the CLI's, never Chromium's process type.
import type * as CliProcess from '../cli/process'

/** The word that selects the command line; everything after it goes to the CLI. */
export const cliWord = 'cli'

/**
 * The CLI's arguments when the app was started as the command line, else null. Switches before
 * the word belong to Chromium and Electron; unpackaged (`electron . cli …`) the first plain
 * argument is the app folder.
 */
export function headlessCliArgs(argv: readonly string[], isPackaged: boolean): string[] | null {
  let plain = 0
  for (let i = 1; i < argv.length; i++) {
    const arg = argv[i] ?? ''
    if (arg.startsWith('-')) continue
    if (!isPackaged && plain++ === 0) continue
    return arg === cliWord ? argv.slice(i + 1) : null
  }
  return null
}

/** The part of Electron's `app` a command-line run uses. */
export interface HeadlessApp {
  readonly dock?: { hide(): void }
  on(event: 'before-quit', listener: (event: { preventDefault(): void }) => void): unknown
  exit(code: number): void
}

type CliModule = typeof CliProcess

/** Waits until what was written to a stream has been handed to the OS (pipes are async on macOS). */
function flushed(stream: NodeJS.WriteStream): Promise<void> {
  return new Promise((resolve) => stream.write('', () => resolve()))
}

export function runHeadlessCli(
  app: HeadlessApp,
  args: readonly string[],
  load: () => Promise<CliModule> = () => import('../cli/process'),
): Promise<void> {
  // macOS shows a Dock icon for any running app; a command has none.
  app.dock?.hide()
  return load()
    .then(({ startCli }) => {
      const run = startCli(args)
      // Electron turns SIGINT and SIGTERM into a quit on Linux and macOS: here that stops the
      // command as in Node (cleanly the first time, exit 130 the second).
      app.on('before-quit', (event) => {
        event.preventDefault()
        run.stop()
      })
      return run.exitCode
    })
    .catch((error: unknown) => {
      process.stderr.write(`chatkeep: ${error instanceof Error ? error.message : String(error)}\n`)
      return 1
    })
    .then(async (code) => {
      await Promise.all([flushed(process.stdout), flushed(process.stderr)])
      app.exit(code)
    })
}
