// "Sync all accounts every N hours while Chatkeep is open" (off by default), with the last and
// next scheduled run; in the desktop app on macOS and Windows, start at login. Each change is saved
// at once: the schedule re-arms itself when the settings change.
import { useState, type ReactElement } from 'react'
import type { Settings } from '../../../shared/contract'
import { call } from '../../bridge'
import { ErrorNotice } from '../../components/ErrorNotice'
import { formatDateTime } from '../../lib/format'
import { useCall } from '../../lib/useCall'
import { useSyncState } from '../sync/syncStore'

/** The intervals offered (hours); the setting takes any whole number from 1 to 168. */
const intervals: readonly number[] = [1, 3, 6, 12, 24, 48, 168]

function intervalLabel(hours: number): string {
  if (hours === 1) return 'every hour'
  if (hours === 168) return 'every week'
  if (hours % 24 === 0) return hours === 24 ? 'every day' : `every ${hours / 24} days`
  return `every ${hours} hours`
}

export interface ScheduleCardProps {
  /** Whether this app can start at login (the desktop app on macOS and Windows). */
  readonly loginItems: boolean
}

function ScheduleForm({
  initial,
  loginItems,
}: { readonly initial: Settings } & ScheduleCardProps): ReactElement {
  const [saved, setSaved] = useState(initial)
  const [error, setError] = useState<Error | null>(null)
  const { status } = useSyncState()
  const schedule = status?.schedule
  const save = (patch: Partial<Settings>): void => {
    setError(null)
    call('settings:set', patch).then(setSaved, (failure: unknown) => setError(failure as Error))
  }
  const options =
    saved.syncEveryHours !== null && !intervals.includes(saved.syncEveryHours)
      ? [...intervals, saved.syncEveryHours].sort((a, b) => a - b)
      : intervals
  return (
    <div className="settings-form" data-testid="schedule-settings">
      <label className="form-field">
        <span>Sync all accounts</span>
        <select
          value={saved.syncEveryHours ?? 'off'}
          onChange={(event) =>
            save({ syncEveryHours: event.target.value === 'off' ? null : Number(event.target.value) })
          }
          data-testid="setting-schedule"
        >
          <option value="off">only when I ask</option>
          {options.map((hours) => (
            <option key={hours} value={hours}>
              {intervalLabel(hours)} while Chatkeep is open
            </option>
          ))}
        </select>
      </label>
      <dl className="settings-list">
        <dt>Last scheduled sync</dt>
        <dd data-testid="schedule-last">{formatDateTime(schedule?.lastRunAt ?? null)}</dd>
        <dt>Next scheduled sync</dt>
        <dd data-testid="schedule-next">
          {saved.syncEveryHours === null ? 'off' : formatDateTime(schedule?.nextRunAt ?? null)}
        </dd>
      </dl>
      {loginItems && (
        <label className="checkbox">
          <input
            type="checkbox"
            checked={saved.startAtLogin}
            onChange={(event) => save({ startAtLogin: event.target.checked })}
            data-testid="setting-start-at-login"
          />
          Start Chatkeep when I log in
        </label>
      )}
      {error && <ErrorNotice error={error} />}
    </div>
  )
}

export function ScheduleCard({ loginItems }: ScheduleCardProps): ReactElement {
  const settings = useCall('settings:get', {})
  const value = settings.state.value
  return (
    <div className="card">
      <h2>Scheduled syncs</h2>
      {settings.state.status === 'error' && (
        <ErrorNotice error={settings.state.error} onRetry={settings.reload} />
      )}
      {value ? <ScheduleForm initial={value} loginItems={loginItems} /> : <p className="muted">Loading…</p>}
    </div>
  )
}
