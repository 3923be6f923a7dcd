// `npm run cli` and `npm run demo`: the CLI under tsx, with libuv's thread pool sized first. The pool
// starts at the first async file operation, and tsx reads TypeScript sources with async calls, so
// the size has to be set here, in plain JavaScript, before the first .ts file loads; inside the
// CLI's own modules it would come too late (src/main/threadpool.ts says why 16).
process.env.UV_THREADPOOL_SIZE ||= '16'
await import('../src/main/cli/index.ts')
