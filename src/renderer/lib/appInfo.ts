// What the core says about itself (app:info), asked once per page: in particular whether this is
// the desktop app, whose file manager can open an export's folder or show an archived file. The
// core answers it, not the page's own transport, so a page served by `chatkeep serve` never
// offers what only the desktop can do.
import { useEffect, useState } from 'react'
import type { ChannelOutput } from '../../shared/contract'
import { call } from '../bridge'

export type AppInfo = ChannelOutput<'app:info'>

let pending: Promise<AppInfo> | null = null

export function loadAppInfo(): Promise<AppInfo> {
  pending ??= call('app:info', {}).catch((error: unknown) => {
    // Ask again next time instead of remembering a failure.
    pending = null
    throw error
  })
  return pending
}

/** True once the core said it is the desktop app; false until then, and in serve mode. */
export function useDesktopApp(): boolean {
  const [desktop, setDesktop] = useState(false)
  useEffect(() => {
    let live = true
    loadAppInfo().then(
      (info) => live && setDesktop(info.transport === 'electron'),
      () => undefined,
    )
    return () => {
      live = false
    }
  }, [])
  return desktop
}
