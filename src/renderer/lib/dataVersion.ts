// A counter that moves whenever the catalog changed under the screens (an account was added, a
// sync finished), so lists that were loaded once know to load again.
import { useSyncExternalStore } from 'react'

let version = 0
const listeners = new Set<() => void>()

export function bumpDataVersion(): void {
  version += 1
  for (const listener of listeners) listener()
}

function subscribeVersion(listener: () => void): () => void {
  listeners.add(listener)
  return () => listeners.delete(listener)
}

const readVersion = (): number => version

export function useDataVersion(): number {
  return useSyncExternalStore(subscribeVersion, readVersion)
}
