// Accounts and their chats, plus the app's other places. A filter keeps thousands of chats usable.
import { useState, type ReactElement, type ReactNode } from 'react'
import { useDataVersion } from '../../lib/dataVersion'
import { formatCount, formatDateTime, formatShortDate } from '../../lib/format'
import { chatHref, type Route } from '../../lib/route'
import { useCall } from '../../lib/useCall'
import { providerMeta } from '../../../shared/providers'
import { Name } from '../../components/Name'
import { visibleBidi } from '../../lib/text'
import { accountLabel, chatLabel, type AccountSummary, type ChatSummary } from './chatLabel'

export interface SidebarProps {
  readonly route: Route
}

/** Chats listed per account before "Show more": keeps the DOM small with thousands of chats. */
const firstChats = 20
const moreChats = 50

function isActive(route: Route, href: string): boolean {
  if (href === '#/media')
    return route.view === 'media' && !route.params.has('account') && !route.params.has('chat')
  if (href.startsWith('#/media?account='))
    return route.view === 'media' && `#/media?account=${route.params.get('account')}` === href
  // A chat stays highlighted on its media grid too.
  if (href.startsWith('#/chat/'))
    return (
      (route.view === 'chat' && chatHref(route.chatId) === href) ||
      (route.view === 'media' && chatHref(Number(route.params.get('chat'))) === href)
    )
  if (href === '#/sync/history') return route.view === 'history'
  return `#/${route.view}` === href
}

function NavLink({
  route,
  href,
  children,
  testId,
}: {
  readonly route: Route
  readonly href: string
  readonly children: ReactNode
  readonly testId?: string
}): ReactElement {
  const active = isActive(route, href)
  return (
    <a
      href={href}
      className={`nav-link ${active ? 'is-active' : ''}`}
      aria-current={active ? 'page' : undefined}
      data-testid={testId}
    >
      {children}
    </a>
  )
}

function ChatLink({ route, chat }: { readonly route: Route; readonly chat: ChatSummary }): ReactElement {
  return (
    <NavLink route={route} href={chatHref(chat.id)} testId="chat-link">
      <Name className="chat-name truncate" text={chatLabel(chat)} testId="chat-name" />
      {chat.fanUsername && chat.fanName && (
        <Name className="chat-username truncate" prefix="@" text={chat.fanUsername} />
      )}
      <span className="chat-meta truncate">
        {formatCount(chat.downloaded)}/{formatCount(chat.media)} media · synced{' '}
        {formatShortDate(chat.lastSyncedAt)}
      </span>
    </NavLink>
  )
}

function AccountSection({
  route,
  account,
  chats,
}: {
  readonly route: Route
  readonly account: AccountSummary
  readonly chats: readonly ChatSummary[]
}): ReactElement {
  const [shown, setShown] = useState(firstChats)
  return (
    <section className="account" aria-label={visibleBidi(accountLabel(account))}>
      <NavLink route={route} href={`#/media?account=${account.id}`}>
        <Name className="account-name truncate" text={accountLabel(account)} />
        <span className="chat-meta truncate" title={`Last synced ${formatDateTime(account.lastSyncedAt)}`}>
          {providerMeta[account.provider].label} · {formatCount(account.media)} media
        </span>
      </NavLink>
      <div className="chat-list">
        {chats.slice(0, shown).map((chat) => (
          <ChatLink key={chat.id} route={route} chat={chat} />
        ))}
        {chats.length > shown && (
          <button
            type="button"
            className="link-button small"
            data-testid="show-more-chats"
            onClick={() => setShown((n) => n + moreChats)}
          >
            Show {formatCount(Math.min(moreChats, chats.length - shown))} more of{' '}
            {formatCount(chats.length - shown)} (or filter above)
          </button>
        )}
      </div>
    </section>
  )
}

export function Sidebar({ route }: SidebarProps): ReactElement {
  const version = useDataVersion()
  const accounts = useCall('accounts:list', {}, version)
  const chats = useCall('chats:list', {}, version)
  const [filter, setFilter] = useState('')
  const needle = filter.trim().toLowerCase()
  const allChats = chats.state.value ?? []
  const visible =
    needle === ''
      ? allChats
      : allChats.filter((chat) =>
          `${chat.fanName ?? ''} ${chat.fanUsername ?? ''}`.toLowerCase().includes(needle),
        )

  return (
    <nav className="sidebar" aria-label="Library">
      <div className="brand">Chatkeep</div>
      <NavLink route={route} href="#/media" testId="nav-all-media">
        All media
      </NavLink>
      <NavLink route={route} href="#/sync" testId="nav-sync">
        Sync
      </NavLink>
      <NavLink route={route} href="#/sync/history" testId="nav-history">
        Sync history
      </NavLink>
      <NavLink route={route} href="#/settings" testId="nav-settings">
        Settings
      </NavLink>
      <h2 className="sidebar-heading">Accounts</h2>
      {allChats.length > 12 && (
        <input
          className="sidebar-filter"
          type="search"
          placeholder="Filter chats"
          aria-label="Filter chats"
          value={filter}
          onChange={(event) => setFilter(event.target.value)}
        />
      )}
      {accounts.state.value?.length === 0 && (
        <p className="muted small">
          No accounts yet. <a href="#/settings">Add one in Settings</a>, or run <code>npm run demo</code>.
        </p>
      )}
      {(accounts.state.value ?? []).map((account) => (
        <AccountSection
          key={account.id}
          route={route}
          account={account}
          chats={visible.filter((chat) => chat.accountId === account.id)}
        />
      ))}
    </nav>
  )
}
