// CHATKEEP_TRANSCODE_POLLS, read by the CLI, serve and the app: kept out of sync/ so that parsing
// `chatkeep sync`'s input loads none of the sync engine (cli-startup.test.ts).
/**
 * The same waits from the environment, in seconds, comma-separated ("5,15,40"); "" or "0" turns
 * polling off. For tests, whose fake videos never finish, and for whoever wants to wait longer.
 */
export const transcodePollsEnv = 'CHATKEEP_TRANSCODE_POLLS'

/** The waits in ms, or null when the text is not up to 10 numbers of seconds from 0 to 3600. */
export function parseTranscodePolls(text: string): readonly number[] | null {
  const trimmed = text.trim()
  if (trimmed === '' || trimmed === '0') return []
  const seconds = trimmed.split(',').map((part) => Number(part.trim()))
  if (seconds.length > 10 || seconds.some((n) => !Number.isFinite(n) || n < 0 || n > 3600)) return null
  return seconds.map((n) => Math.round(n * 1000))
}
