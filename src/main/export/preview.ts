// The export dialog's preview: the first file names an export would write, for the template and
// selection being edited, planned by the very planner the export runs (runner.ts `planLinks`).
// Names are claimed in order, oldest link first, and a later claim never changes an earlier one
// (namer.ts), so planning a prefix of the links gives exactly the export's first names.
import { resolve } from 'node:path'
import type { Catalog } from '../catalog/catalog'
import { relativePathBudget } from './path-budget'
import { planLinks } from './runner'
import { loadLinks } from './source'
import { windowTemplateProblem } from './jobs'
import { parseTemplate } from './template'
import type { ExportSelection } from './types'

export interface ExportPreview {
  readonly names: readonly string[]
  readonly more: boolean
  readonly problem: string | null
}

/**
 * Links planned per round: enough for the first names in any real chat (an item without an
 * archived file takes a link but makes no file), doubled while too few files came out.
 */
const firstRound = 64

export function previewExport(
  catalog: Catalog,
  selection: ExportSelection,
  templateSource: string,
  options: {
    readonly to?: string | undefined
    readonly limit: number
    readonly platform?: NodeJS.Platform
    /** Tests start smaller, so the rounds are exercised on a small archive. */
    readonly firstRound?: number
  },
): ExportPreview {
  const problem = windowTemplateProblem(templateSource)
  if (problem !== null) return { names: [], more: false, problem }
  const template = parseTemplate(templateSource)
  // The export resolves the folder's links before it plans; the preview makes nothing, so it
  // measures the folder as typed (only Windows' path budget depends on it).
  const budget = relativePathBudget(options.to ? resolve(options.to) : '', options.platform)
  const links = loadLinks(catalog, selection)
  for (let take = options.firstRound ?? firstRound; ; take *= 2) {
    const plan = planLinks(catalog, links.slice(0, take), template, budget)
    if (plan.files.length > options.limit || take >= links.length) {
      return {
        names: plan.files.slice(0, options.limit).map((file) => file.path),
        more: plan.files.length > options.limit,
        problem: null,
      }
    }
  }
}
