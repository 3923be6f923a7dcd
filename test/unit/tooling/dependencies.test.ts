// A production dependency ships in every installer, so each one must be imported by the app's own
// code. env-paths and p-queue both outlived their last import unnoticed; this catches the next one.
import { readdirSync, readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'

const root = resolve(import.meta.dirname, '../../..')
const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
  dependencies?: Record<string, string>
}

const sources = readdirSync(join(root, 'src'), { recursive: true, encoding: 'utf8' })
  .filter((file) => /\.(ts|tsx)$/.test(file))
  .map((file) => readFileSync(join(root, 'src', file), 'utf8'))

function imported(name: string): boolean {
  const escaped = name.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')
  const specifier = new RegExp(`(from|import\\()\\s*'${escaped}(/[^']*)?'`)
  return sources.some((text) => specifier.test(text))
}

describe('package.json dependencies', () => {
  it('lists only packages that src/ imports', () => {
    const unused = Object.keys(manifest.dependencies ?? {}).filter((name) => !imported(name))
    expect(unused).toEqual([])
  })
})
