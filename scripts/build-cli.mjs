#!/usr/bin/env node
// Builds the `chatkeep` command: src/main/cli/index.ts bundled for Node 22 into out/cli/, one file
// per lazily loaded command, so each run loads only what its command needs and no TypeScript
// compiler runs at start-up. bin/chatkeep.js starts it. Runs from `npm run build` and from
// `prepare` (npm install / npm ci in a checkout), so it only builds the CLI (about 2 s), never the
// app's UI. Dependencies stay in node_modules, as electron-vite leaves them for the app.
import { rmSync } from 'node:fs'
import { dirname, isAbsolute, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { build } from 'vite'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const outDir = join(root, 'out', 'cli')

rmSync(outDir, { recursive: true, force: true })
await build({
  root,
  configFile: false,
  logLevel: 'warn',
  publicDir: false,
  build: {
    ssr: join(root, 'src', 'main', 'cli', 'index.ts'),
    outDir,
    target: 'node22',
    minify: false,
    sourcemap: false,
    reportCompressedSize: false,
    rollupOptions: {
      // Every bare import stays a runtime import from node_modules (better-sqlite3 is native;
      // the rest are resolved by Node as in development).
      external: (id) => !id.startsWith('.') && !isAbsolute(id) && !id.startsWith('\0'),
      output: {
        format: 'es',
        entryFileNames: 'index.js',
        chunkFileNames: 'chunks/[name]-[hash].js',
      },
    },
  },
  ssr: { target: 'node', noExternal: [] },
})
