// Editors open each file in the project that type-checks it: tsconfig.json is a solution (no files
// of its own) whose references cover every source, the way TypeScript's language server looks a
// file up. With tsconfig.json extending the node project, renderer and e2e files fell into an
// inferred project with default settings (no JSX, none of our strictness).
import { resolve } from 'node:path'
import ts from 'typescript'
import { describe, expect, it } from 'vitest'

const root = resolve(import.meta.dirname, '../../..')

function parse(configFile: string): ts.ParsedCommandLine {
  const parsed = ts.getParsedCommandLineOfConfigFile(resolve(root, configFile), undefined, {
    ...ts.sys,
    onUnRecoverableConfigFileDiagnostic: (diagnostic) => {
      throw new Error(ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n'))
    },
  })
  if (!parsed) throw new Error(`${configFile} did not parse`)
  return parsed
}

describe('tsconfig.json', () => {
  const solution = parse('tsconfig.json')
  const projects = (solution.projectReferences ?? []).map((reference) => ({
    name: reference.path.slice(root.length + 1),
    files: new Set(parse(reference.path).fileNames),
  }))
  const projectsOf = (file: string): string[] =>
    projects.filter((project) => project.files.has(resolve(root, file))).map((project) => project.name)

  it('is a solution: no files of its own, references to the node, web and e2e projects', () => {
    expect(solution.fileNames).toEqual([])
    expect(projects.map((project) => project.name).sort()).toEqual([
      'tsconfig.e2e.json',
      'tsconfig.node.json',
      'tsconfig.web.json',
    ])
  })

  it.each([
    ['src/renderer/features/settings/AccountsCard.tsx', 'tsconfig.web.json'],
    ['src/main/cli/table.ts', 'tsconfig.node.json'],
    ['test/e2e/chat.e2e.ts', 'tsconfig.e2e.json'],
  ])('opens %s in %s', (file, project) => {
    expect(projectsOf(file)[0]).toBe(project)
  })
})
