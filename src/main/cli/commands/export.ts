// chatkeep export --to DIR [list's filters] [--template T] [--link] [--json]
import { exportArchive } from '../../export'
import { ExportTargetError } from '../../export/confine'
import { TemplateError } from '../../export/template'
import type { ExportProgress, ExportSummary } from '../../export/types'
import { stringOption } from '../args'
import type { CommandContext, CommandRun } from '../command'
import { UsageError } from '../usage-error'
import { parseListFilter } from './list-filter'

function progressPrinter(context: CommandContext): (p: ExportProgress) => void {
  let lastShown = 0
  let lastPhase = ''
  return (p) => {
    const now = Date.now()
    const phaseChanged = p.phase !== lastPhase
    lastPhase = p.phase
    if (context.stderrIsTty) {
      if (!phaseChanged && now - lastShown < 200) return
      lastShown = now
      const mb = (n: number): string => (n / 1e6).toFixed(1)
      context.stderr.write(
        `\r${p.phase} ${p.filesDone}/${p.filesTotal} files, ${mb(p.bytesDone)}/${mb(p.bytesTotal)} MB`,
      )
      if (p.phase === 'done' || p.phase === 'cancelled' || p.phase === 'failed') context.stderr.write('\n')
    } else if (phaseChanged) {
      // Logs and pipes get one line per phase, not a stream of carriage returns.
      context.output.info(`export: ${p.phase} (${p.filesDone}/${p.filesTotal} files)`)
    }
  }
}

function summaryText(s: ExportSummary): string {
  const lines = [
    `${s.cancelled ? 'Cancelled' : 'Exported'} ${s.files} files from ${s.chats} chats to ${s.to}: ` +
      `${s.copied} copied, ${s.linked} linked, ${s.skipped} already there (${s.bytes} bytes written).`,
    ...s.sidecars.map((p) => `sidecar: ${p}`),
    ...(s.transcripts.length
      ? [
          `${s.transcripts.length} conversations (transcript.html, conversation.txt and conversation.json in each chat folder)`,
        ]
      : []),
    ...s.notes.map((n) => `note: ${n}`),
    ...s.errors.map((e) => `error: ${e.path ?? '-'}: ${e.message}`),
  ]
  return lines.join('\n')
}

export const run: CommandRun = async (context, values) => {
  const to = stringOption(values, 'to') ?? ''
  const filter = parseListFilter(values)
  try {
    const summary = await exportArchive({
      dataDir: context.dataDir,
      to,
      filter,
      template: stringOption(values, 'template'),
      mode: values.link === true ? 'hardlink' : 'copy',
      signal: context.signal,
      onProgress: progressPrinter(context),
    })
    context.output.result(summary, () => summaryText(summary))
    return summary.errors.length > 0 || summary.cancelled ? 1 : 0
  } catch (error) {
    if (error instanceof TemplateError || error instanceof ExportTargetError)
      throw new UsageError(error.message)
    throw error
  }
}
