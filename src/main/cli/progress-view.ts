// Sync progress on stderr: bars in a terminal (overall and per chat), plain lines otherwise.
import cliProgress from 'cli-progress'
import type { SyncProgress } from '../../shared/domain'
import { formatBytes } from '../../shared/format-bytes'

export interface ProgressView {
  update(progress: SyncProgress): void
  stop(): void
}

function formatEta(seconds: number | null): string {
  if (seconds === null || !Number.isFinite(seconds)) return '--'
  if (seconds < 60) return `${Math.ceil(seconds)}s`
  return `${Math.floor(seconds / 60)}m${String(Math.ceil(seconds % 60)).padStart(2, '0')}s`
}

export function progressLine(p: SyncProgress): string {
  const files = p.chats.reduce((sum, c) => sum + c.done, 0)
  const total = p.chats.reduce((sum, c) => sum + c.total, 0)
  return (
    `${p.provider} ${p.account}: ${p.phase}, ${p.chats.length} chats, ${p.mediaSeen} media, ` +
    `files ${files}/${total}, ${formatBytes(p.bytes)} at ${formatBytes(p.bytesPerSecond)}/s, ETA ${formatEta(p.etaSeconds)}, ` +
    `${p.requests} requests${p.failed ? `, ${p.failed} failed` : ''}`
  )
}

/** Plain lines at most every `intervalMs`, for logs and pipes. */
export function createLineView(write: (line: string) => void, intervalMs = 2000): ProgressView {
  let last = 0
  let latest: SyncProgress | null = null
  return {
    update(progress) {
      latest = progress
      const now = Date.now()
      if (now - last >= intervalMs) {
        last = now
        write(progressLine(progress))
        latest = null
      }
    },
    stop() {
      if (latest) write(progressLine(latest))
      latest = null
    },
  }
}

const maxChatBars = 8

/** Fan names come from the API: drop control and bidi-override characters before they reach a terminal. */
export function terminalSafe(text: string): string {
  return [...text].filter((ch) => !/[\p{Cc}\u202a-\u202e\u2066-\u2069]/u.test(ch)).join('')
}

export function createBarView(stream: NodeJS.WriteStream): ProgressView {
  const multibar = new cliProgress.MultiBar(
    {
      stream,
      clearOnComplete: false,
      hideCursor: true,
      format: ' {label} |{bar}| {value}/{total} files {extra}',
      barsize: 24,
      fps: 5,
    },
    cliProgress.Presets.shades_classic,
  )
  const overall = multibar.create(1, 0, { label: 'all chats'.padEnd(20), extra: '' })
  const bars = new Map<string, cliProgress.SingleBar>()
  return {
    update(p) {
      const done = p.chats.reduce((sum, c) => sum + c.done, 0)
      const total = p.chats.reduce((sum, c) => sum + c.total, 0)
      overall.setTotal(Math.max(total, 1))
      overall.update(done, {
        extra: `${formatBytes(p.bytes)} ${formatBytes(p.bytesPerSecond)}/s ETA ${formatEta(p.etaSeconds)} · ${p.requests} req`,
      })
      // Bars for the chats with work under way; finished ones give their place to the next.
      const active = p.chats.filter((c) => c.total > 0 && c.done < c.total).slice(0, maxChatBars)
      for (const [id, bar] of bars) {
        if (!active.some((c) => c.chatId === id)) {
          multibar.remove(bar)
          bars.delete(id)
        }
      }
      for (const chat of active) {
        const label = terminalSafe(chat.label).slice(0, 20).padEnd(20)
        let bar = bars.get(chat.chatId)
        if (!bar) {
          bar = multibar.create(chat.total, chat.done, { label, extra: '' })
          bars.set(chat.chatId, bar)
        }
        bar.setTotal(chat.total)
        bar.update(chat.done, { label, extra: formatBytes(chat.bytes) })
      }
    },
    stop() {
      multibar.stop()
    },
  }
}
