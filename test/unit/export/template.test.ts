import { describe, expect, it } from 'vitest'
import {
  chatFolderDepth,
  defaultTemplate,
  fileNameOf,
  parseTemplate,
  renderTemplate,
  TemplateError,
  templateVariables,
  type TemplateValues,
} from '../../../src/main/export/template'

const values: TemplateValues = {
  provider: 'onlyfansapi',
  account: 'acct_1',
  chat: '800000001',
  fan: 'u800000001',
  fanName: 'Anna 😈',
  createdAt: '2024-05-31T22:04:09.123Z',
  messageId: '6400000000002',
  mediaId: '4000000131',
  type: 'photo',
  index: 2,
  ext: 'jpg',
  sha256: 'abcdef0123456789'.repeat(4),
}

function render(template: string, v: TemplateValues = values, suffix = ''): string {
  const path = renderTemplate(parseTemplate(template), v, suffix)
  return [...path.dirs, fileNameOf(path)].join('/')
}

describe('templates', () => {
  it('renders the default template readably', () => {
    expect(render(defaultTemplate)).toBe(
      'onlyfansapi/acct_1/u800000001/2024-05-31_6400000000002_4000000131.jpg',
    )
  })

  it.each([
    ['{yyyy}/{mm}/{dd}/{time}_{mediaId}.{ext}', '2024/05/31/22-04-09_4000000131.jpg'],
    ['{fanName}/{type}_{index}_{sha8}.{ext}', 'Anna 😈/photo_2_abcdef01.jpg'],
    ['{provider}\\{chat}\\{mediaId}.{ext}', 'onlyfansapi/800000001/4000000131.jpg'],
    ['/{mediaId}.{ext}', '4000000131.jpg'],
    ['../../{mediaId}.{ext}', '_/_/4000000131.jpg'],
    ['{mediaId}', '4000000131'],
  ])('%s -> %s', (template, expected) => {
    expect(render(template)).toBe(expected)
  })

  it('a separator or ".." inside a value never makes a folder', () => {
    const hostile = { ...values, fanName: '../../etc/passwd', fan: 'a/b\\c' }
    expect(render('{fanName}/{fan}_{mediaId}.{ext}', hostile)).toBe('__.._etc_passwd/a_b_c_4000000131.jpg')
  })

  it('keeps the extension when a long value is cut, and adds a suffix before it', () => {
    const long = { ...values, fanName: 'x'.repeat(10_000) }
    const out = render('{fanName}_{mediaId}.{ext}', long, '_preview')
    expect(out.endsWith('x_4000000131_preview.jpg')).toBe(true)
    expect(Buffer.byteLength(out)).toBeLessThanOrEqual(255)
  })

  it.each([
    '{nope}/{mediaId}.{ext}',
    '{MediaId}.{ext}',
    '{mediaId}.{ext',
    '{mediaId}}.{ext}',
    '',
    'fixed-name.jpg',
    '{{mediaId}}',
  ])('rejects %j with a TemplateError', (template) => {
    expect(() => parseTemplate(template)).toThrow(TemplateError)
  })

  it('names the unknown variable and lists the known ones', () => {
    expect(() => parseTemplate('{fan_name}.{ext}')).toThrow(/"\{fan_name\}".*provider, account/)
  })

  it('documents every variable in docs/export.md', async () => {
    const { readFileSync } = await import('node:fs')
    const docs = readFileSync(new URL('../../../docs/export.md', import.meta.url), 'utf8')
    for (const name of Object.keys(templateVariables)) expect(docs).toContain(`{${name}}`)
  })

  it('finds the chat folder depth', () => {
    expect(chatFolderDepth(parseTemplate(defaultTemplate))).toBe(3)
    expect(chatFolderDepth(parseTemplate('{provider}/{yyyy}/{fan}/{mediaId}'))).toBe(1)
    expect(chatFolderDepth(parseTemplate('all/{mediaId}'))).toBe(1)
    expect(chatFolderDepth(parseTemplate('{mediaId}.{ext}'))).toBe(0)
  })
})
