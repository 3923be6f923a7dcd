// The export dialog's preview of the first file names, asked of the core (export:preview, the
// export's own planner) for the template and folder being typed, a moment after typing stops.
import { useEffect, useState } from 'react'
import type { ChannelInput, ChannelOutput } from '../../../shared/contract'
import { call } from '../../bridge'

export type ExportPreview = ChannelOutput<'export:preview'>
export type PreviewScope = Pick<ChannelInput<'export:preview'>, 'mediaIds' | 'filter'>

/** Long enough not to plan on every keystroke, short enough to feel live. */
const settleMs = 250

/** `scope` should keep its identity while it does not change (a selection can hold many ids). */
export function useExportPreview(
  scope: PreviewScope,
  template: string,
  to: string,
): { readonly preview: ExportPreview | null; readonly error: Error | null } {
  const [preview, setPreview] = useState<ExportPreview | null>(null)
  const [error, setError] = useState<Error | null>(null)
  useEffect(() => {
    let live = true
    const timer = setTimeout(() => {
      call('export:preview', { ...scope, template, ...(to !== '' && { to }) }).then(
        (answer) => {
          if (!live) return
          setPreview(answer)
          setError(null)
        },
        (failure: unknown) => live && setError(failure as Error),
      )
    }, settleMs)
    return () => {
      live = false
      clearTimeout(timer)
    }
  }, [scope, template, to])
  return { preview, error }
}
