import { describe, expect, it } from 'vitest'
import { afterBytes, type TempFileSink } from '../../../src/main/download/temp-file'
import { WriteCoalescer } from '../../../src/main/download/write-coalescer'

/** A sink that keeps what it was given; `failAfter` bytes in, it fails like a full disk. */
function memorySink(failAfter = Infinity): { sink: TempFileSink; writes: Buffer[]; bytes: () => Buffer } {
  const writes: Buffer[] = []
  let used = 0
  const sink: TempFileSink = {
    write(chunks) {
      const chunk = Buffer.concat(chunks)
      const room = Math.max(0, failAfter - used)
      const taken = Buffer.from(chunk.subarray(0, Math.min(room, chunk.length)))
      writes.push(taken)
      used += taken.length
      if (chunk.length > room) {
        return Promise.reject(Object.assign(new Error('ENOSPC: no space left on device'), { code: 'ENOSPC' }))
      }
      return Promise.resolve()
    },
    sync: () => Promise.resolve(),
    close: () => Promise.resolve(),
  }
  return { sink, writes, bytes: () => Buffer.concat(writes) }
}

const chunks = (count: number, size: number): Buffer[] =>
  Array.from({ length: count }, (_, i) => Buffer.alloc(size, i % 251))

describe('WriteCoalescer', () => {
  it('writes every byte in order, in batches rather than chunk by chunk', async () => {
    const { sink, writes, bytes } = memorySink()
    const writer = new WriteCoalescer(sink, 64 * 1024)
    const input = chunks(40, 16 * 1024)
    for (const chunk of input) await writer.push(chunk)
    await writer.flush()
    expect(bytes().equals(Buffer.concat(input))).toBe(true)
    expect(writes.length).toBeLessThanOrEqual(10)
  })

  it('writes a body smaller than one batch in a single write on flush', async () => {
    const { sink, writes } = memorySink()
    const writer = new WriteCoalescer(sink)
    await writer.push(Buffer.from('ten kilobytes, more or less'))
    expect(writes).toHaveLength(0)
    await writer.flush()
    expect(writes.map((w) => w.toString())).toEqual(['ten kilobytes, more or less'])
  })

  it("passes the sink's own error on (ENOSPC stays ENOSPC) and keeps the prefix the sink took", async () => {
    const { sink, bytes } = memorySink(100_000)
    const writer = new WriteCoalescer(sink, 32 * 1024)
    const input = chunks(20, 16 * 1024)
    const error = await (async () => {
      for (const chunk of input) await writer.push(chunk)
      await writer.flush()
    })().catch((e: unknown) => e)
    expect((error as NodeJS.ErrnoException).code).toBe('ENOSPC')
    expect(writer.failed).toBe(true)
    expect(bytes().equals(Buffer.concat(input).subarray(0, 100_000))).toBe(true)
  })

  it('salvage writes what arrived before a network failure and never rejects', async () => {
    const { sink, bytes } = memorySink()
    const writer = new WriteCoalescer(sink)
    await writer.push(Buffer.from('partial '))
    await writer.push(Buffer.from('body'))
    await expect(writer.salvage()).resolves.toBeUndefined()
    expect(bytes().toString()).toBe('partial body')

    const full = memorySink(3)
    const failing = new WriteCoalescer(full.sink)
    await failing.push(Buffer.from('abcdef'))
    await expect(failing.salvage()).resolves.toBeUndefined()
    expect(full.bytes().toString()).toBe('abc')
  })
})

describe('afterBytes', () => {
  it('drops what a short gathered write took, splitting the chunk it stopped in', () => {
    const parts = [Buffer.from('abc'), Buffer.from('defg'), Buffer.from('hi')]
    const text = (chunks: readonly Uint8Array[]): string => Buffer.concat(chunks).toString()
    expect(text(afterBytes(parts, 0))).toBe('abcdefghi')
    expect(text(afterBytes(parts, 3))).toBe('defghi')
    expect(text(afterBytes(parts, 5))).toBe('fghi')
    expect(afterBytes(parts, 9)).toEqual([])
  })
})
