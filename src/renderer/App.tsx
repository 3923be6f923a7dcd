// The app shell: sidebar, catalog totals, and the screen the URL names.
import { useEffect, type ReactElement } from 'react'
import { ErrorNotice } from './components/ErrorNotice'
import { StatsHeader } from './components/StatsHeader'
import { ChatTimeline } from './features/chats/ChatTimeline'
import { Sidebar } from './features/chats/Sidebar'
import { GalleryView } from './features/gallery/GalleryView'
import { SettingsView } from './features/settings/SettingsView'
import { SyncPanel } from './features/sync/SyncPanel'
import { subscribe } from './bridge'
import { bumpDataVersion } from './lib/dataVersion'
import { useRoute, type Route } from './lib/route'
import { useCall } from './lib/useCall'

const statsEveryMs = 3000
const listsEveryMs = 5000

function galleryTitle(params: URLSearchParams): string {
  if (params.has('chat')) return 'Chat media'
  if (params.has('account')) return 'Account media'
  return 'All media'
}

function Screen({ route }: { readonly route: Route }): ReactElement {
  switch (route.view) {
    case 'media':
      return <GalleryView params={route.params} title={galleryTitle(route.params)} />
    case 'chat':
      return <ChatTimeline key={route.chatId} chatId={route.chatId} />
    case 'sync':
      return <SyncPanel />
    case 'settings':
      return <SettingsView />
  }
}

export function App(): ReactElement {
  const route = useRoute()
  const stats = useCall('catalog:stats', {})
  const { reload } = stats

  // Totals move while a sync runs; refresh them when a run reports, at most every few seconds.
  // Lists (sidebar, gallery pages) load again when a run ends, and every few seconds while it
  // downloads, so media appear as they arrive.
  useEffect(() => {
    let lastStats = 0
    let lastLists = 0
    return subscribe('sync:progress', (run) => {
      const finished = run.phase === 'done' || run.phase === 'failed' || run.phase === 'cancelled'
      const now = Date.now()
      if (finished || now - lastStats > statsEveryMs) {
        lastStats = now
        reload()
      }
      if (finished || (run.phase === 'downloading' && now - lastLists > listsEveryMs)) {
        lastLists = now
        bumpDataVersion()
      }
    })
  }, [reload])

  return (
    <div className="app">
      <Sidebar route={route} />
      <main className="main">
        <StatsHeader stats={stats.state} />
        {stats.state.status === 'error' && <ErrorNotice error={stats.state.error} onRetry={reload} />}
        <Screen route={route} />
      </main>
    </div>
  )
}
