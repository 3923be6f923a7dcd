// What the export form checks before asking the main process, which checks everything again.
// The template's default and variables come from src/shared/export-template.ts.

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
