// Desktop notifications when a sync ends badly: it failed, it finished with items that failed or
// chats it could not read, or it needs a key. A sync that simply finished says nothing, and
// neither does one the user cancelled. Electron's Notification is passed in (mocked in tests).
import type { Notification, NotificationConstructorOptions } from 'electron'
import type { SyncJob } from '../../shared/contract'

export interface NotificationElectron {
  readonly Notification: {
    new (options: NotificationConstructorOptions): Pick<Notification, 'show' | 'on'>
    isSupported(): boolean
  }
}

/** The notification a job that just ended deserves, or null. */
export function notificationFor(job: SyncJob): NotificationConstructorOptions | null {
  if (job.needsKey)
    return {
      title: `Chatkeep: ${job.label} needs an API key`,
      body: job.error ?? 'The provider refused the key: open Settings to check it.',
    }
  if (job.state === 'failed')
    return { title: `Chatkeep: the sync of ${job.label} failed`, body: job.error ?? 'It stopped early.' }
  if (job.state === 'done' && job.retry !== null)
    return {
      title: `Chatkeep: ${job.label} synced with failures`,
      body: [job.result, job.retry].filter(Boolean).join('. '),
    }
  return null
}

/** Watches jobs as they change and notifies once per job that ends badly. */
export function createSyncNotifier(
  electron: NotificationElectron,
  onClick: () => void,
): (job: SyncJob) => void {
  const told = new Set<number>()
  return (job) => {
    if (job.finishedAt === null || told.has(job.id)) return
    told.add(job.id)
    const options = notificationFor(job)
    if (!options || !electron.Notification.isSupported()) return
    const notification = new electron.Notification(options)
    notification.on('click', onClick)
    notification.show()
  }
}
