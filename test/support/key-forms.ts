// Whether a text gives away an API key in any of the disguises a hostile provider echoes it in.
import { echoOf, keyEchoForms } from '../fake-providers/hostile-api'

/** Stretches this long of a disguised key count as a leak: enough to be nothing but the key. */
const windowChars = 16

/** The disguises (and `squashed`: the key's letters and digits in order, any case) found in `text`. */
export function leakedForms(text: string, key: string): string[] {
  const found: string[] = []
  for (const form of keyEchoForms) {
    const echo = echoOf(key, form)
    const size = Math.min(echo.length, windowChars)
    for (let i = 0; i + size <= echo.length; i++) {
      if (text.includes(echo.slice(i, i + size))) {
        found.push(form)
        break
      }
    }
  }
  const squash = (s: string): string => s.toLowerCase().replace(/[^a-z0-9]/g, '')
  if (squash(text).includes(squash(key))) found.push('squashed')
  return found
}
