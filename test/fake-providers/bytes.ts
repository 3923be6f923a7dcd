// File bytes for the fake CDN: a real, decodable file (PNG, MP4, MP3) followed by deterministic
// padding up to the configured size. Bytes are produced in blocks on demand, so a 2 GB file is
// servable (and Range-able) without ever being held in memory.
import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { Readable } from 'node:stream'
import { patternPng } from './png'
import { hashString } from './prng'

export type FakeFileFormat = 'png' | 'mp4' | 'mp3'

export interface FileSpec {
  /** Unique key: the padding derives from it. */
  readonly key: string
  readonly format: FakeFileFormat
  /** Image dimensions for PNGs. */
  readonly width: number
  readonly height: number
  /** Requested total size; never smaller than the real file at the head. */
  readonly size: number
}

const assetsDir = new URL('./assets/', import.meta.url)
const assetCache = new Map<string, Buffer>()
const headCache = new Map<string, Buffer>()
const blockSize = 64 * 1024

function asset(name: string): Buffer {
  let buffer = assetCache.get(name)
  if (!buffer) {
    buffer = readFileSync(new URL(name, assetsDir))
    assetCache.set(name, buffer)
  }
  return buffer
}

export function mimeOf(format: FakeFileFormat): string {
  return format === 'png' ? 'image/png' : format === 'mp4' ? 'video/mp4' : 'audio/mpeg'
}

/** The valid file every item starts with. */
export function headOf(spec: FileSpec): Buffer {
  if (spec.format === 'mp4') return asset('clip.mp4')
  if (spec.format === 'mp3') return asset('clip.mp3')
  const cacheKey = `${spec.key}:${spec.width}x${spec.height}`
  let head = headCache.get(cacheKey)
  if (!head) {
    head = patternPng(spec.width, spec.height, hashString(spec.key))
    if (headCache.size > 2000) headCache.clear()
    headCache.set(cacheKey, head)
  }
  return head
}

export function totalSize(spec: FileSpec): number {
  return Math.max(spec.size, headOf(spec).length)
}

/**
 * The first `length` bytes of one block of padding; every block of every key differs. The words
 * come one after another from the block's seed, so a prefix is the same bytes as in the full
 * block: a 10 KB file costs 10 KB of work, not the 64 KiB block (which was most of the fake CDN's
 * CPU in the many-small-files benchmark).
 */
function paddingBlock(seed: number, index: number, length: number): Buffer {
  const words = new Uint32Array(Math.ceil(length / 4))
  let state = (seed ^ Math.imul(index + 1, 0x9e3779b1)) >>> 0
  for (let i = 0; i < words.length; i++) {
    // xorshift32
    state ^= state << 13
    state ^= state >>> 17
    state ^= state << 5
    words[i] = state >>> 0
  }
  return Buffer.from(words.buffer)
}

/** Bytes [start, end] inclusive, as a sequence of chunks of at most 64 KiB. */
export function* byteChunks(spec: FileSpec, start = 0, end = totalSize(spec) - 1): Generator<Buffer> {
  const head = headOf(spec)
  const seed = hashString(spec.key) || 1
  let position = start
  while (position <= end) {
    if (position < head.length) {
      const stop = Math.min(head.length, end + 1)
      yield head.subarray(position, stop)
      position = stop
      continue
    }
    const padOffset = position - head.length
    const index = Math.floor(padOffset / blockSize)
    const within = padOffset % blockSize
    const take = Math.min(blockSize - within, end + 1 - position)
    yield paddingBlock(seed, index, within + take).subarray(within, within + take)
    position += take
  }
}

/** A stream of bytes [start, end] that reads block by block, honouring back-pressure. */
export function byteStream(spec: FileSpec, start?: number, end?: number): Readable {
  return Readable.from(byteChunks(spec, start, end), { objectMode: false })
}

const shaCache = new Map<string, string>()

export function sha256Of(spec: FileSpec): string {
  const cacheKey = `${spec.key}:${spec.format}:${spec.width}x${spec.height}:${spec.size}`
  const cached = shaCache.get(cacheKey)
  if (cached) return cached
  const hash = createHash('sha256')
  for (const part of byteChunks(spec)) hash.update(part)
  const digest = hash.digest('hex')
  shaCache.set(cacheKey, digest)
  return digest
}
