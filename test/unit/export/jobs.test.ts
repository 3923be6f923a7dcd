import { describe, expect, it } from 'vitest'
import type { Catalog } from '../../../src/main/catalog/catalog'
import { ExportJobs, ExportRequestError, type ExportJobStatus } from '../../../src/main/export/jobs'
import type { ExportOptions, ExportSummary } from '../../../src/main/export/types'
import { tempDir } from '../../support/temp-dir'

const summaryOf = (to: string, cancelled: boolean): ExportSummary => ({
  to,
  files: 2,
  copied: cancelled ? 1 : 2,
  linked: 0,
  skipped: 0,
  bytes: 10,
  totalBytes: 20,
  chats: 1,
  conversations: [],
  sidecars: [],
  transcripts: [],
  errors: [],
  notes: [],
  cancelled,
})

/** A stand-in runner: reports two files, waiting for `release` between them so cancel can land. */
function fakeRun(seen: ExportOptions[], gate: Promise<void>) {
  return async (options: ExportOptions): Promise<ExportSummary> => {
    seen.push(options)
    options.onProgress?.({
      phase: 'planning',
      filesDone: 0,
      filesTotal: 0,
      bytesDone: 0,
      bytesTotal: 0,
      errors: 0,
    })
    options.onProgress?.({
      phase: 'copying',
      filesDone: 1,
      filesTotal: 2,
      bytesDone: 10,
      bytesTotal: 20,
      errors: 0,
    })
    await gate
    const cancelled = options.signal?.aborted === true
    options.onProgress?.({
      phase: cancelled ? 'cancelled' : 'done',
      filesDone: 2,
      filesTotal: 2,
      bytesDone: 20,
      bytesTotal: 20,
      errors: 0,
    })
    return summaryOf(options.to, cancelled)
  }
}

function setup(): {
  jobs: ExportJobs
  events: ExportJobStatus[]
  seen: ExportOptions[]
  release: () => void
  data: string
  remove: () => void
} {
  const dir = tempDir('chatkeep-jobs-')
  let release = (): void => undefined
  const gate = new Promise<void>((resolve) => (release = resolve))
  const events: ExportJobStatus[] = []
  const seen: ExportOptions[] = []
  const jobs = new ExportJobs({
    catalog: {} as Catalog,
    // The data folder sits beside the export targets, never around them.
    dataDir: `${dir.path}/data`,
    emit: (s) => events.push(s),
    run: fakeRun(seen, gate),
    throttleMs: 0,
  })
  return { jobs, events, seen, release, data: dir.path, remove: dir.remove }
}

const settle = (): Promise<void> => new Promise((r) => setTimeout(r, 0))

describe('ExportJobs', () => {
  it('starts in the background, reports progress events, and ends with the summary', async () => {
    const t = setup()
    try {
      const { exportId } = await t.jobs.start({ to: `${t.data}/out`, mediaIds: [3, 4], mode: 'copy' })
      expect(exportId).toBe(1)
      expect(t.seen[0]?.filter).toEqual({ kind: 'gallery', filter: undefined, mediaIds: [3, 4] })
      expect(t.jobs.status()[0]).toMatchObject({ exportId: 1, phase: 'copying', filesDone: 1, summary: null })
      t.release()
      await settle()
      expect(t.events.map((e) => e.phase)).toEqual(['planning', 'copying', 'done'])
      expect(t.events.at(-1)?.summary?.copied).toBe(2)
      expect(t.jobs.cancel(1)).toBe(false)
    } finally {
      t.remove()
    }
  })

  it('cancel aborts the running export', async () => {
    const t = setup()
    try {
      const { exportId } = await t.jobs.start({
        to: `${t.data}/out`,
        mode: 'hardlink',
        filter: { types: ['photo'] },
      })
      expect(t.jobs.cancel(exportId)).toBe(true)
      t.release()
      await settle()
      expect(t.jobs.status()[0]).toMatchObject({ phase: 'cancelled', summary: { cancelled: true } })
      expect(t.jobs.cancel(99)).toBe(false)
    } finally {
      t.remove()
    }
  })

  it.each([
    [{ to: 'relative/dir' }, /absolute/],
    [{ to: '/tmp/x', template: '{nope}.{ext}' }, /Unknown template variable/],
    [{ to: '/tmp/x', template: '{mediaId}.desktop' }, /must end with "\.\{ext\}"/],
  ])('refuses %j before starting', async (request, message) => {
    const t = setup()
    try {
      await expect(t.jobs.start({ mode: 'copy', ...request })).rejects.toThrow(ExportRequestError)
      await expect(t.jobs.start({ mode: 'copy', ...request })).rejects.toThrow(message)
      expect(t.seen).toEqual([])
    } finally {
      t.remove()
    }
  })

  it('refuses a second export into a folder while the first runs, and allows it after', async () => {
    const t = setup()
    try {
      await t.jobs.start({ to: `${t.data}/out`, mode: 'copy' })
      await expect(t.jobs.start({ to: `${t.data}/out/`, mode: 'copy' })).rejects.toThrow(/already running/)
      await t.jobs.start({ to: `${t.data}/other`, mode: 'copy' })
      t.release()
      await settle()
      await expect(t.jobs.start({ to: `${t.data}/out`, mode: 'copy' })).resolves.toEqual({ exportId: 3 })
    } finally {
      t.remove()
    }
  })

  it('refuses the data folder, anything in it, and any folder around it', async () => {
    const t = setup()
    try {
      for (const to of [`${t.data}/data`, `${t.data}/data/files/x`, `${t.data}/data/new`]) {
        await expect(t.jobs.start({ to, mode: 'copy' })).rejects.toThrow(/data folder .* inside it/)
      }
      await expect(t.jobs.start({ to: t.data, mode: 'copy' })).rejects.toThrow(
        /contains Chatkeep's data folder/,
      )
      expect(t.seen).toEqual([])
    } finally {
      t.remove()
    }
  })
})
