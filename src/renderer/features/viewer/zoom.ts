// Zoom and pan of a fitted photo as plain numbers (no DOM): the image box fills the frame, so a
// view is a scale and a translation of the frame's own coordinates.
const minScale = 1
const maxScale = 8

export interface View {
  readonly scale: number
  readonly x: number
  readonly y: number
}

export const fitted: View = { scale: 1, x: 0, y: 0 }

function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value))
}

/** Zooms to `scale` keeping the frame point (px, py) over the same image point. */
export function zoomAt(
  view: View,
  scale: number,
  px: number,
  py: number,
  width: number,
  height: number,
): View {
  const next = clamp(scale, minScale, maxScale)
  if (next === minScale) return fitted
  const x = px - ((px - view.x) / view.scale) * next
  const y = py - ((py - view.y) / view.scale) * next
  return panTo({ scale: next, x: view.x, y: view.y }, x, y, width, height)
}

/** Keeps the zoomed image covering the frame: no empty band opens at an edge. */
export function panTo(view: View, x: number, y: number, width: number, height: number): View {
  return {
    scale: view.scale,
    x: clamp(x, width * (1 - view.scale), 0),
    y: clamp(y, height * (1 - view.scale), 0),
  }
}
