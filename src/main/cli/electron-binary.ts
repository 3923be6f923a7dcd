import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'

/**
 * The Electron binary the `electron` package would run, or null when it was never downloaded.
 * Read from its path.txt instead of requiring the package, which would start a download.
 */
export function electronBinary(root: string, env: NodeJS.ProcessEnv = process.env): string | null {
  const packageDir = join(root, 'node_modules', 'electron')
  const pathFile = join(packageDir, 'path.txt')
  const relative = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : null
  const override = env.ELECTRON_OVERRIDE_DIST_PATH
  const binary = override
    ? join(override, relative ?? 'electron')
    : relative === null
      ? null
      : join(packageDir, 'dist', relative)
  return binary !== null && existsSync(binary) ? binary : null
}
