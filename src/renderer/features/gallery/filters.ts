// The gallery's filters as they live in the URL, and their translation into a media:search query.
// Unknown or malformed values are dropped rather than sent, so a hand-edited URL cannot break a page.
import type { MediaQuery } from '../../../shared/contract'
import {
  accessRuleKinds,
  mediaStatuses,
  mediaTypes,
  type MediaStatus,
  type MediaType,
} from '../../../shared/vocabulary'

export const sorts = ['newest', 'oldest', 'largest', 'smallest'] as const
export type Sort = (typeof sorts)[number]
export type AccessRuleKind = (typeof accessRuleKinds)[number]

export interface GalleryFilters {
  readonly search: string
  readonly types: readonly MediaType[]
  readonly statuses: readonly MediaStatus[]
  /** Calendar days (YYYY-MM-DD) as the date inputs give them. */
  readonly from: string
  readonly to: string
  readonly paid: '' | 'free' | 'paid'
  readonly minPrice: string
  readonly maxPrice: string
  readonly accessRule: '' | AccessRuleKind
  readonly sort: Sort
  readonly accountId: number | null
  readonly chatId: number | null
}

export const emptyFilters: GalleryFilters = {
  search: '',
  types: [],
  statuses: [],
  from: '',
  to: '',
  paid: '',
  minPrice: '',
  maxPrice: '',
  accessRule: '',
  sort: 'newest',
  accountId: null,
  chatId: null,
}

function pick<T extends string>(allowed: readonly T[], value: string | null): T | null {
  return value !== null && (allowed as readonly string[]).includes(value) ? (value as T) : null
}

function list<T extends string>(allowed: readonly T[], value: string | null): T[] {
  if (value === null) return []
  return value.split(',').flatMap((part) => pick(allowed, part) ?? [])
}

const day = /^\d{4}-\d{2}-\d{2}$/
const price = /^\d+(\.\d+)?$/

function id(value: string | null): number | null {
  return value !== null && /^\d+$/.test(value) ? Number(value) : null
}

export function parseFilters(params: URLSearchParams): GalleryFilters {
  const text = (name: string, pattern: RegExp): string => {
    const value = params.get(name) ?? ''
    return pattern.test(value) ? value : ''
  }
  return {
    search: params.get('q') ?? '',
    types: list(mediaTypes, params.get('type')),
    statuses: list(mediaStatuses, params.get('status')),
    from: text('from', day),
    to: text('to', day),
    paid: pick(['free', 'paid'] as const, params.get('paid')) ?? '',
    minPrice: text('min', price),
    maxPrice: text('max', price),
    accessRule: pick(accessRuleKinds, params.get('rule')) ?? '',
    sort: pick(sorts, params.get('sort')) ?? 'newest',
    accountId: id(params.get('account')),
    chatId: id(params.get('chat')),
  }
}

/** Only non-default values are written, so a plain gallery has a plain URL. */
export function filtersToParams(filters: GalleryFilters): URLSearchParams {
  const params = new URLSearchParams()
  const set = (name: string, value: string): void => {
    if (value !== '') params.set(name, value)
  }
  set('q', filters.search)
  set('type', filters.types.join(','))
  set('status', filters.statuses.join(','))
  set('from', filters.from)
  set('to', filters.to)
  set('paid', filters.paid)
  set('min', filters.minPrice)
  set('max', filters.maxPrice)
  set('rule', filters.accessRule)
  set('sort', filters.sort === 'newest' ? '' : filters.sort)
  set('account', filters.accountId === null ? '' : String(filters.accountId))
  set('chat', filters.chatId === null ? '' : String(filters.chatId))
  return params
}

export function hasActiveFilters(filters: GalleryFilters): boolean {
  const { sort: _sort, accountId: _account, chatId: _chat, ...rest } = filters
  const { sort: _s, accountId: _a, chatId: _c, ...empty } = emptyFilters
  return JSON.stringify(rest) !== JSON.stringify(empty)
}

/** Local calendar days become the instants that bound them. */
function dayStart(value: string): string {
  return new Date(`${value}T00:00:00`).toISOString()
}

function dayEnd(value: string): string {
  return new Date(`${value}T23:59:59.999`).toISOString()
}

export type SearchQuery = Omit<MediaQuery, 'offset' | 'limit'>

export function toQuery(filters: GalleryFilters): SearchQuery {
  const search = filters.search.trim()
  return {
    ...(search !== '' && { search }),
    ...(filters.types.length > 0 && { types: [...filters.types] }),
    ...(filters.statuses.length > 0 && { statuses: [...filters.statuses] }),
    ...(filters.from !== '' && { from: dayStart(filters.from) }),
    ...(filters.to !== '' && { to: dayEnd(filters.to) }),
    ...(filters.paid !== '' && { paid: filters.paid }),
    ...(filters.minPrice !== '' && { minPrice: Number(filters.minPrice) }),
    ...(filters.maxPrice !== '' && { maxPrice: Number(filters.maxPrice) }),
    ...(filters.accessRule !== '' && { accessRule: filters.accessRule }),
    ...(filters.accountId !== null && { accountId: filters.accountId }),
    ...(filters.chatId !== null && { chatId: filters.chatId }),
    sort: filters.sort,
  }
}
