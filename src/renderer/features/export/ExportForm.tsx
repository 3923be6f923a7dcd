// Where and how to export: the target folder (typed, or chosen with the OS folder picker in the
// desktop app), the file-name template with its variables, and copy or hard link.
import { useState, type FormEvent, type ReactElement } from 'react'
import { defaultTemplate, templateVariables } from '../../../shared/export-template'
import { call } from '../../bridge'
import { ErrorNotice } from '../../components/ErrorNotice'
import { RadioChoices, type RadioChoice } from '../../components/RadioChoices'
import { isAbsolutePath, templateProblem } from './template'
import { useExportPreview, type PreviewScope } from './useExportPreview'

export interface ExportRequestForm {
  readonly to: string
  readonly template: string
  readonly mode: 'copy' | 'hardlink'
}

export interface ExportFormProps {
  readonly initial: ExportRequestForm
  /** What is being exported, for the preview of the first file names. */
  readonly scope: PreviewScope
  /** True where a native folder picker exists (the desktop app; not serve mode in a browser). */
  readonly canPick: boolean
  readonly busy: boolean
  readonly onSubmit: (request: ExportRequestForm) => void
  readonly onCancel: () => void
}

const modeChoices: readonly RadioChoice<ExportRequestForm['mode']>[] = [
  { value: 'copy', label: 'Copy', hint: 'independent files, the safe choice' },
  {
    value: 'hardlink',
    label: 'Hard link',
    hint: 'no extra space; same disk as the archive, else it copies',
    testId: 'export-hardlink',
  },
]

export function ExportForm({
  initial,
  scope,
  canPick,
  busy,
  onSubmit,
  onCancel,
}: ExportFormProps): ReactElement {
  const [to, setTo] = useState(initial.to)
  const [picking, setPicking] = useState(false)
  const [pickError, setPickError] = useState<string | null>(null)
  const [template, setTemplate] = useState(initial.template)
  const [mode, setMode] = useState(initial.mode)
  const folderProblem =
    to.trim() === ''
      ? 'Type the folder to export into.'
      : isAbsolutePath(to.trim())
        ? null
        : 'Use a full path, e.g. /home/you/Exports or C:\\Exports.'
  const problem = folderProblem ?? templateProblem(template.trim())
  const preview = useExportPreview(scope, template.trim(), to.trim())

  const pick = (): void => {
    setPicking(true)
    setPickError(null)
    const current = to.trim()
    call('export:pickFolder', current && isAbsolutePath(current) ? { defaultPath: current } : {})
      .then(({ path }) => {
        if (path !== null) setTo(path)
      })
      .catch((failure: unknown) => setPickError((failure as Error).message))
      .finally(() => setPicking(false))
  }

  const submit = (event: FormEvent): void => {
    event.preventDefault()
    if (problem === null) onSubmit({ to: to.trim(), template: template.trim(), mode })
  }

  return (
    <form className="export-form" onSubmit={submit} data-testid="export-form">
      <label className="form-field">
        <span>Export to folder</span>
        <span className="folder-row">
          <input
            type="text"
            value={to}
            onChange={(event) => setTo(event.target.value)}
            placeholder="/home/you/Exports/chatkeep"
            autoFocus
            spellCheck={false}
            autoComplete="off"
            data-testid="export-to"
          />
          {canPick && (
            <button
              type="button"
              className="button button-secondary"
              onClick={pick}
              disabled={picking}
              data-testid="export-pick"
            >
              {picking ? 'Choosing…' : 'Choose…'}
            </button>
          )}
        </span>
        <span className="muted small">Created if it does not exist. Files already there are kept.</span>
        {pickError && <span className="small text-danger">{pickError}</span>}
      </label>
      <label className="form-field">
        <span>File names</span>
        <input
          type="text"
          className="mono-input"
          value={template}
          onChange={(event) => setTemplate(event.target.value)}
          spellCheck={false}
          autoComplete="off"
          data-testid="export-template"
        />
      </label>
      <div className="template-help">
        <details>
          <summary>Template variables</summary>
          <dl className="template-vars">
            {Object.entries(templateVariables).map(([name, meaning]) => (
              <div key={name}>
                <dt>
                  <code>{`{${name}}`}</code>
                </dt>
                <dd>{meaning}</dd>
              </div>
            ))}
          </dl>
          <p className="muted small">
            A <code>/</code> makes a folder. Names are made safe for every OS.
          </p>
        </details>
        {template !== defaultTemplate && (
          <button type="button" className="link-button" onClick={() => setTemplate(defaultTemplate)}>
            Reset to default
          </button>
        )}
      </div>
      <div className="export-preview" data-testid="export-preview" aria-live="polite">
        <span className="muted small">First files:</span>
        {preview.error ? (
          <ErrorNotice error={preview.error} />
        ) : preview.preview === null ? (
          <span className="muted small"> …</span>
        ) : preview.preview.problem !== null ? (
          <span className="muted small"> {preview.preview.problem}</span>
        ) : preview.preview.names.length === 0 ? (
          <span className="muted small"> none: nothing here has an archived file yet.</span>
        ) : (
          <ul className="preview-names">
            {preview.preview.names.map((name) => (
              <li key={name}>
                <code>{name}</code>
              </li>
            ))}
            {preview.preview.more && <li className="muted small">…</li>}
          </ul>
        )}
      </div>
      <RadioChoices legend="Files" name="mode" choices={modeChoices} value={mode} onChange={setMode} />
      {problem && (
        <p className="muted small" data-testid="export-problem">
          {problem}
        </p>
      )}
      <div className="dialog-actions">
        <button type="button" className="button button-secondary" onClick={onCancel}>
          Cancel
        </button>
        <button type="submit" className="button" disabled={busy || problem !== null}>
          {busy ? 'Starting…' : 'Start export'}
        </button>
      </div>
    </form>
  )
}
