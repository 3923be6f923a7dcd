// The deterministic world the fake providers serve: accounts, chats, messages and media for all
// four providers, built from a seed, with the awkward cases real accounts have (shared, locked,
// DRM, not ready, errored media; hostile names and text), and mutable at run time for sync tests.
import type { ProviderId, VariantKind, VideoQuality } from '../../src/shared/domain'
import { type FileSpec, sha256Of, totalSize } from './bytes'
import type {
  Dataset,
  DatasetOptions,
  FakeAccount,
  FakeChat,
  FakeMedia,
  FakeMediaState,
  FakeMediaType,
  FakeMessage,
  SizeRange,
} from './dataset-types'
import { conversationExtras } from './conversation'
import { hostileFanNames, hostileOnlyFansTexts, hostilePlainTexts } from './hostile'
import { createPrng, intBetween, pick } from './prng'

export type * from './dataset-types'

const defaultSizes: Readonly<Record<FakeMediaType, SizeRange>> = {
  photo: [4_000, 48_000],
  video: [16_000, 64_000],
  audio: [9_000, 24_000],
}
const baseTime = Date.UTC(2025, 0, 1)
const hour = 3_600_000

const accountSeeds: readonly Omit<FakeAccount, 'chats'>[] = [
  {
    provider: 'onlyfansapi',
    id: 'acct_fake_onlyfans_1',
    userId: '900000001',
    username: 'creator_ofapi',
    connectionId: null,
    syncLost: false,
  },
  {
    provider: 'onlyfansapi-fansly',
    id: 'fansly_acct_fake_1',
    userId: '300000000000000001',
    username: 'creator_fansly',
    connectionId: null,
    syncLost: false,
  },
  {
    provider: 'ofauth',
    id: '900000002',
    userId: '900000002',
    username: 'creator_ofauth',
    connectionId: 'conn_fake_1',
    syncLost: false,
  },
  {
    provider: 'fansmetric',
    id: 'acct_fake_fm_1',
    userId: '900000003',
    username: 'creator_fm',
    connectionId: null,
    syncLost: false,
  },
  {
    provider: 'fansmetric',
    id: 'acct_fake_fm_lost',
    userId: '900000004',
    username: 'creator_lost',
    connectionId: null,
    syncLost: true,
  },
]

export function createDataset(input: DatasetOptions = {}): Dataset {
  const options = {
    seed: input.seed ?? 1,
    chats: input.chats ?? 4,
    messagesPerChat: input.messagesPerChat ?? 12,
    mediaPerMessage: input.mediaPerMessage ?? ([0, 3] as SizeRange),
    mediaTypes: input.mediaTypes ?? (['photo', 'video', 'audio'] as const),
    specials: input.specials ?? true,
  }
  const sizes = resolveSizes(input.fileSizes)
  const random = createPrng(options.seed)
  const mediaById = new Map<string, FakeMedia>()
  let sequence = 0
  const nextSeq = (): number => ++sequence

  const isFansly = (provider: ProviderId): boolean => provider === 'onlyfansapi-fansly'
  const newId = (provider: ProviderId, kind: 'media' | 'message' | 'fan' | 'group'): string => {
    const n = nextSeq()
    if (isFansly(provider)) {
      const base = {
        media: 720000000000000000n,
        message: 730000000000000000n,
        fan: 310000000000000000n,
        group: 320000000000000000n,
      }
      return String(base[kind] + BigInt(n))
    }
    const base = { media: 4000000000, message: 6400000000000, fan: 800000000, group: 800000000 }
    return String(base[kind] + n)
  }

  function createMedia(
    provider: ProviderId,
    createdAt: number,
    state: FakeMediaState,
    type?: FakeMediaType,
  ): FakeMedia {
    const mediaType = type ?? pickType(random, options.mediaTypes)
    const [min, max] = sizes[mediaType]
    const portrait = random() < 0.3
    const media: FakeMedia = {
      id: newId(provider, 'media'),
      provider,
      type: mediaType,
      state,
      size: intBetween(random, min, max),
      width: mediaType === 'audio' ? 0 : portrait ? 120 : 160,
      height: mediaType === 'audio' ? 0 : portrait ? 160 : 120,
      durationSec: mediaType === 'photo' ? 0 : 2,
      createdAt,
      price: state === 'locked' ? 9.99 : null,
      fault: null,
    }
    mediaById.set(media.id, media)
    return media
  }

  const accounts: FakeAccount[] = accountSeeds.map((seed, accountIndex) => {
    const account: FakeAccount = { ...seed, chats: [] }
    const texts = isFansly(seed.provider) ? hostilePlainTexts : hostileOnlyFansTexts
    for (let c = 0; c < options.chats; c++) {
      const fanId = newId(seed.provider, 'fan')
      const chatId = isFansly(seed.provider) ? newId(seed.provider, 'group') : fanId
      const name = hostileFanNames[(c + accountIndex) % hostileFanNames.length] ?? 'fan'
      const chat: FakeChat = {
        id: chatId,
        fan: { id: fanId, username: `u${fanId}`, name },
        messages: [],
      }
      for (let m = 0; m < options.messagesPerChat; m++) {
        const createdAt = baseTime + (c * options.messagesPerChat + m) * hour
        const count =
          typeof options.mediaPerMessage === 'number'
            ? options.mediaPerMessage
            : intBetween(random, options.mediaPerMessage[0], options.mediaPerMessage[1])
        const mediaIds = Array.from({ length: count }, () => createMedia(seed.provider, createdAt, 'ok').id)
        const fromCreator = m % 3 !== 2
        const previous = chat.messages.at(-1)
        chat.messages.push({
          id: newId(seed.provider, 'message'),
          chatId,
          text: texts[(m + c) % texts.length] ?? '',
          fromCreator,
          senderId: fromCreator ? seed.userId : fanId,
          createdAt,
          price: null,
          mediaIds,
          ...conversationExtras(m, fromCreator, previous),
        })
      }
      account.chats.push(chat)
    }
    if (options.specials) addSpecials(account)
    return account
  })

  /** One of each awkward case in the first chat, and one item sent in up to three chats. */
  function addSpecials(account: FakeAccount): void {
    const first = account.chats[0]
    if (!first) return
    const special = (index: number, state: FakeMediaState, type: FakeMediaType): void => {
      const message = first.messages[index % Math.max(1, first.messages.length)]
      if (!message) return
      const media = createMedia(account.provider, message.createdAt, state, type)
      const price = state === 'locked' ? 9.99 : message.price
      replaceMessage(first, message, { ...message, price, mediaIds: [...message.mediaIds, media.id] })
    }
    special(1, 'locked', 'video')
    special(2, 'drm', 'video')
    special(3, 'not_ready', 'video')
    special(4, 'error', 'photo')
    special(5, 'locked', 'photo')
    const shared = createMedia(account.provider, first.messages[0]?.createdAt ?? baseTime, 'ok', 'photo')
    for (const chat of account.chats.slice(0, 3)) {
      const message = chat.messages[0]
      if (message) replaceMessage(chat, message, { ...message, mediaIds: [...message.mediaIds, shared.id] })
    }
  }

  function replaceMessage(chat: FakeChat, old: FakeMessage, next: FakeMessage): void {
    const index = chat.messages.indexOf(old)
    if (index >= 0) chat.messages[index] = next
  }

  function mustMedia(id: string): FakeMedia {
    const media = mediaById.get(id)
    if (!media) throw new Error(`fake dataset: no media ${id}`)
    return media
  }

  function fileSpec(mediaId: string, kind: VariantKind, quality?: VideoQuality): FileSpec {
    const media = mustMedia(mediaId)
    if (kind === 'thumb') return { key: `${mediaId}:thumb`, format: 'png', width: 32, height: 32, size: 0 }
    if (kind === 'preview')
      return { key: `${mediaId}:preview`, format: 'png', width: 96, height: 72, size: 0 }
    if (kind === 'squarePreview')
      return { key: `${mediaId}:square`, format: 'png', width: 64, height: 64, size: 0 }
    if (media.type === 'photo') {
      return {
        key: `${mediaId}:full`,
        format: 'png',
        width: media.width,
        height: media.height,
        size: media.size,
      }
    }
    const q = quality ?? 'source'
    const factor = q === '720' ? 0.6 : q === '240' ? 0.3 : 1
    const format = media.type === 'video' ? 'mp4' : 'mp3'
    return {
      key: `${mediaId}:full:${q}`,
      format,
      width: media.width,
      height: media.height,
      size: Math.floor(media.size * factor),
    }
  }

  /** Polls left before a transcoding video is ready (readyAfterPolls). */
  const pollsLeft = new Map<string, number>()
  const dataset: Dataset = {
    options,
    accounts,
    account: (provider, id) =>
      accounts.find((a) => a.provider === provider && (a.id === id || a.userId === id)),
    accountByConnection: (connectionId) => accounts.find((a) => a.connectionId === connectionId),
    chat: (account, chatId) => account.chats.find((c) => c.id === chatId),
    media: (id) => mediaById.get(id),
    allMedia: (provider) => [...mediaById.values()].filter((m) => !provider || m.provider === provider),
    chatMediaIds(account, chatId) {
      const chat = dataset.chat(account, chatId)
      const ids = new Set<string>()
      for (const message of [...(chat?.messages ?? [])].reverse())
        for (const id of message.mediaIds) ids.add(id)
      return [...ids]
    },
    fileSpec,
    expectedSha256: (mediaId, kind = 'full', quality) => sha256Of(fileSpec(mediaId, kind, quality)),
    expectedSize: (mediaId, kind = 'full', quality) => totalSize(fileSpec(mediaId, kind, quality)),
    addMessage(provider, accountId, chatId, add = {}) {
      const account = dataset.account(provider, accountId)
      const chat = account && dataset.chat(account, chatId)
      if (!account || !chat) throw new Error(`fake dataset: no chat ${provider}/${accountId}/${chatId}`)
      const last = chat.messages.at(-1)
      const createdAt = Math.max(last ? last.createdAt + 60_000 : baseTime, baseTime)
      const types = add.types ?? []
      const count = add.mediaCount ?? (add.mediaIds ? 0 : 1)
      const created = Array.from({ length: count }, (_, i) =>
        createMedia(provider, createdAt, add.state ?? 'ok', types[i % Math.max(1, types.length)]),
      )
      const fromCreator = add.fromCreator ?? true
      const message: FakeMessage = {
        id: newId(provider, 'message'),
        chatId,
        text: add.text ?? (isFansly(provider) ? `new message ${sequence}` : `<p>new message ${sequence}</p>`),
        fromCreator,
        senderId: fromCreator ? account.userId : chat.fan.id,
        createdAt,
        price: add.state === 'locked' ? 9.99 : null,
        mediaIds: [...(add.mediaIds ?? []), ...created.map((m) => m.id)],
        tip: add.tip ?? null,
        replyToId: add.replyToId ?? null,
        isMass: add.isMass ?? false,
      }
      for (const media of created) media.fault = add.fault ?? null
      chat.messages.push(message)
      return message
    },
    markReady(mediaId) {
      const media = mustMedia(mediaId)
      if (media.state === 'not_ready') media.state = 'ok'
    },
    readyAfterPolls(mediaId, polls) {
      mustMedia(mediaId).state = 'not_ready'
      pollsLeft.set(mediaId, polls)
    },
    notePoll(mediaId) {
      const left = pollsLeft.get(mediaId)
      if (left === undefined) return
      if (left > 1) pollsLeft.set(mediaId, left - 1)
      else {
        pollsLeft.delete(mediaId)
        dataset.markReady(mediaId)
      }
    },
    setState(mediaId, state) {
      mustMedia(mediaId).state = state
    },
    setFault(mediaId, fault) {
      mustMedia(mediaId).fault = fault
    },
    deleteMessage(provider, accountId, chatId, messageId) {
      const account = dataset.account(provider, accountId)
      const chat = account && dataset.chat(account, chatId)
      const index = chat ? chat.messages.findIndex((m) => m.id === messageId) : -1
      if (!chat || index < 0) throw new Error(`fake dataset: no message ${messageId} in ${chatId}`)
      chat.messages.splice(index, 1)
    },
  }
  return dataset
}

function resolveSizes(input: DatasetOptions['fileSizes']): Readonly<Record<FakeMediaType, SizeRange>> {
  if (!input) return defaultSizes
  if (Array.isArray(input)) {
    const range = input as SizeRange
    return { photo: range, video: range, audio: range }
  }
  return { ...defaultSizes, ...(input as Partial<Record<FakeMediaType, SizeRange>>) }
}

function pickType(random: () => number, types: readonly FakeMediaType[]): FakeMediaType {
  if (types.length === 3) {
    const roll = random()
    return roll < 0.6 ? 'photo' : roll < 0.9 ? 'video' : 'audio'
  }
  return pick(random, types)
}
