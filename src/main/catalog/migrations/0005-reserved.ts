// Version 5 is r4-conv's (whole conversations), built on another branch at the same time. This
// stand-in keeps the versions consecutive on the sync branch only: the merge replaces this file
// with that migration. It changes nothing.
import type { Migration } from './types'

export const migration0005: Migration = {
  version: 5,
  name: 'reserved',
  sql: `SELECT 1;`,
}
