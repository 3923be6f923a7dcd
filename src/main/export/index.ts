// The export feature's public surface: the runner for the CLI, the API and the benchmarks.
export { exportArchive } from './runner'
export { defaultTemplate, parseTemplate, templateVariables, TemplateError } from './template'
export { ExportTargetError, ConfinementError } from './confine'
export type { ExportOptions, ExportProgress, ExportSelection, ExportSummary, ExportError } from './types'
export type { PlaceMode } from './place-file'
