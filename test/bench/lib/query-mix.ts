// The gallery's queries at 1M rows: what a user does in the grid (first page, filters, search,
// sorts, deep scrolling), expressed as the same MediaQuery the renderer sends.
import type { MediaQuery } from '../../../src/shared/contract'

export interface NamedQuery {
  readonly name: string
  readonly query: MediaQuery
}

const page = { offset: 0, limit: 200 } as const

export function queryMix(totalMedia: number): readonly NamedQuery[] {
  const deep = Math.floor(totalMedia * 0.5)
  const end = Math.max(0, totalMedia - 200)
  return [
    { name: 'newest', query: { sort: 'newest', ...page } },
    { name: 'oldest', query: { sort: 'oldest', ...page } },
    { name: 'type=video', query: { sort: 'newest', types: ['video'], ...page } },
    { name: 'type=audio,gif', query: { sort: 'newest', types: ['audio', 'gif'], ...page } },
    { name: 'status=locked', query: { sort: 'newest', statuses: ['locked'], ...page } },
    {
      name: 'status=failed,not_ready',
      query: { sort: 'newest', statuses: ['failed', 'not_ready'], ...page },
    },
    { name: 'search common word', query: { sort: 'newest', search: 'sunset', ...page } },
    { name: 'search two words', query: { sort: 'newest', search: 'paris beach', ...page } },
    { name: 'search fan name', query: { sort: 'newest', search: 'fan_user_42', ...page } },
    { name: 'chat filter', query: { sort: 'newest', chatId: 321, ...page } },
    { name: 'paid', query: { sort: 'newest', paid: 'paid', ...page } },
    { name: 'price ≥ 20', query: { sort: 'newest', minPrice: 20, ...page } },
    {
      name: 'date range (1 month)',
      query: { sort: 'newest', from: '2022-06-01T00:00:00.000Z', to: '2022-07-01T00:00:00.000Z', ...page },
    },
    { name: 'sort largest', query: { sort: 'largest', ...page } },
    { name: 'sort smallest', query: { sort: 'smallest', ...page } },
    { name: 'provider filter', query: { sort: 'newest', provider: 'onlyfansapi-fansly', ...page } },
    {
      name: 'photo+downloaded+paid',
      query: { sort: 'newest', types: ['photo'], statuses: ['downloaded'], paid: 'paid', ...page },
    },
    { name: 'offset 50%', query: { sort: 'newest', offset: deep, limit: 200 } },
    { name: 'offset end', query: { sort: 'newest', offset: end, limit: 200 } },
    {
      name: 'video, offset 10%',
      query: { sort: 'newest', types: ['video'], offset: Math.floor(totalMedia * 0.1 * 0.25), limit: 200 },
    },
  ]
}
