import type { AccessRule, MediaStatus, MediaType, VariantKind } from '../../../shared/domain'
import type { Db } from '../db'

export interface MediaInput {
  readonly providerMediaId: string
  readonly type: MediaType
  readonly width: number | null
  readonly height: number | null
  readonly durationSec: number | null
  readonly createdAt: string | null
  readonly canView: boolean
  readonly isReady: boolean
  readonly hasError: boolean
  readonly drm: boolean
  readonly size: number | null
  /**
   * The status a new row starts with (default 'pending'); a known row keeps its own, which the
   * sync then decides from the stored files (sync/ingest.ts applyMedia). Giving a new row its
   * status here saves an UPDATE per new item (and its index and counter work).
   */
  readonly status?: Exclude<MediaStatus, 'downloaded'>
  /**
   * The normalised item as the sync saw it (flags, variants with their signed URLs, access rules,
   * the provider's JSON inside), stored as JSON so a resumed download needs no new listing.
   */
  readonly item: unknown
}

export interface MediaRecord {
  readonly id: number
  readonly accountId: number
  readonly providerMediaId: string
  readonly type: MediaType
  readonly status: MediaStatus
  readonly sortAt: string
  /** MediaInput.item as stored (JSON text). */
  readonly itemJson: string
}

export interface MediaFileRow {
  readonly kind: VariantKind
  readonly sha256: string
  readonly size: number
  readonly mime: string
  readonly relPath: string
}

/** The parameters upsert and refresh bind alike: SQLite stores booleans as 0/1, the item as JSON text. */
function flagParams(media: MediaInput): Record<string, string | number | null> {
  return {
    size: media.size,
    canView: media.canView ? 1 : 0,
    isReady: media.isReady ? 1 : 0,
    hasError: media.hasError ? 1 : 0,
    drm: media.drm ? 1 : 0,
    itemJson: JSON.stringify(media.item ?? null),
    now: new Date().toISOString(),
  }
}

const recordColumns = `id, account_id AS accountId, provider_media_id AS providerMediaId, type, status,
  sort_at AS sortAt, item_json AS itemJson`

export class MediaRepository {
  private readonly upsertStmt
  private readonly getStmt
  private readonly getByIdStmt
  private readonly setStatusStmt
  private readonly attachStmt
  private readonly filesStmt
  private readonly fileStmt
  private readonly clearRulesStmt
  private readonly insertRuleStmt
  private readonly rulesStmt
  private readonly statusCountsStmt
  private readonly refreshStmt
  private readonly markGoneStmt

  constructor(private readonly db: Db) {
    // sort_at keeps the earliest date the item was seen at; price the highest asked for it.
    this.upsertStmt = db.prepare(
      `INSERT INTO media (account_id, provider_media_id, type, status, width, height, duration_sec, created_at,
         sort_at, first_message_id, price, size, can_view, is_ready, has_error, drm, item_json, first_seen_at,
         updated_at)
       VALUES (@accountId, @providerMediaId, @type, @status, @width, @height, @durationSec, @createdAt, @sortAt,
         @messageId, @price, @size, @canView, @isReady, @hasError, @drm, @itemJson, @now, @now)
       ON CONFLICT (account_id, provider_media_id) DO UPDATE SET
         type = excluded.type, width = coalesce(excluded.width, width), height = coalesce(excluded.height, height),
         duration_sec = coalesce(excluded.duration_sec, duration_sec),
         created_at = coalesce(created_at, excluded.created_at),
         first_message_id = CASE WHEN excluded.sort_at < sort_at OR first_message_id IS NULL
           THEN excluded.first_message_id ELSE first_message_id END,
         sort_at = min(sort_at, excluded.sort_at),
         price = CASE WHEN price IS NULL THEN excluded.price ELSE max(price, coalesce(excluded.price, price)) END,
         size = coalesce(size, excluded.size),
         can_view = excluded.can_view, is_ready = excluded.is_ready, has_error = excluded.has_error,
         drm = excluded.drm, item_json = excluded.item_json, updated_at = excluded.updated_at,
         deleted_upstream_at = NULL
       RETURNING ${recordColumns}`,
    )
    this.getStmt = db.prepare<[number, string], MediaRecord>(
      `SELECT ${recordColumns} FROM media WHERE account_id = ? AND provider_media_id = ?`,
    )
    this.getByIdStmt = db.prepare<[number], MediaRecord>(`SELECT ${recordColumns} FROM media WHERE id = ?`)
    this.setStatusStmt = db.prepare<[string, string, number]>(
      `UPDATE media SET status = ?, updated_at = ? WHERE id = ?`,
    )
    this.attachStmt = db.prepare<[number, string, number]>(
      `INSERT INTO media_files (media_id, kind, file_id) VALUES (?, ?, ?)
       ON CONFLICT (media_id, kind) DO UPDATE SET file_id = excluded.file_id`,
    )
    this.filesStmt = db.prepare<[number], MediaFileRow>(
      `SELECT mf.kind, f.sha256, f.size, f.mime, f.rel_path AS relPath
       FROM media_files mf JOIN files f ON f.id = mf.file_id WHERE mf.media_id = ?`,
    )
    this.fileStmt = db.prepare<[number, string], MediaFileRow>(
      `SELECT mf.kind, f.sha256, f.size, f.mime, f.rel_path AS relPath
       FROM media_files mf JOIN files f ON f.id = mf.file_id WHERE mf.media_id = ? AND mf.kind = ?`,
    )
    this.clearRulesStmt = db.prepare<[number]>(`DELETE FROM access_rules WHERE media_id = ?`)
    this.insertRuleStmt = db.prepare(
      `INSERT INTO access_rules (media_id, rule_set, kind, price, tier_id, tier_name, list_id, list_label,
         valid_after, valid_before, flags)
       VALUES (@mediaId, @ruleSet, @kind, @price, @tierId, @tierName, @listId, @listLabel, @validAfter,
         @validBefore, @flags)`,
    )
    this.rulesStmt = db.prepare<[number], AccessRule>(
      `SELECT rule_set AS ruleSet, kind, price, tier_id AS tierId, tier_name AS tierName, list_id AS listId,
         list_label AS listLabel, valid_after AS validAfter, valid_before AS validBefore, flags
       FROM access_rules WHERE media_id = ? ORDER BY rule_set, id`,
    )
    this.refreshStmt = db.prepare(
      `UPDATE media SET type = @type, width = coalesce(@width, width), height = coalesce(@height, height),
         duration_sec = coalesce(@durationSec, duration_sec), size = coalesce(size, @size), can_view = @canView,
         is_ready = @isReady, has_error = @hasError, drm = @drm, item_json = @itemJson, updated_at = @now,
         deleted_upstream_at = NULL
       WHERE id = @id`,
    )
    this.statusCountsStmt = db.prepare<[number], { status: MediaStatus; n: number }>(
      `SELECT status, count(*) AS n FROM media WHERE account_id = ? GROUP BY status`,
    )
    // An item the chat's full pass did not return is gone from this chat; it is deleted upstream
    // only when no message of another chat that is still upstream carries it (an item sent to
    // several fans survives one fan's chat losing it).
    this.markGoneStmt = db.prepare<[string, number, string, number]>(
      `UPDATE media SET deleted_upstream_at = ?
       WHERE deleted_upstream_at IS NULL
         AND id IN (SELECT mm.media_id FROM messages msg JOIN message_media mm ON mm.message_id = msg.id
           WHERE msg.chat_id = ?)
         AND id NOT IN (SELECT value FROM json_each(?))
         AND NOT EXISTS (SELECT 1 FROM message_media other JOIN messages om ON om.id = other.message_id
           WHERE other.media_id = media.id AND om.chat_id <> ? AND om.deleted_upstream_at IS NULL)`,
    )
  }

  /**
   * Inserts or refreshes one item; `sortAt` is the date of the message it arrived in. The row it
   * returns carries its status as stored: `media.status` for a new row, unchanged for a known one.
   */
  upsert(
    accountId: number,
    media: MediaInput,
    seenIn: { readonly messageId: number; readonly sortAt: string; readonly price: number | null },
  ): MediaRecord {
    // The conflict branch always updates, so RETURNING always yields the row: no second lookup.
    const row = this.upsertStmt.get({
      accountId,
      providerMediaId: media.providerMediaId,
      type: media.type,
      status: media.status ?? 'pending',
      width: media.width,
      height: media.height,
      durationSec: media.durationSec,
      createdAt: media.createdAt,
      sortAt: seenIn.sortAt,
      messageId: seenIn.messageId,
      price: seenIn.price,
      ...flagParams(media),
    }) as MediaRecord | undefined
    if (!row) throw new Error(`media ${media.providerMediaId} vanished after upsert`)
    return row
  }

  /** New flags and item for a known item, from a provider refresh outside any message page. */
  refresh(id: number, media: MediaInput): void {
    this.refreshStmt.run({
      id,
      type: media.type,
      width: media.width,
      height: media.height,
      durationSec: media.durationSec,
      ...flagParams(media),
    })
  }

  get(accountId: number, providerMediaId: string): MediaRecord | undefined {
    return this.getStmt.get(accountId, providerMediaId)
  }

  getById(id: number): MediaRecord | undefined {
    return this.getByIdStmt.get(id)
  }

  setStatus(id: number, status: MediaStatus): void {
    this.setStatusStmt.run(status, new Date().toISOString(), id)
  }

  attachFile(mediaId: number, kind: VariantKind, fileId: number): void {
    this.attachStmt.run(mediaId, kind, fileId)
  }

  files(mediaId: number): readonly MediaFileRow[] {
    return this.filesStmt.all(mediaId)
  }

  file(mediaId: number, kind: VariantKind): MediaFileRow | undefined {
    return this.fileStmt.get(mediaId, kind)
  }

  replaceAccessRules(mediaId: number, rules: readonly AccessRule[]): void {
    this.db.transaction(() => {
      this.clearRulesStmt.run(mediaId)
      for (const rule of rules) this.insertRuleStmt.run({ mediaId, ...rule })
    })()
  }

  accessRules(mediaId: number): readonly AccessRule[] {
    return this.rulesStmt.all(mediaId)
  }

  /**
   * After a full, complete, unfiltered pass of a chat: marks the chat's items that the sync did not
   * see (`seen`: media row ids) deleted upstream at `at`, as the statement above says. Returns how
   * many were marked; rows and files stay.
   */
  markDeletedUpstream(chatId: number, seen: Iterable<number>, at: string): number {
    return this.markGoneStmt.run(at, chatId, JSON.stringify([...seen]), chatId).changes
  }

  statusCounts(accountId: number): Readonly<Partial<Record<MediaStatus, number>>> {
    const counts: Partial<Record<MediaStatus, number>> = {}
    for (const row of this.statusCountsStmt.all(accountId)) counts[row.status] = row.n
    return counts
  }
}
