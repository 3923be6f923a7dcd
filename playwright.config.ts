import { defineConfig } from '@playwright/test'
import { chromiumLaunchOptions } from './test/support/chromium'

export default defineConfig({
  testDir: 'test/e2e',
  testMatch: '**/*.e2e.ts',
  timeout: 60_000,
  workers: 1,
  reporter: [['list'], ['json', { outputFile: 'test-results/e2e-results.json' }]],
  outputDir: 'test-results/e2e',
  use: {
    headless: true,
    screenshot: 'only-on-failure',
    launchOptions: chromiumLaunchOptions,
  },
})
