// Planning a run: which chats it covers (the ones named with --chat, else every chat the provider
// lists) and which of them need reading at all. A chat whose newest message is the one the last
// complete sync saw costs no request beyond the chat list.
import type { ChatRow } from '../catalog/repositories/chats'
import { listAllChats } from './listing'
import type { RunState } from './run-state'

export interface ChatTarget {
  readonly chat: ChatRow
  /** The chat list's newest message id; null when the chat was named, not listed. */
  readonly lastMessageId: string | null
}

export interface ChatPlan {
  /** Every chat the run covers (catalog ids): leftovers and the summary are counted over them. */
  readonly chatIds: readonly number[]
  /** The chats to page, in the provider's order. */
  readonly toRead: readonly ChatTarget[]
  /** Chats skipped: nothing new since their last complete sync. */
  readonly unchanged: number
}

/**
 * Whether a chat can be skipped without a request: its whole history was read once, and the chat
 * list names the same newest message as when it was last synced completely, so nothing was sent
 * since. A chat holding a locked item is still paged, because buying it later changes the item,
 * not the newest message. `--full` never skips.
 */
function unchangedSinceLastSync(
  chat: ChatRow,
  lastMessageId: string | null,
  lockedChats: ReadonlySet<number>,
): boolean {
  return (
    lastMessageId !== null &&
    chat.historyComplete &&
    chat.seenLastMessageId === lastMessageId &&
    !lockedChats.has(chat.id)
  )
}

async function chatTargets(run: RunState): Promise<readonly ChatTarget[]> {
  const { catalog, accountId, request } = run
  // Chats named with --chat are not listed, so their newest message id is not known.
  if (request.chats?.length) {
    return request.chats.map((id) => ({
      chat:
        catalog.chats.get(accountId, id) ??
        catalog.chats.upsert(accountId, {
          externalId: id,
          fanId: null,
          fanUsername: null,
          fanName: null,
          lastMessageAt: null,
          raw: null,
        }),
      lastMessageId: null,
    }))
  }
  const known = catalog.chats.listByAccount(accountId).length
  const list = await listAllChats(run.adapter, run.ctx, run.call, known)
  run.problems.add(list.problems)
  return list.chats.map((listed) => ({
    chat: catalog.chats.upsert(accountId, { ...listed, externalId: listed.id }),
    lastMessageId: listed.lastMessageId,
  }))
}

export async function planChats(run: RunState): Promise<ChatPlan> {
  const targets = await chatTargets(run)
  for (const { chat } of targets)
    run.tracker.chat(chat.externalId, chat.fanName ?? chat.fanUsername ?? chat.externalId)
  const lockedChats = run.catalog.chats.withLockedMedia(run.accountId)
  const toRead: ChatTarget[] = []
  let unchanged = 0
  for (const target of targets) {
    const { chat, lastMessageId } = target
    if (run.request.full !== true && unchangedSinceLastSync(chat, lastMessageId, lockedChats)) {
      run.catalog.chats.markSynced(chat.id, false)
      run.tracker.unchanged(chat.externalId)
      unchanged++
    } else toRead.push(target)
  }
  return { chatIds: targets.map((t) => t.chat.id), toRead, unchanged }
}
