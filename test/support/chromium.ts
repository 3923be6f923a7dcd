// How every test and benchmark launches the system Chromium: never a downloaded browser.
import type { LaunchOptions } from '@playwright/test'

export const chromiumLaunchOptions: LaunchOptions = {
  executablePath: process.env.CHATKEEP_CHROMIUM ?? '/usr/bin/chromium',
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ],
}
