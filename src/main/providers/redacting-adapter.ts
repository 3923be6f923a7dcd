// Every error an adapter throws passes through `redactError` with the adapter's key, so a key a
// provider echoed into something other than an HTTP error body (a cursor quoted in a paging error,
// a value in a shape error) is cut out before the sync prints it or stores it in sync_runs.error.
import { redactError } from './redact'
import type { ProviderAdapter } from './types'

/** The same adapter, every method (present and future) wrapped; fields and getters pass through. */
export function withRedactedErrors(adapter: ProviderAdapter, secrets: readonly string[]): ProviderAdapter {
  const fail = (error: unknown): never => {
    throw redactError(error, secrets)
  }
  return new Proxy(adapter, {
    get(target, property) {
      const value: unknown = Reflect.get(target, property, target)
      if (typeof value !== 'function') return value
      return (...args: unknown[]): unknown => {
        try {
          const result: unknown = Reflect.apply(value, target, args)
          return result instanceof Promise ? result.catch(fail) : result
        } catch (error) {
          return fail(error)
        }
      }
    },
  })
}
