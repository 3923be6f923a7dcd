import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { appVersion } from '../../../src/main/version'

describe('app version', () => {
  it('matches package.json (electron-builder names installers from it)', () => {
    const pkg = JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as {
      version: string
    }
    expect(appVersion).toBe(pkg.version)
  })
})
