// The export file-name template as the user sees it: the default and what each variable means
// (as docs/export.md and src/main/export/template.ts define them; restated because the renderer
// cannot import the main process).

export const defaultTemplate = '{provider}/{account}/{fan}/{yyyy-mm-dd}_{messageId}_{mediaId}.{ext}'

export const templateVariables: ReadonlyArray<readonly [string, string]> = [
  ['{provider}', 'provider id: onlyfansapi, onlyfansapi-fansly, ofauth, fansmetric'],
  ['{account}', 'the creator account id at the provider'],
  ['{chat}', 'the chat id at the provider'],
  ['{fan}', 'the fan’s username, else the chat id'],
  ['{fanName}', 'the fan’s display name, else the username, else the chat id'],
  ['{yyyy-mm-dd}', 'message date (UTC), e.g. 2024-05-31'],
  ['{yyyy} {mm} {dd}', 'message year, month (01–12), day (01–31), in UTC'],
  ['{time}', 'message time HH-MM-SS (UTC)'],
  ['{messageId}', 'the message id at the provider'],
  ['{mediaId}', 'the media id at the provider'],
  ['{type}', 'photo, video, audio or gif'],
  ['{index}', 'position of the item among the exported items of its message, from 1'],
  ['{ext}', 'extension of the archived file, e.g. png, mp4 (the template must end with .{ext})'],
  ['{sha8}', 'first 8 hex digits of the file’s sha256'],
]

/** What the form can tell before asking the main process, which checks everything again. */
export function templateProblem(template: string): string | null {
  if (template.trim() === '') return 'The template is empty.'
  if (!template.endsWith('.{ext}')) return 'The template must end with .{ext}.'
  return null
}

/** Absolute on POSIX (/…) or Windows (C:\…, \\server\…). */
export function isAbsolutePath(path: string): boolean {
  return /^\//.test(path) || /^[A-Za-z]:[\\/]/.test(path) || /^\\\\/.test(path)
}
