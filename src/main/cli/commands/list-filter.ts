// The filters `list`, `export` and `messages` share, read from their options (the table declares them once).
import type { MediaLinkFilter } from '../../catalog/repositories/media-links'
import type { MessageListFilter } from '../../catalog/repositories/message-list'
import { providerIds } from '../../../shared/providers'
import { mediaStatuses, mediaTypes } from '../../../shared/vocabulary'
import { choiceOption, stringOption } from '../args'
import type { ParsedValues } from '../command'

/** The scope every read command takes: provider, account, chat and a text search. */
export function parseScopeFilter(values: ParsedValues): MessageListFilter {
  const provider = choiceOption(values, 'provider', providerIds)
  const account = stringOption(values, 'account')
  const chat = stringOption(values, 'chat')
  const search = stringOption(values, 'search')
  return {
    ...(provider && { provider }),
    ...(account !== undefined && { account }),
    ...(chat !== undefined && { chat }),
    ...(search !== undefined && { search }),
  }
}

export function parseListFilter(values: ParsedValues): MediaLinkFilter {
  const type = choiceOption(values, 'type', mediaTypes)
  const status = choiceOption(values, 'status', mediaStatuses)
  return {
    ...parseScopeFilter(values),
    ...(type && { type }),
    ...(status && { status }),
  }
}
