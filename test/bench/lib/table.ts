// The results table printed at the end of `npm run bench`.
import type { Metric } from './report'

function cell(text: string, width: number): string {
  return text.length >= width ? text : text + ' '.repeat(width - text.length)
}

function verdict(metric: Metric): string {
  return metric.pass === null ? (metric.value === null ? 'n/a' : '—') : metric.pass ? 'PASS' : 'FAIL'
}

export function formatTable(metrics: readonly Metric[]): string {
  const rows = metrics.map((m) => [
    m.name,
    m.value === null ? 'n/a' : String(m.value),
    m.unit,
    m.target,
    verdict(m),
  ])
  const header = ['benchmark', 'value', 'unit', 'target', 'result']
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)))
  const line = (cols: readonly string[]): string => cols.map((c, i) => cell(c, widths[i] ?? 0)).join(' | ')
  const rule = widths.map((w) => '-'.repeat(w)).join('-|-')
  return [line(header), rule, ...rows.map(line)].join('\n')
}
