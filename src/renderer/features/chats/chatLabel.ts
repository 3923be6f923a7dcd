// How a chat is named everywhere: the fan's display name, else @username, else the provider id.
import type { ChannelOutput } from '../../../shared/contract'

export type ChatSummary = ChannelOutput<'chats:list'>[number]
export type AccountSummary = ChannelOutput<'accounts:list'>[number]

export function chatLabel(chat: ChatSummary): string {
  return chat.fanName ?? (chat.fanUsername ? `@${chat.fanUsername}` : `Chat ${chat.externalId}`)
}

export function accountLabel(account: AccountSummary): string {
  return account.label ?? account.externalId
}
