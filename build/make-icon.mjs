// Draws build/icon.png (512x512 RGBA): a chat bubble with a "keep" arrow into a tray, on a
// rounded gradient tile. Run `node build/make-icon.mjs` after changing it; the PNG is committed
// because electron-builder reads it at packaging time. No dependencies: shapes are signed
// distance functions, 4x4 supersampled, encoded with node:zlib.
import { writeFileSync } from 'node:fs'
import { deflateSync } from 'node:zlib'

const SIZE = 512
const SAMPLES = 4

function roundedRect(x, y, left, top, right, bottom, radius) {
  const cx = Math.max(left + radius - x, 0, x - (right - radius))
  const cy = Math.max(top + radius - y, 0, y - (bottom - radius))
  const outside = Math.hypot(cx, cy) - radius
  const inside = Math.min(Math.max(left - x, x - right, top - y, y - bottom), 0)
  return cx > 0 || cy > 0 ? outside : Math.max(outside, inside)
}

/** Negative inside the triangle (a, b, c given counter-clockwise or clockwise). */
function triangle(x, y, [ax, ay], [bx, by], [cx, cy]) {
  const edge = (px, py, qx, qy) =>
    ((qx - px) * (y - py) - (qy - py) * (x - px)) / Math.hypot(qx - px, qy - py)
  const sign = Math.sign((bx - ax) * (cy - ay) - (by - ay) * (cx - ax))
  return -Math.min(sign * edge(ax, ay, bx, by), sign * edge(bx, by, cx, cy), sign * edge(cx, cy, ax, ay))
}

const tile = (x, y) => roundedRect(x, y, 24, 24, 488, 488, 104)
const bubble = (x, y) =>
  Math.min(roundedRect(x, y, 96, 100, 416, 352, 64), triangle(x, y, [140, 330], [230, 330], [112, 420]))
const arrow = (x, y) =>
  Math.min(roundedRect(x, y, 234, 140, 278, 226, 10), triangle(x, y, [194, 212], [318, 212], [256, 276]))
const tray = (x, y) =>
  Math.max(roundedRect(x, y, 166, 246, 346, 310, 14), -roundedRect(x, y, 186, 200, 326, 290, 6))

function gradient(x, y) {
  const t = Math.min(1, Math.max(0, (x + y) / (2 * SIZE)))
  const from = [108, 92, 252]
  const to = [24, 178, 160]
  return from.map((c, i) => c + (to[i] - c) * t)
}

function shade(x, y) {
  if (tile(x, y) > 0) return [0, 0, 0, 0]
  if (arrow(x, y) <= 0 || tray(x, y) <= 0) return [...gradient(x, y), 255]
  if (bubble(x, y) <= 0) return [255, 255, 255, 255]
  return [...gradient(x, y), 255]
}

const raw = Buffer.alloc(SIZE * (SIZE * 4 + 1))
for (let y = 0; y < SIZE; y++) {
  raw[y * (SIZE * 4 + 1)] = 0 // filter: none
  for (let x = 0; x < SIZE; x++) {
    const sum = [0, 0, 0, 0]
    for (let sy = 0; sy < SAMPLES; sy++) {
      for (let sx = 0; sx < SAMPLES; sx++) {
        const [r, g, b, a] = shade(x + (sx + 0.5) / SAMPLES, y + (sy + 0.5) / SAMPLES)
        sum[0] += r * a
        sum[1] += g * a
        sum[2] += b * a
        sum[3] += a
      }
    }
    const offset = y * (SIZE * 4 + 1) + 1 + x * 4
    const alpha = sum[3] / (SAMPLES * SAMPLES)
    for (let i = 0; i < 3; i++) raw[offset + i] = sum[3] === 0 ? 0 : Math.round(sum[i] / sum[3])
    raw[offset + 3] = Math.round(alpha)
  }
}

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1
  return c >>> 0
})
function crc32(buffer) {
  let c = 0xffffffff
  for (const byte of buffer) c = crcTable[(c ^ byte) & 0xff] ^ (c >>> 8)
  return (c ^ 0xffffffff) >>> 0
}
function chunk(type, data) {
  const length = Buffer.alloc(4)
  length.writeUInt32BE(data.length)
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data])
  const crc = Buffer.alloc(4)
  crc.writeUInt32BE(crc32(body))
  return Buffer.concat([length, body, crc])
}

const header = Buffer.alloc(13)
header.writeUInt32BE(SIZE, 0)
header.writeUInt32BE(SIZE, 4)
header[8] = 8 // bit depth
header[9] = 6 // RGBA
const png = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  chunk('IHDR', header),
  chunk('IDAT', deflateSync(raw, { level: 9 })),
  chunk('IEND', Buffer.alloc(0)),
])
writeFileSync(new URL('./icon.png', import.meta.url), png)
console.log(`build/icon.png: ${png.length} bytes`)
