// App settings (not secrets): a small JSON file in the data folder, written atomically and durably
// (a power cut leaves the old settings or the new ones). A damaged file falls back to the defaults
// rather than keeping the app from starting.
import { readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { writeFileAtomic } from './lib/atomic-write'
import { makeDirectory } from './lib/make-directory'
import { settingsSchema, type Settings } from '../shared/contract'

export const defaultSettings: Settings = Object.freeze({
  concurrency: 8,
  videoQuality: 'source',
  exportFolder: null,
  syncEveryHours: null,
  startAtLogin: false,
  archiveMode: 'conversations',
  maxCredits: null,
})

export interface SettingsStore {
  get(): Settings
  update(patch: Partial<Settings>): Promise<Settings>
  /** Called after each update with the new settings (the sync schedule, start at login); unsubscribes. */
  onChange(listener: (settings: Settings) => void): () => void
}

export function createSettingsStore(dataDir: string): SettingsStore {
  const path = join(dataDir, 'settings.json')
  let current: Settings = load(path)
  const listeners = new Set<(settings: Settings) => void>()
  return {
    get: () => current,
    onChange(listener) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
    async update(patch) {
      const next = settingsSchema.parse({ ...current, ...patch })
      await makeDirectory(dirname(path))
      await writeFileAtomic(path, `${JSON.stringify(next, null, 2)}\n`)
      current = next
      for (const listener of listeners) listener(next)
      return next
    },
  }
}

function load(path: string): Settings {
  try {
    const parsed = settingsSchema.safeParse(JSON.parse(readFileSync(path, 'utf8')))
    return parsed.success ? parsed.data : defaultSettings
  } catch {
    return defaultSettings
  }
}
