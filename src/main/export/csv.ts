// RFC 4180 CSV with a guard against formula injection: spreadsheet apps run a cell that starts
// with = + - @ (or a tab / carriage return) as a formula, so such text cells get a leading "'".

const formulaStart = /^[=+\-@\t\r]/

export type CsvValue = string | number | boolean | null | undefined

export function csvCell(value: CsvValue): string {
  if (value === null || value === undefined) return ''
  if (typeof value === 'number' || typeof value === 'boolean') return String(value)
  const guarded = formulaStart.test(value) ? `'${value}` : value
  return /[",\r\n]/.test(guarded) || guarded !== guarded.trim() ? `"${guarded.replace(/"/g, '""')}"` : guarded
}

/** One CSV line, CRLF-terminated as RFC 4180 and Excel expect. */
export function csvRow(values: readonly CsvValue[]): string {
  return `${values.map(csvCell).join(',')}\r\n`
}
