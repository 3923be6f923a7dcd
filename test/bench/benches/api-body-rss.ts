// Peak RSS of a sync whose provider answers its chat list with a huge or endless JSON body
// (test/fake-providers/hostile-api.ts). The sync runs in a child, so its maxRSS is the client's
// own; the fake (in this process) streams the body. Compared with a sync of a normal account in
// the same run, so the numbers say what the hostile body added.
import type { HostileApiMode } from '../../fake-providers/server'
import { sendResult } from '../lib/child'
import { startBenchFake } from '../lib/fake'
import { atMost, info, MB, MiB, round, type BenchReport, type Metric } from '../lib/report'
import { syncInChild } from '../lib/sync-child'
import { withScratch } from '../lib/temp'

interface Case {
  readonly label: string
  readonly mode: HostileApiMode | null
}

const cases: readonly Case[] = [
  { label: 'a normal account', mode: null },
  { label: 'a 100 MB answer (with its length)', mode: { kind: 'huge-json', bytes: 100 * MiB } },
  { label: 'a 400 MB answer (chunked)', mode: { kind: 'huge-json', bytes: 400 * MiB, chunked: true } },
  // "Endless" up to 4 GiB: a guard for the machine should the cap ever fail.
  { label: 'an endless answer', mode: { kind: 'endless-json', maxBytes: 4 * 1024 * MiB } },
]

/** What a hostile body may add to a sync's peak RSS: the 32 MiB cap held twice (bytes, text), and slack. */
const maxAddedMb = 120

const fake = await startBenchFake({ chats: 2, messagesPerChat: 5 })
try {
  const metrics: Metric[] = []
  const notes: string[] = []
  let baselineMb = 0
  for (const c of cases) {
    fake.faults({ hostileApi: c.mode ? { mode: c.mode } : null })
    fake.hostileStats.bodyBytesSent = 0
    const out = await withScratch('api-body', (dataDir) => syncInChild(fake, { dataDir, timeoutMs: 600_000 }))
    const peakMb = round(out.maxRssBytes / MB, 1)
    if (c.mode === null) {
      baselineMb = peakMb
      metrics.push(info(`API body: peak RSS of a sync of ${c.label}`, peakMb, 'MB'))
      continue
    }
    metrics.push(
      atMost(`API body: peak RSS of a sync answered ${c.label}`, peakMb, 'MB', baselineMb + maxAddedMb),
    )
    notes.push(
      `${c.label}: ${round(fake.hostileStats.bodyBytesSent / MB, 1)} MB sent before the client hung up, ` +
        `${round(out.elapsedMs / 1000, 1)} s, "${out.summary.error ?? 'no error'}"`,
    )
  }
  const report: BenchReport = { bench: 'api-body', metrics, notes }
  await sendResult(report)
} finally {
  await fake.close()
}
