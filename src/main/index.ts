// Electron entry: the one place that knows every part. It owns the app lifecycle and wires the
// core (plain Node) to the Electron adapter (window, IPC, media protocol, keychain).
import './threadpool'
import { join } from 'node:path'
import {
  app,
  BrowserWindow,
  dialog,
  ipcMain,
  Menu,
  nativeImage,
  Notification,
  protocol,
  safeStorage,
  session,
  shell,
  Tray,
} from 'electron'
import { keyEnvOf } from '../shared/providers'
import { openCore } from './core'
import type { Core } from './core-types'
import { createKeyCheck } from './keys/key-check'
import { keySecretSource } from './keys/key-order'
import { createAdapter } from './providers/registry'
import { adapterSource } from './sync/adapter-source'
import { parseTranscodePolls, transcodePollsEnv } from './cli/transcode-polls'
import { startSyncDesktop, type SyncDesktop } from './electron/sync-desktop'
import { forwardEvents, registerIpc } from './electron/ipc'
import { createDesktopShell } from './electron/desktop-shell'
import { createFolderPicker } from './electron/folder-picker'
import { headlessCliArgs, runHeadlessCli } from './electron/headless-cli'
import { registerMediaProtocol, registerMediaScheme } from './electron/protocol'
import { ElectronSecretSource, SECRETS_FILE_NAME } from './electron/secrets'
import { createMainWindow, hardenSession, isAppUrl } from './electron/window'
import { showUpgradeWindow } from './electron/upgrade-window'
import { pendingUpgradeNotices } from './catalog/catalog'
import type { AppLocation } from './electron/window'

// `chatkeep …` from an installed app (the build/cli/ launchers): the command line, headless, and
// none of the desktop app below (electron/headless-cli.ts).
const cliArgs = headlessCliArgs(process.argv, app.isPackaged)

/**
 * What the desktop app (not a command-line run) does before it is ready. False when another
 * Chatkeep window already owns the app.
 */
function claimDesktopApp(): boolean {
  // The product name, not package.json's lower-case "chatkeep", names the window, menus and userData;
  // appData/Chatkeep is also the CLI's default data folder (cli/data-dir.ts), so both share one archive.
  app.setName('Chatkeep')
  app.setPath('userData', join(app.getPath('appData'), 'Chatkeep'))
  // Every renderer is sandboxed, including any we did not create ourselves.
  app.enableSandbox()
  // Privileged schemes must be declared before the app is ready.
  registerMediaScheme(protocol)
  return app.requestSingleInstanceLock()
}

const here = import.meta.dirname
const devUrl = process.env['ELECTRON_RENDERER_URL']
const location: AppLocation =
  !app.isPackaged && devUrl !== undefined && devUrl !== ''
    ? { kind: 'dev', url: devUrl }
    : { kind: 'file', indexHtml: join(here, '../renderer/index.html') }

let core: Core | null = null
let desktop: SyncDesktop | null = null
let mainWindow: BrowserWindow | null = null
let stopEvents: (() => void) | null = null

function showWindow(): void {
  if (core === null) return
  if (mainWindow !== null && !mainWindow.isDestroyed()) {
    if (mainWindow.isMinimized()) mainWindow.restore()
    mainWindow.focus()
    return
  }
  const window = createMainWindow(
    { BrowserWindow, openExternal: (url, options) => shell.openExternal(url, options) },
    { location, preloadPath: join(here, '../preload/index.cjs') },
  )
  stopEvents?.()
  stopEvents = forwardEvents(core.events, window.webContents)
  window.on('closed', () => {
    stopEvents?.()
    stopEvents = null
    mainWindow = null
  })
  mainWindow = window
}

async function start(): Promise<void> {
  const dataDir = process.env['CHATKEEP_DATA_DIR'] || app.getPath('userData')
  // A long catalog upgrade blocks the main process: say so in a window first (upgrade-window.ts).
  const notices = pendingUpgradeNotices(dataDir)
  const closeNotice = notices.length > 0 ? await showUpgradeWindow({ BrowserWindow }, notices) : null
  try {
    await openAndShow(dataDir)
  } finally {
    closeNotice?.()
  }
}

async function openAndShow(dataDir: string): Promise<void> {
  const userData = app.getPath('userData')
  const keychain = new ElectronSecretSource(safeStorage, join(userData, SECRETS_FILE_NAME))
  // Keys from the OS keychain first; the environment (as for the CLI) covers development and the demo.
  const secrets = keySecretSource({ store: keychain, env: process.env, envKeyName: keyEnvOf })
  const baseUrl = process.env['CHATKEEP_BASE_URL']
  // The demo's sample videos never finish transcoding; an invalid value keeps the default waits.
  const pollsText = process.env[transcodePollsEnv]
  const transcodePolls = pollsText === undefined ? null : parseTranscodePolls(pollsText)
  const opened = await openCore({
    dataDir,
    transport: 'electron',
    secrets,
    keyStore: keychain,
    envKeyName: keyEnvOf,
    env: process.env,
    folderPicker: createFolderPicker(dialog, () => BrowserWindow.getFocusedWindow()),
    suggestedExportFolder: join(app.getPath('documents'), 'Chatkeep Export'),
    desktopShell: createDesktopShell(shell),
    keyCheck: createKeyCheck({
      createAdapter,
      ...(baseUrl !== undefined && baseUrl !== '' && { baseUrl }),
    }),
    sync: {
      adapterFor: adapterSource({
        secrets,
        createAdapter,
        ...(baseUrl !== undefined && baseUrl !== '' && { baseUrl }),
        whereKeysGo: () => 'in Settings',
      }),
      command: 'the Chatkeep app',
      schedule: true,
      ...(transcodePolls && { runDeps: { transcodePollsMs: transcodePolls } }),
      log: (line) => console.log(`chatkeep: ${line}`),
    },
  })
  core = opened
  desktop = startSyncDesktop({ app, Tray, Menu, nativeImage, Notification }, opened, {
    iconPath: trayIconPath(),
    show: showWindow,
    log: (line) => console.log(`chatkeep: ${line}`),
  })

  hardenSession(session.defaultSession, location)
  registerMediaProtocol(protocol, opened)
  registerIpc(ipcMain, opened, { isTrustedSender: (url) => isAppUrl(url, location) })
  showWindow()
}

/** The app icon: shipped beside the app's resources when packaged, in build/ from a checkout. */
function trayIconPath(): string {
  // Only Electron sets resourcesPath; plain Node (tests) has none.
  const resources = (process as { resourcesPath?: string }).resourcesPath
  return app.isPackaged && resources !== undefined
    ? join(resources, 'icon.png')
    : join(app.getAppPath(), 'build', 'icon.png')
}

function fatal(error: unknown): void {
  console.error('chatkeep: could not start:', error instanceof Error ? error.message : String(error))
  app.exit(1)
}

if (cliArgs !== null) {
  void runHeadlessCli(app, cliArgs)
} else if (!claimDesktopApp()) {
  // Another Chatkeep owns the catalog; it gets focus through 'second-instance' and we leave.
  app.quit()
} else {
  app.on('second-instance', showWindow)
  app.on('activate', showWindow)
  app.on('window-all-closed', () => {
    // With a schedule on, the app keeps syncing from the tray; otherwise closing the window quits.
    const scheduled = core?.settings.get().syncEveryHours != null && desktop?.tray != null
    if (process.platform !== 'darwin' && !scheduled) app.quit()
  })

  let closing = false
  app.on('before-quit', (event) => {
    if (core === null || closing) return
    // Syncs are cancelled and their ends written (a bounded wait: service.ts `stop`), then the
    // catalog closes. Their jobs stay in the catalog; the next start resumes them (partial files
    // by Range).
    event.preventDefault()
    closing = true
    const open = core
    core = null
    desktop?.dispose()
    desktop = null
    open
      .close()
      .catch((error: unknown) =>
        console.error('chatkeep: close failed:', error instanceof Error ? error.message : error),
      )
      .finally(() => app.quit())
  })

  app.whenReady().then(start).catch(fatal)
}
