// What `chatkeep sync` was asked to do, read from its options and the environment. Light on
// purpose: the command table runs it before the sync code loads, so a usage error costs nothing.
import { providerIds, providerMeta, type ProviderId } from '../../../shared/providers'
import {
  syncMediaFilters,
  videoQualities,
  type ArchiveMode,
  type SyncMediaFilter,
  type VideoQuality,
} from '../../../shared/vocabulary'
import { choiceOption, httpUrl, listOption, numberOption, stringOption } from '../args'
import type { ParsedValues } from '../command'
import { UsageError } from '../usage-error'
import { parseTranscodePolls, transcodePollsEnv } from '../transcode-polls'

export interface SyncInput {
  readonly provider: ProviderId
  readonly account: string
  readonly connectionId?: string
  readonly chats: readonly string[]
  readonly type?: SyncMediaFilter
  readonly quality?: VideoQuality
  readonly concurrency?: number
  readonly baseUrl?: string
  /** Waits between polls of items still transcoding, in ms (CHATKEEP_TRANSCODE_POLLS). */
  readonly transcodePollsMs?: readonly number[]
  /** `--media-only` reads only the messages that carry media. */
  readonly mode: ArchiveMode
  readonly maxCredits?: number
  /** The variable the key was read from, for messages (never the key itself). */
  readonly keyEnv: string
  readonly apiKey: string
}

/** CHATKEEP_TRANSCODE_POLLS (sync/transcode-poll.ts), or a usage error naming the form it takes. */
export function transcodePollsFrom(env: NodeJS.ProcessEnv): readonly number[] | undefined {
  const text = env[transcodePollsEnv]
  if (text === undefined) return undefined
  const polls = parseTranscodePolls(text)
  if (polls === null)
    throw new UsageError(
      `${transcodePollsEnv} takes up to 10 waits in seconds (0–3600), comma-separated, like "5,15,40".`,
    )
  return polls
}

export function apiKeyFrom(env: NodeJS.ProcessEnv, name: string): string {
  const key = env[name]?.trim()
  if (!key)
    throw new UsageError(
      `No API key: set the environment variable ${name} (keys are never taken as arguments).`,
    )
  return key
}

/** Assumes the table's checks ran (provider and account present, choices and kinds respected). */
export function parseSyncInput(values: ParsedValues, env: NodeJS.ProcessEnv): SyncInput {
  const provider = choiceOption(values, 'provider', providerIds)
  const account = stringOption(values, 'account')
  if (provider === undefined || account === undefined)
    throw new UsageError('sync needs --provider and --account. Run "chatkeep sync --help".')
  const connectionId = stringOption(values, 'connection')
  if (providerMeta[provider].needsConnection && !connectionId)
    throw new UsageError(
      `${provider} needs --connection conn_… (the ${providerMeta[provider].service} connection id).`,
    )
  const type = choiceOption(values, 'type', syncMediaFilters)
  const quality = choiceOption(values, 'quality', videoQualities)
  const concurrency = numberOption(values, 'concurrency')
  const maxCredits = numberOption(values, 'max-credits')
  const baseUrlText = stringOption(values, 'base-url')
  const baseUrl = baseUrlText === undefined ? null : httpUrl(baseUrlText)
  const keyEnv = stringOption(values, 'api-key-env') ?? providerMeta[provider].keyEnv
  const polls = transcodePollsFrom(env)
  return {
    provider,
    account,
    ...(connectionId && { connectionId }),
    chats: listOption(values, 'chat'),
    ...(type && { type }),
    ...(quality && { quality }),
    ...(concurrency !== undefined && { concurrency }),
    ...(baseUrl !== null && { baseUrl }),
    mode: values['media-only'] === true ? 'media' : 'conversations',
    ...(maxCredits !== undefined && { maxCredits }),
    keyEnv,
    apiKey: apiKeyFrom(env, keyEnv),
    ...(polls !== undefined && { transcodePollsMs: polls }),
  }
}
