import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { ConversationMessage } from '../../../src/shared/contract'
import {
  conversationRows,
  estimateRowHeight,
  localDay,
  startOfLocalDay,
} from '../../../src/renderer/features/chats/conversationRows'

function message(id: number, createdAt: string, text = `m${id}`): ConversationMessage {
  return {
    id,
    externalId: String(id),
    text,
    price: null,
    isFree: true,
    paid: null,
    tip: null,
    fromCreator: id % 2 === 0,
    isMass: null,
    createdAt,
    deletedUpstreamAt: null,
    replyTo: null,
    media: [],
  }
}

// Days are the viewer's: run these in a zone west of UTC, where UTC and local days differ.
let zone: string | undefined
beforeEach(() => {
  zone = process.env.TZ
  process.env.TZ = 'America/New_York'
})
afterEach(() => {
  if (zone === undefined) delete process.env.TZ
  else process.env.TZ = zone
})

describe('conversation rows', () => {
  it('opens each local day with one separator, before its first message', () => {
    const rows = conversationRows([
      message(1, '2026-11-10T10:00:00.000Z'),
      message(2, '2026-11-11T04:00:00.000Z'), // 23:00 on the 10th in New York
      message(3, '2026-11-11T13:00:00.000Z'),
      message(4, '2026-11-13T01:00:00.000Z'), // 20:00 on the 12th
    ])
    expect(rows.map((row) => row.key)).toEqual([
      'd2026-11-10',
      'm1',
      'm2',
      'd2026-11-11',
      'm3',
      'd2026-11-12',
      'm4',
    ])
    expect(rows[0]).toMatchObject({ kind: 'day', day: '2026-11-10' })
    expect(conversationRows([])).toEqual([])
  })

  it('turns a date input into the instant its local day starts', () => {
    expect(startOfLocalDay('2026-03-01')).toBe('2026-03-01T05:00:00.000Z')
    expect(localDay(startOfLocalDay('2026-07-04'))).toBe('2026-07-04')
    expect(localDay('2026-07-04T03:59:00.000Z')).toBe('2026-07-03')
  })

  it('estimates taller rows for long text and for media', () => {
    const short = estimateRowHeight(
      { kind: 'message', key: 'm1', message: message(1, '2026-01-01T00:00:00Z', 'hi') },
      900,
    )
    const long = estimateRowHeight(
      { kind: 'message', key: 'm2', message: message(2, '2026-01-01T00:00:00Z', 'x'.repeat(10_000)) },
      900,
    )
    expect(long).toBeGreaterThan(short * 20)
    expect(estimateRowHeight({ kind: 'day', key: 'd', day: '2026-01-01', label: '' }, 900)).toBeLessThan(
      short,
    )
  })
})
