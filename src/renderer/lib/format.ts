// Display formatting in one place so every screen shows sizes, dates and prices alike. Byte
// counts come from src/shared so the terminal shows them the same way.
import { formatBytes } from '../../shared/format-bytes'

export { formatBytes }

export function formatCount(value: number): string {
  return value.toLocaleString()
}

/** A count that may be a lower bound (a search that has not counted every hit yet): "1,200+". */
export function formatTotal(value: number, lowerBound: boolean): string {
  return `${formatCount(value)}${lowerBound ? '+' : ''}`
}

export function formatDate(iso: string | null): string {
  if (iso === null) return '—'
  const date = new Date(iso)
  if (Number.isNaN(date.getTime())) return iso
  return date.toLocaleDateString(undefined, { year: 'numeric', month: 'short', day: 'numeric' })
}

/** Month and day, with the year only when it is not this year: for dense lists. */
export function formatShortDate(iso: string | null): string {
  if (iso === null) return 'never'
  const date = new Date(iso)
  if (Number.isNaN(date.getTime())) return iso
  const sameYear = date.getFullYear() === new Date().getFullYear()
  return date.toLocaleDateString(undefined, {
    month: 'short',
    day: 'numeric',
    ...(sameYear ? {} : { year: 'numeric' }),
  })
}

export function formatDateTime(iso: string | null): string {
  if (iso === null) return '—'
  const date = new Date(iso)
  if (Number.isNaN(date.getTime())) return iso
  return date.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' })
}

export function formatPrice(price: number | null): string {
  if (price === null || price === 0) return 'Free'
  return `$${price.toFixed(2)}`
}

export function formatDuration(seconds: number | null): string {
  if (seconds === null) return ''
  const total = Math.round(seconds)
  const h = Math.floor(total / 3600)
  const m = Math.floor((total % 3600) / 60)
  const s = String(total % 60).padStart(2, '0')
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`
}

/** "1920 × 1080", or '' when unknown or zero (audio reports 0 × 0). */
export function formatDimensions(width: number | null, height: number | null): string {
  if (width === null || height === null || width <= 0 || height <= 0) return ''
  return `${width} × ${height}`
}

export function formatRate(bytesPerSecond: number): string {
  return `${formatBytes(bytesPerSecond)}/s`
}

export function formatEta(seconds: number | null): string {
  if (seconds === null || !Number.isFinite(seconds)) return '—'
  if (seconds < 60) return `${Math.max(1, Math.round(seconds))} s`
  if (seconds < 3600) return `${Math.round(seconds / 60)} min`
  return `${(seconds / 3600).toFixed(1)} h`
}
