// `npm run cli` and `npm run demo`: the CLI under tsx, with libuv's thread pool sized first. The pool
// starts at the first async file operation, and with a cold compile cache tsx writes its cache with
// async calls before the first .ts module runs, so the size has to be set here, in plain JavaScript;
// inside the CLI's own modules it can come too late (src/main/threadpool.ts says why 16).
process.env.UV_THREADPOOL_SIZE ||= '16'
await import('../src/main/cli/index.ts')
