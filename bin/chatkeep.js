#!/usr/bin/env node
// The `chatkeep` command (package.json "bin"): starts the CLI that scripts/build-cli.mjs bundled into
// out/cli, plain JavaScript, no TypeScript compiler at start-up.
import { existsSync } from 'node:fs'
import module from 'node:module'

// libuv sizes its thread pool once, when the pool first starts: set it before anything can start
// it (src/main/threadpool.ts says why 16; a value the user set is kept).
process.env.UV_THREADPOOL_SIZE ||= '16'
// Node keeps the compiled bundle in its cache folder, so later runs skip parsing it.
module.enableCompileCache?.()

const entry = new URL('../out/cli/index.js', import.meta.url)
if (!existsSync(entry)) {
  process.stderr.write(
    'chatkeep: the command is not built yet. Run "npm install" (or "npm run build:cli") in the Chatkeep folder.\n',
  )
  process.exit(1)
}
await import(entry.href)
