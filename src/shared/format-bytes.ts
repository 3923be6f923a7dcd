// Byte counts for people, the same in the app, serve and the terminal. Decimal units (1 KB = 1000
// bytes), as file managers on macOS and Linux and disk makers use, so "12 MB" here matches what
// the user's file manager shows for the same files on those systems.

const units = ['B', 'KB', 'MB', 'GB', 'TB'] as const

/** `1234` → `1.2 KB`, `12_400_000` → `12 MB`; null (unknown) → `—`. */
export function formatBytes(bytes: number | null): string {
  if (bytes === null || !Number.isFinite(bytes)) return '—'
  let value = Math.max(0, bytes)
  let unit = 0
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000
    unit += 1
  }
  // Whole numbers from 10 up and for bytes; one decimal below 10, where it still says something.
  const shown = unit === 0 || value >= 10 ? String(Math.round(value)) : value.toFixed(1)
  return `${shown} ${units[unit]}`
}
