import { describe, expect, it } from 'vitest'
import { resultWords, retryWords, serviceStateWords } from '../../../src/main/sync/outcome-words'
import { syncExitCode } from '../../../src/main/cli/sync-exit'

const none = {
  downloaded: 0,
  alreadyHad: 0,
  locked: 0,
  drm: 0,
  notReady: 0,
  failed: 0,
  pending: 0,
  failedChats: 0,
}

describe('resultWords', () => {
  it('says the outcome as the history shows it', () => {
    expect(resultWords({ ...none, downloaded: 230, locked: 3, drm: 1, notReady: 2 })).toBe(
      '230 archived, 3 locked, 1 DRM, 2 waiting for the provider, nothing failed',
    )
    expect(
      resultWords({ ...none, downloaded: 1200, alreadyHad: 5, failed: 4, pending: 7, failedChats: 1 }),
    ).toBe('1,200 archived, 5 already there, 7 left for the next sync, 1 chat could not be read, 4 failed')
  })
})

describe('retryWords', () => {
  it('never promises a retry of locked or DRM items', () => {
    expect(retryWords({ ...none, downloaded: 10, locked: 3, drm: 2 })).toBeNull()
  })

  it('names only what the next sync tries again', () => {
    expect(retryWords({ ...none, failed: 1, locked: 3 })).toBe('The next sync tries the 1 failed item again.')
    expect(retryWords({ ...none, failed: 2, notReady: 1, pending: 4, failedChats: 2, drm: 1 })).toBe(
      'The next sync tries the 2 failed items, the 1 item the provider had not ready, the 4 items left over and the 2 unread chats again.',
    )
  })
})

describe('serviceStateWords', () => {
  it('says what the syncs are doing, for the tray', () => {
    expect(serviceStateWords([])).toBe('Not syncing')
    expect(
      serviceStateWords([
        { state: 'running', label: 'Luna' },
        { state: 'queued', label: 'Nova' },
      ]),
    ).toBe('Syncing Luna (1 queued)')
    expect(serviceStateWords([{ state: 'paused', label: 'Luna' }])).toBe('Paused: Luna')
    expect(
      serviceStateWords([
        { state: 'done', label: 'Luna' },
        { state: 'failed', label: 'Nova' },
      ]),
    ).toBe('Last sync failed: Nova')
  })
})

describe('syncExitCode', () => {
  const outcome = { cancelled: false, keyRefused: false, creditCapReached: false, complete: true }
  it('maps the outcome to design §8’s codes, a cancel first', () => {
    expect(syncExitCode(outcome)).toBe(0)
    expect(syncExitCode({ ...outcome, complete: false })).toBe(1)
    expect(syncExitCode({ ...outcome, complete: false, keyRefused: true })).toBe(3)
    expect(syncExitCode({ ...outcome, complete: false, creditCapReached: true })).toBe(4)
    expect(syncExitCode({ ...outcome, complete: false, cancelled: true, keyRefused: true })).toBe(130)
  })
})
