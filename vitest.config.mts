import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['test/unit/**/*.test.ts'],
          environment: 'node',
        },
      },
      {
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          environment: 'node',
          // Tests of the `chatkeep` bin run the build of these sources, made once per run.
          globalSetup: ['test/support/build-cli.ts'],
          testTimeout: 60_000,
          hookTimeout: 60_000,
          // Integration tests start servers and child processes; two cores fit two files at once.
          maxWorkers: 2,
        },
      },
    ],
  },
})
