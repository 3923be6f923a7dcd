import { describe, expect, it } from 'vitest'
import { csvCell, csvRow } from '../../../src/main/export/csv'

describe('CSV', () => {
  it.each([
    ['plain', 'plain'],
    ['a,b', '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ['two\nlines', '"two\nlines"'],
    ['cr\rlf', '"cr\rlf"'],
    ['=1+2', "'=1+2"],
    ['+SUM(A1)', "'+SUM(A1)"],
    ['-2+3', "'-2+3"],
    ['@cmd', "'@cmd"],
    ['=HYPERLINK("http://x","y")', `"'=HYPERLINK(""http://x"",""y"")"`],
    ['\t=1', "'\t=1"],
    [' padded ', '" padded "'],
    ['😈 ünï', '😈 ünï'],
    ['', ''],
  ])('%j -> %j', (input, expected) => {
    expect(csvCell(input)).toBe(expected)
  })

  it('writes numbers, null and booleans as they are', () => {
    expect(csvRow([1.5, null, undefined, true, -3, 'x'])).toBe('1.5,,,true,-3,x\r\n')
  })
})
