export interface Migration {
  /** Becomes PRAGMA user_version once applied; numbers increase from 1 (a reserved one may be missing). */
  readonly version: number
  readonly name: string
  readonly sql: string
  /**
   * The migration drops and recreates a table other tables reference (SQLite's way to change a
   * constraint). It then runs with foreign keys off, so the drop cascades to nothing, and fails
   * unless every reference still finds its row (PRAGMA foreign_key_check) before it commits.
   */
  readonly rebuildsTables?: boolean
  /**
   * Said before the migration runs on a big catalog (db.ts: bigCatalogMessages), where it takes
   * long enough to look like a hang: what it does and about how long it takes.
   */
  readonly notice?: string
}
