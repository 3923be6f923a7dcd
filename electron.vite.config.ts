import { resolve } from 'node:path'
import type { Plugin } from 'vite'
import { defineConfig } from 'electron-vite'
import react from '@vitejs/plugin-react'

/**
 * The renderer's strict CSP meta tag forbids inline scripts, which the dev server's React refresh
 * needs; in development the window sends its own (relaxed) CSP header instead, so drop the tag there.
 */
function devWithoutCspMeta(): Plugin {
  return {
    name: 'chatkeep-dev-without-csp-meta',
    apply: 'serve',
    transformIndexHtml: (html) => html.replace(/<meta\s+http-equiv="Content-Security-Policy"[^>]*>\s*/i, ''),
  }
}

// Main and preload are Node bundles; the preload must be one CommonJS file because sandboxed
// preloads cannot load ES modules or other files.
export default defineConfig({
  main: {
    build: {
      rollupOptions: { input: { index: resolve('src/main/index.ts') } },
    },
  },
  preload: {
    build: {
      externalizeDeps: false,
      rollupOptions: {
        input: { index: resolve('src/preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve('src/renderer'),
    build: {
      rollupOptions: { input: { index: resolve('src/renderer/index.html') } },
    },
    plugins: [react(), devWithoutCspMeta()],
  },
})
