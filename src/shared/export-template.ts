// The export file-name template as both sides know it: the default, and every variable with what
// it means. The exporter (src/main/export/template.ts) supplies a value for each name here, the
// export dialog lists them, and docs/export.md describes the same set.

export const defaultTemplate = '{provider}/{account}/{fan}/{yyyy-mm-dd}_{messageId}_{mediaId}.{ext}'

/** Every variable and its meaning. Dates and times are UTC, so an export reads the same everywhere. */
export const templateVariables = {
  provider: 'provider id: onlyfansapi, onlyfansapi-fansly, ofauth or fansmetric',
  account: 'the creator account id at the provider',
  chat: 'the chat id at the provider',
  fan: 'the fan’s username, else the chat id',
  fanName: 'the fan’s display name, else the username, else the chat id',
  'yyyy-mm-dd': 'message date (UTC), e.g. 2024-05-31',
  yyyy: 'message year (UTC)',
  mm: 'message month 01–12 (UTC)',
  dd: 'message day 01–31 (UTC)',
  time: 'message time HH-MM-SS (UTC; no colons, Windows forbids them)',
  messageId: 'the message id at the provider',
  mediaId: 'the media id at the provider',
  type: 'photo, video, audio or gif',
  index: 'position of the item among the exported items of its message, from 1',
  ext: 'extension of the archived file, e.g. png, mp4 (a template from the window must end with .{ext})',
  sha8: 'first 8 hex digits of the file’s sha256 (empty without a file)',
} as const satisfies Readonly<Record<string, string>>

export type TemplateVariable = keyof typeof templateVariables

export function isTemplateVariable(name: string): name is TemplateVariable {
  return Object.hasOwn(templateVariables, name)
}
