// Imported first by the entry points, because libuv reads UV_THREADPOOL_SIZE once, when its thread
// pool first starts.
//
// Every file operation of a download (open, write, fsync, rename, the directory fsync) runs on that
// pool. With libuv's default of 4 threads, four slow fsyncs held up every other download's open and
// rename behind them; 16 matches the download concurrency the benchmarks use (measured on 5,000
// files of 10 KB: 453 → 490 files/s). A value the user set is kept.
//
// It takes effect in the bundled Electron main process, whose first statements these are (the
// packaging test checks that loading the bundle's imports starts no pool). Under tsx with a cold
// compile cache, tsx's async cache writes start the pool before this module runs: `npm run cli`
// goes through scripts/cli.mjs, and the built `chatkeep` through bin/chatkeep.js, which both set
// the size in plain JavaScript first (test/integration/cli/cli-threadpool.test.ts counts the
// threads), and the benchmarks' sync worker gets it from its parent.
export const threadPoolSize = 16

if (!process.env.UV_THREADPOOL_SIZE) process.env.UV_THREADPOOL_SIZE = String(threadPoolSize)
