// What every sync reads as it starts (settings:get / settings:set): whole conversations or media only,
// the credit cap, download concurrency and video quality.
import { useState, type FormEvent, type ReactElement } from 'react'
import type { Settings } from '../../../shared/contract'
import { archiveModes, videoQualities, type ArchiveMode, type VideoQuality } from '../../../shared/domain'
import { call } from '../../bridge'
import { ChoiceSelect } from '../../components/ChoiceSelect'
import { ErrorNotice } from '../../components/ErrorNotice'
import { useCall } from '../../lib/useCall'

const qualityLabels: Readonly<Record<VideoQuality, string>> = {
  source: 'Original (as uploaded)',
  '720': '720p',
  '240': '240p (smallest)',
}

const archiveLabels: Readonly<Record<ArchiveMode, string>> = {
  conversations: 'Whole conversations',
  media: 'Media only',
}

/** The cap field: empty means no cap; otherwise a whole number of credits. */
function parseCap(text: string): number | null | undefined {
  if (text.trim() === '') return null
  const value = Number(text)
  return Number.isInteger(value) && value >= 1 && value <= 999_999 ? value : undefined
}

function SettingsForm({ initial }: { readonly initial: Settings }): ReactElement {
  const [saved, setSaved] = useState(initial)
  const [concurrency, setConcurrency] = useState(String(saved.concurrency))
  const [quality, setQuality] = useState<VideoQuality>(saved.videoQuality)
  const [archive, setArchive] = useState<ArchiveMode>(saved.archiveMode)
  const [cap, setCap] = useState(saved.maxCredits === null ? '' : String(saved.maxCredits))
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<Error | null>(null)
  const [notice, setNotice] = useState<string | null>(null)
  const parsed = Number(concurrency)
  const maxCredits = parseCap(cap)
  const capValid = maxCredits !== undefined
  const valid = Number.isInteger(parsed) && parsed >= 1 && parsed <= 32 && capValid
  const changed =
    parsed !== saved.concurrency ||
    quality !== saved.videoQuality ||
    archive !== saved.archiveMode ||
    maxCredits !== saved.maxCredits

  const submit = (event: FormEvent): void => {
    event.preventDefault()
    if (!valid) return
    setBusy(true)
    setError(null)
    setNotice(null)
    call('settings:set', {
      concurrency: parsed,
      videoQuality: quality,
      archiveMode: archive,
      maxCredits: maxCredits ?? null,
    })
      .then((next) => {
        setSaved(next)
        setNotice('Saved. The next sync uses these settings.')
      })
      .catch((failure: unknown) => setError(failure as Error))
      .finally(() => setBusy(false))
  }

  return (
    <form className="settings-form" onSubmit={submit} data-testid="sync-settings">
      <label className="form-field">
        <span>Archive</span>
        <select
          value={archive}
          onChange={(event) => setArchive(event.target.value as ArchiveMode)}
          data-testid="setting-archive"
        >
          {archiveModes.map((each) => (
            <option key={each} value={each}>
              {archiveLabels[each]}
            </option>
          ))}
        </select>
        <span className="muted small">
          Whole conversations keeps every message, text-only ones too. Media only keeps the messages that
          carry media, which costs fewer requests on most providers.
        </span>
      </label>
      <label className="form-field">
        <span>Credit cap per sync</span>
        <input
          type="number"
          min={1}
          max={999_999}
          step={1}
          value={cap}
          placeholder="No cap"
          onChange={(event) => setCap(event.target.value)}
          aria-invalid={!capValid}
          data-testid="setting-max-credits"
        />
        <span className="muted small">
          A sync stops before spending more of your provider credits than this; the next one continues where
          it stopped. Leave empty for no cap.
        </span>
      </label>
      <label className="form-field">
        <span>Parallel downloads</span>
        <input
          type="number"
          min={1}
          max={32}
          step={1}
          value={concurrency}
          onChange={(event) => setConcurrency(event.target.value)}
          aria-invalid={!valid}
          data-testid="setting-concurrency"
        />
        <span className="muted small">1–32 files at a time. Lower it if the provider rate-limits you.</span>
      </label>
      <label className="form-field">
        <span>Video quality</span>
        <ChoiceSelect
          value={quality}
          choices={videoQualities}
          label={(each) => qualityLabels[each]}
          onChange={setQuality}
          testId="setting-quality"
        />
        <span className="muted small">
          Where a provider offers smaller renditions, archive those instead.
        </span>
      </label>
      <div className="form-actions">
        <button type="submit" className="button" disabled={busy || !valid || !changed}>
          Save settings
        </button>
        {!valid && (
          <span className="text-danger small">
            {capValid
              ? 'Parallel downloads must be a whole number from 1 to 32.'
              : 'The credit cap must be a whole number from 1 to 999,999, or empty for no cap.'}
          </span>
        )}
        {notice && (
          <span className="small key-notice" role="status">
            {notice}
          </span>
        )}
      </div>
      {error && <ErrorNotice error={error} />}
    </form>
  )
}

export function SyncSettingsCard(): ReactElement {
  const settings = useCall('settings:get', {})
  const value = settings.state.value
  return (
    <div className="card">
      <h2>Syncing</h2>
      {settings.state.status === 'error' && (
        <ErrorNotice error={settings.state.error} onRetry={settings.reload} />
      )}
      {value ? <SettingsForm initial={value} /> : <p className="muted">Loading…</p>}
    </div>
  )
}
