import { describe, expect, it } from 'vitest'
import { defaultTemplate } from '../../../src/shared/export-template'
import { isAbsolutePath, templateProblem } from '../../../src/renderer/features/export/template'

describe('the export form’s template checks', () => {
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
