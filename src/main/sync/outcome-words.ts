// A sync's result and the service's state in words, for the history page, the job cards, desktop
// notifications and the tray. Items that no sync will fetch (locked, DRM) are never described as
// retried; only failed, waiting and left-over items and unread chats are.

export interface ResultCounts {
  readonly downloaded: number
  readonly alreadyHad: number
  readonly locked: number
  readonly drm: number
  readonly notReady: number
  readonly failed: number
  readonly pending: number
  readonly failedChats: number
}

const count = (n: number): string => n.toLocaleString('en-US')
const plural = (n: number, one: string, many: string): string => `${count(n)} ${n === 1 ? one : many}`

/** "230 archived, 3 locked, 1 DRM, 2 waiting for the provider, nothing failed". */
export function resultWords(r: ResultCounts): string {
  const parts = [`${count(r.downloaded)} archived`]
  if (r.alreadyHad > 0) parts.push(`${count(r.alreadyHad)} already there`)
  if (r.locked > 0) parts.push(`${count(r.locked)} locked`)
  if (r.drm > 0) parts.push(`${count(r.drm)} DRM`)
  if (r.notReady > 0) parts.push(`${count(r.notReady)} waiting for the provider`)
  if (r.pending > 0) parts.push(`${count(r.pending)} left for the next sync`)
  if (r.failedChats > 0) parts.push(`${plural(r.failedChats, 'chat', 'chats')} could not be read`)
  parts.push(r.failed > 0 ? `${count(r.failed)} failed` : 'nothing failed')
  return parts.join(', ')
}

/** What the next sync will try again, or null when nothing: never locked or DRM items. */
export function retryWords(r: ResultCounts): string | null {
  const again: string[] = []
  if (r.failed > 0) again.push(`the ${plural(r.failed, 'failed item', 'failed items')}`)
  if (r.notReady > 0) again.push(`the ${plural(r.notReady, 'item', 'items')} the provider had not ready`)
  if (r.pending > 0) again.push(`the ${plural(r.pending, 'item', 'items')} left over`)
  if (r.failedChats > 0) again.push(`the ${plural(r.failedChats, 'unread chat', 'unread chats')}`)
  if (again.length === 0) return null
  const list = again.length === 1 ? again[0] : `${again.slice(0, -1).join(', ')} and ${again.at(-1)}`
  return `The next sync tries ${list} again.`
}

export type ServiceJobState = 'queued' | 'running' | 'paused' | 'done' | 'failed' | 'cancelled'

export interface JobForWords {
  readonly state: ServiceJobState
  readonly label: string
}

/** One line for the tray and its tooltip: what the syncs are doing now. */
export function serviceStateWords(jobs: readonly JobForWords[]): string {
  const running = jobs.filter((j) => j.state === 'running')
  const paused = jobs.filter((j) => j.state === 'paused')
  const queued = jobs.filter((j) => j.state === 'queued').length
  const more = queued > 0 ? ` (${count(queued)} queued)` : ''
  if (running.length > 0) return `Syncing ${running.map((j) => j.label).join(', ')}${more}`
  if (paused.length > 0) return `Paused: ${paused.map((j) => j.label).join(', ')}${more}`
  if (queued > 0) return `${plural(queued, 'sync', 'syncs')} queued`
  const last = jobs.at(-1)
  if (last?.state === 'failed') return `Last sync failed: ${last.label}`
  return 'Not syncing'
}
