// Planning a run: which chats it covers (the ones named with --chat, else every chat the provider
// lists) and which of them need reading at all. A chat whose newest message is the one the last
// complete sync in this mode saw costs no request beyond the chat list (chat-pass.ts).
import { unchangedSinceLastSync, type ChatTarget } from './chat-pass'
import { CreditCapReached } from './credit-budget'
import { listAllChats } from './listing'
import type { RunState } from './run-state'

export type { ChatTarget } from './chat-pass'

export interface ChatPlan {
  /** Every chat the run covers (catalog ids): leftovers and the summary are counted over them. */
  readonly chatIds: readonly number[]
  /** The chats to page, in the provider's order. */
  readonly toRead: readonly ChatTarget[]
  /** Chats skipped: nothing new since their last complete sync. */
  readonly unchanged: number
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
  // The credit cap refusing the chat list ends the run's reading before it began (run.capped).
  const list = await listAllChats(run.adapter, run.ctx, run.call, known).catch((error: unknown) => {
    if (error instanceof CreditCapReached) return null
    throw error
  })
  if (list === null) return []
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
    const { chat } = target
    const { mode = 'conversations', type, full } = run.request
    if (full !== true && unchangedSinceLastSync(target, mode, type, lockedChats.has(chat.id))) {
      run.catalog.chats.markSynced(chat.id, false)
      run.tracker.unchanged(chat.externalId)
      unchanged++
    } else toRead.push(target)
  }
  return { chatIds: targets.map((t) => t.chat.id), toRead, unchanged }
}
