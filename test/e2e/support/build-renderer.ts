// Builds the renderer once per test run with Vite's API (no Electron build needed) into a
// temp folder, so e2e runs never fight other builds over out/.
import { existsSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import react from '@vitejs/plugin-react'
import { build } from 'vite'

const root = resolve(import.meta.dirname, '..', '..', '..')

/** Keyed by the Playwright runner's pid: restarted workers of one run reuse the build. */
export async function buildRenderer(): Promise<string> {
  const outDir = join(tmpdir(), `chatkeep-e2e-renderer-${process.ppid}`)
  if (existsSync(join(outDir, 'index.html'))) return outDir
  await build({
    configFile: false,
    root: join(root, 'src', 'renderer'),
    base: './',
    logLevel: 'warn',
    plugins: [react()],
    build: { outDir, emptyOutDir: true, reportCompressedSize: false },
  })
  return outDir
}
