// The app shell: sidebar, catalog totals, and the screen the URL names.
import { useEffect, type ReactElement } from 'react'
import { ErrorNotice } from './components/ErrorNotice'
import { StatsHeader } from './components/StatsHeader'
import { ChatTimeline } from './features/chats/ChatTimeline'
import { Sidebar } from './features/chats/Sidebar'
import { GalleryView } from './features/gallery/GalleryView'
import { SettingsView } from './features/settings/SettingsView'
import { SyncHistoryView } from './features/sync/SyncHistoryView'
import { SyncIndicator } from './features/sync/SyncIndicator'
import { SyncPanel } from './features/sync/SyncPanel'
import { subscribe } from './bridge'
import { bumpDataVersion, useDataVersion } from './lib/dataVersion'
import { useRoute, type Route } from './lib/route'
import { useCall } from './lib/useCall'
import { Name } from './components/Name'
import { visibleBidi } from './lib/text'
import { accountLabel, chatLabel } from './features/chats/chatLabel'

const statsEveryMs = 3000
const listsEveryMs = 5000

/** The gallery's title names the chat or account it shows (loaded only for those views). */
function MediaScreen({ params }: { readonly params: URLSearchParams }): ReactElement {
  const chatId = params.get('chat')
  const accountId = params.get('account')
  const chats = useCall('chats:list', chatId !== null ? {} : null)
  const accounts = useCall('accounts:list', chatId === null && accountId !== null ? {} : null)
  const chat = chats.state.value?.find((each) => String(each.id) === chatId)
  const account = accounts.state.value?.find((each) => String(each.id) === accountId)
  if (chatId !== null) {
    const name = chat ? chatLabel(chat) : null
    return (
      <GalleryView
        params={params}
        titleText={name ? `Media from ${visibleBidi(name)}` : 'Chat media'}
        title={name ? <TitleWithName lead="Media from" name={name} /> : 'Chat media'}
      />
    )
  }
  if (accountId !== null) {
    const name = account ? accountLabel(account) : null
    return (
      <GalleryView
        params={params}
        titleText={name ? `All media of ${visibleBidi(name)}` : 'Account media'}
        title={name ? <TitleWithName lead="All media of" name={name} /> : 'Account media'}
      />
    )
  }
  return <GalleryView params={params} titleText="All media" title="All media" />
}

function TitleWithName({ lead, name }: { readonly lead: string; readonly name: string }): ReactElement {
  return (
    <>
      <span className="title-lead">{lead} </span>
      <Name className="truncate title-name" text={name} />
    </>
  )
}

/** Keyboard users jump past the sidebar: to the grid on the gallery, else to the screen. */
function SkipLink(): ReactElement {
  const skip = (): void => {
    const target =
      document.getElementById('media-grid') ??
      document.getElementById('timeline') ??
      document.getElementById('main')
    target?.focus()
  }
  return (
    <button type="button" className="skip-link" onClick={skip} data-testid="skip-link">
      Skip to content
    </button>
  )
}

function Screen({ route }: { readonly route: Route }): ReactElement {
  switch (route.view) {
    case 'media':
      return <MediaScreen params={route.params} />
    case 'chat':
      return (
        <ChatTimeline
          key={`${route.chatId}:${route.params.get('message') ?? ''}`}
          chatId={route.chatId}
          targetMessageId={
            /^\d+$/.test(route.params.get('message') ?? '') ? Number(route.params.get('message')) : null
          }
        />
      )
    case 'sync':
      return <SyncPanel />
    case 'history':
      return <SyncHistoryView />
    case 'settings':
      return <SettingsView />
  }
}

export function App(): ReactElement {
  const route = useRoute()
  // A changed catalog (an account added or removed with its archive) changes the totals too.
  const stats = useCall('catalog:stats', {}, useDataVersion())
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
      <SkipLink />
      <Sidebar route={route} />
      <main className="main" id="main" tabIndex={-1}>
        <StatsHeader stats={stats.state}>
          <SyncIndicator />
        </StatsHeader>
        {stats.state.status === 'error' && <ErrorNotice error={stats.state.error} onRetry={reload} />}
        <Screen route={route} />
      </main>
    </div>
  )
}
