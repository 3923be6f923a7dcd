// Download concurrency and video quality (settings:get / settings:set), read by every sync as it starts.
import { useState, type FormEvent, type ReactElement } from 'react'
import type { Settings } from '../../../shared/contract'
import { videoQualities, type VideoQuality } from '../../../shared/domain'
import { call } from '../../bridge'
import { ChoiceSelect } from '../../components/ChoiceSelect'
import { ErrorNotice } from '../../components/ErrorNotice'
import { useCall } from '../../lib/useCall'

const qualityLabels: Readonly<Record<VideoQuality, string>> = {
  source: 'Original (as uploaded)',
  '720': '720p',
  '240': '240p (smallest)',
}

function SettingsForm({ initial }: { readonly initial: Settings }): ReactElement {
  const [saved, setSaved] = useState(initial)
  const [concurrency, setConcurrency] = useState(String(saved.concurrency))
  const [quality, setQuality] = useState<VideoQuality>(saved.videoQuality)
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<Error | null>(null)
  const [notice, setNotice] = useState<string | null>(null)
  const parsed = Number(concurrency)
  const valid = Number.isInteger(parsed) && parsed >= 1 && parsed <= 32
  const changed = parsed !== saved.concurrency || quality !== saved.videoQuality

  const submit = (event: FormEvent): void => {
    event.preventDefault()
    if (!valid) return
    setBusy(true)
    setError(null)
    setNotice(null)
    call('settings:set', { concurrency: parsed, videoQuality: quality })
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
          <span className="text-danger small">Parallel downloads must be a whole number from 1 to 32.</span>
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
      <h2>Downloads</h2>
      {settings.state.status === 'error' && (
        <ErrorNotice error={settings.state.error} onRetry={settings.reload} />
      )}
      {value ? <SettingsForm initial={value} /> : <p className="muted">Loading…</p>}
    </div>
  )
}
