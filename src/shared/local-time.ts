// Times as a person reads them: in this machine's time zone, with the offset it had then, so a
// transcript or a terminal line is unambiguous wherever it is read later ("2025-03-30 03:15:00
// +02:00"). Plain TypeScript on Date, usable in the main process, the CLI and the renderer.

const pad = (value: number, width = 2): string => String(Math.trunc(value)).padStart(width, '0')

/** "+02:00", "-05:30", "+00:00": the UTC offset of this machine's time zone at `date`. */
export function utcOffset(date: Date): string {
  const minutes = -date.getTimezoneOffset()
  const sign = minutes < 0 ? '-' : '+'
  const abs = Math.abs(minutes)
  return `${sign}${pad(abs / 60)}:${pad(abs % 60)}`
}

/** "2025-03-30 03:15:00 +02:00" for an ISO 8601 time; the input unchanged when it is not a date. */
export function localTimestamp(iso: string): string {
  const date = new Date(iso)
  if (Number.isNaN(date.getTime())) return iso
  const day = `${pad(date.getFullYear(), 4)}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`
  const time = `${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}`
  return `${day} ${time} ${utcOffset(date)}`
}

/** The same moment as ISO 8601 with this machine's offset ("2025-03-30T03:15:00+02:00"). */
export function localIso(iso: string): string {
  const text = localTimestamp(iso)
  return text === iso ? iso : text.replace(' ', 'T').replace(' ', '')
}
