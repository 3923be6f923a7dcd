import { describe, expect, it } from 'vitest'
import * as main from '../../../src/main/export/template'
import {
  defaultTemplate,
  isAbsolutePath,
  templateProblem,
  templateVariables,
} from '../../../src/renderer/features/export/template'

describe('the export dialog’s template help', () => {
  it('shows the default and exactly the variables the exporter knows', () => {
    expect(defaultTemplate).toBe(main.defaultTemplate)
    const shown = templateVariables.flatMap(([names]) =>
      names.split(' ').map((name) => name.replace(/^\{|\}$/g, '')),
    )
    expect([...shown].sort()).toEqual(Object.keys(main.templateVariables).sort())
  })

  it('refuses what the API would refuse before sending it', () => {
    expect(templateProblem(defaultTemplate)).toBeNull()
    expect(templateProblem('{fan}/{mediaId}')).toMatch(/\.\{ext\}/)
    expect(templateProblem('  ')).toMatch(/empty/)
  })

  it('tells absolute folders from relative ones on every OS', () => {
    expect(isAbsolutePath('/home/me/Exports')).toBe(true)
    expect(isAbsolutePath('C:\\Exports')).toBe(true)
    expect(isAbsolutePath('D:/Exports')).toBe(true)
    expect(isAbsolutePath('\\\\nas\\share')).toBe(true)
    expect(isAbsolutePath('exports')).toBe(false)
    expect(isAbsolutePath('./exports')).toBe(false)
    expect(isAbsolutePath('~/exports')).toBe(false)
  })
})
