import { createHash } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { byteChunks, headOf, sha256Of, totalSize, type FileSpec } from '../../fake-providers/bytes'

const multiBlock: FileSpec = { key: 'golden-a', format: 'png', width: 64, height: 48, size: 200_000 }

function digest(chunks: Iterable<Uint8Array>): string {
  const hash = createHash('sha256')
  for (const chunk of chunks) hash.update(chunk)
  return hash.digest('hex')
}

describe('fake CDN bytes', () => {
  // Pinned from the implementation that always generated whole 64 KiB padding blocks: producing
  // only the prefix a range needs must not change a single byte the tests' digests rely on.
  it('keeps the bytes of a file that spans several padding blocks', () => {
    expect(sha256Of(multiBlock)).toBe('6199e66b61cf012a91f8d55d20b5df095b865f00f5e9458cecdf478c005a3003')
    expect(digest(byteChunks(multiBlock, 70_000, 140_000))).toBe(
      '33236ada7771a97ee2721f9182d3482b7d44e24b183e240c745b8e97f3693095',
    )
  })

  it('serves any range as the same bytes as that slice of the whole file', () => {
    const whole = Buffer.concat([...byteChunks(multiBlock)])
    expect(whole.length).toBe(totalSize(multiBlock))
    const block = 64 * 1024
    // Padding starts after the real PNG at the head; its blocks are counted from there.
    const head = headOf(multiBlock).length
    expect(head).toBeGreaterThan(0)
    const edges = [0, 1, 3, 4, 5, head, head + 1, head + block - 1, head + block, head + block + 3]
    const ranges: [number, number][] = [[0, whole.length - 1]]
    for (const start of edges)
      for (const length of [1, 2, 3, 4, 7, 10_240, block + 5]) {
        const end = Math.min(whole.length - 1, start + length - 1)
        ranges.push([start, end])
      }
    for (const [start, end] of ranges) {
      const part = Buffer.concat([...byteChunks(multiBlock, start, end)])
      expect(part.equals(whole.subarray(start, end + 1)), `bytes ${start}-${end}`).toBe(true)
    }
  })
})
