// Loads the recorded Fansly payloads and seed bodies kept under test/fixtures/fansly.
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

const dir = fileURLToPath(new URL('../../fixtures/fansly/', import.meta.url))

export function loadFanslyFixture(name: string): unknown {
  return JSON.parse(readFileSync(`${dir}${name}`, 'utf8')) as unknown
}

/** A deep copy to mutate in drift tests. */
export function cloneFixture<T>(value: T): T {
  return structuredClone(value)
}
