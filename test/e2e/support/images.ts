// Real, decodable PNGs for seeded thumbnails and photos: soft diagonal gradients between two
// colours, so screenshots look like a gallery rather than test noise.
import { encodePng } from '../../fake-providers/png'

const palette: ReadonlyArray<readonly [number, number, number]> = [
  [255, 138, 101],
  [255, 195, 113],
  [120, 119, 255],
  [72, 187, 196],
  [236, 72, 153],
  [52, 211, 153],
  [250, 204, 21],
  [96, 165, 250],
  [167, 139, 250],
  [248, 113, 113],
]

export function gradientPng(width: number, height: number, seed: number): Buffer {
  const from = palette[seed % palette.length] ?? [0, 0, 0]
  const to = palette[(seed * 7 + 3) % palette.length] ?? [255, 255, 255]
  const rgb = new Uint8Array(width * height * 3)
  const cx = width * (0.3 + ((seed * 13) % 40) / 100)
  const cy = height * (0.3 + ((seed * 29) % 40) / 100)
  const radius = Math.hypot(width, height) / 2
  for (let y = 0; y < height; y += 1) {
    for (let x = 0; x < width; x += 1) {
      const diagonal = (x + y) / (width + height)
      const glow = Math.max(0, 1 - Math.hypot(x - cx, y - cy) / radius)
      const t = Math.min(1, diagonal * 0.8 + glow * 0.35)
      const i = (y * width + x) * 3
      for (let c = 0; c < 3; c += 1) {
        const a = from[c] ?? 0
        const b = to[c] ?? 0
        rgb[i + c] = Math.min(255, Math.round(a + (b - a) * t + glow * 30))
      }
    }
  }
  return encodePng(width, height, rgb)
}
