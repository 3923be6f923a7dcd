// A minimal PNG writer (truecolour, 8 bits, no interlace) so fake photos and thumbnails are real
// images that decoders, thumbnailers and browsers accept.
import { deflateSync } from 'node:zlib'

const crcTable: Uint32Array = (() => {
  const table = new Uint32Array(256)
  for (let n = 0; n < 256; n++) {
    let c = n
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1
    table[n] = c >>> 0
  }
  return table
})()

export function crc32(data: Uint8Array): number {
  let crc = 0xffffffff
  for (const byte of data) crc = (crcTable[(crc ^ byte) & 0xff] as number) ^ (crc >>> 8)
  return (crc ^ 0xffffffff) >>> 0
}

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4)
  length.writeUInt32BE(data.length)
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data])
  const crc = Buffer.alloc(4)
  crc.writeUInt32BE(crc32(body))
  return Buffer.concat([length, body, crc])
}

/** Encodes RGB pixels (width*height*3 bytes, row-major) as a PNG file. */
export function encodePng(width: number, height: number, rgb: Uint8Array): Buffer {
  const header = Buffer.alloc(13)
  header.writeUInt32BE(width, 0)
  header.writeUInt32BE(height, 4)
  header[8] = 8 // bit depth
  header[9] = 2 // colour type: truecolour
  const raw = Buffer.alloc((width * 3 + 1) * height)
  for (let y = 0; y < height; y++) {
    raw[y * (width * 3 + 1)] = 0 // filter: none
    raw.set(rgb.subarray(y * width * 3, (y + 1) * width * 3), y * (width * 3 + 1) + 1)
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ])
}

/** A deterministic pattern (gradient + stripes) whose colours come from `seed`. */
export function patternPng(width: number, height: number, seed: number): Buffer {
  const rgb = new Uint8Array(width * height * 3)
  const r0 = seed & 0xff
  const g0 = (seed >>> 8) & 0xff
  const b0 = (seed >>> 16) & 0xff
  const stripe = 4 + ((seed >>> 24) % 12)
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 3
      const band = Math.floor((x + y) / stripe) % 2
      rgb[i] = (r0 + (x * 255) / width) & 0xff
      rgb[i + 1] = (g0 + (y * 255) / height) & 0xff
      rgb[i + 2] = band ? b0 : 255 - b0
    }
  }
  return encodePng(width, height, rgb)
}
