// Every migration in order of version. Append only: a shipped migration is never edited or removed.
import { migration0001 } from './0001-initial'
import { migration0002 } from './0002-counters'
import { migration0003 } from './0003-chat-sync-marks'
import { migration0004 } from './0004-provider-ids-and-media-item'
import { migration0005 } from './0005-whole-conversations'
import { migration0006 } from './0006-sync-history'
import { migration0007 } from './0007-fts-queue-and-terms'
import { migration0008 } from './0008-fts-date-keys'
import { migration0009 } from './0009-media-fts'
import type { Migration } from './types'

export type { Migration } from './types'

export const migrations: readonly Migration[] = [
  migration0001,
  migration0002,
  migration0003,
  migration0004,
  migration0005,
  migration0006,
  migration0007,
  migration0008,
  migration0009,
]

/** The last migration's version (not the count: a reserved number may be missing). */
export const latestVersion: number = migrations.at(-1)?.version ?? 0
