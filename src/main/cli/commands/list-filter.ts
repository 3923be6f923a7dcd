// The filters `list` and `export` share, read from their options (the table declares them once).
import type { MediaLinkFilter } from '../../catalog/repositories/media-links'
import { providerIds } from '../../../shared/providers'
import { mediaStatuses, mediaTypes } from '../../../shared/vocabulary'
import { choiceOption, stringOption } from '../args'
import type { ParsedValues } from '../command'

export function parseListFilter(values: ParsedValues): MediaLinkFilter {
  const provider = choiceOption(values, 'provider', providerIds)
  const type = choiceOption(values, 'type', mediaTypes)
  const status = choiceOption(values, 'status', mediaStatuses)
  const account = stringOption(values, 'account')
  const chat = stringOption(values, 'chat')
  const search = stringOption(values, 'search')
  return {
    ...(provider && { provider }),
    ...(account !== undefined && { account }),
    ...(chat !== undefined && { chat }),
    ...(type && { type }),
    ...(status && { status }),
    ...(search !== undefined && { search }),
  }
}
