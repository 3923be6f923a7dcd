// A photo that zooms with the wheel, +/- keys or a click, and pans by dragging when zoomed.
import { useEffect, useRef, useState, type PointerEvent, type ReactElement, type WheelEvent } from 'react'

export interface ZoomableImageProps {
  readonly src: string
  readonly alt: string
}

const minScale = 1
const maxScale = 8

function clamp(value: number): number {
  return Math.min(maxScale, Math.max(minScale, value))
}

export function ZoomableImage({ src, alt }: ZoomableImageProps): ReactElement {
  const [scale, setScale] = useState(1)
  const [offset, setOffset] = useState({ x: 0, y: 0 })
  const drag = useRef<{ x: number; y: number; moved: boolean } | null>(null)

  const zoomTo = (next: number): void => {
    const value = clamp(next)
    setScale(value)
    if (value === 1) setOffset({ x: 0, y: 0 })
  }

  useEffect(() => {
    const onKey = (event: KeyboardEvent): void => {
      if (event.key === '+' || event.key === '=') setScale((s) => clamp(s * 1.5))
      if (event.key === '-') setScale((s) => clamp(s / 1.5))
      if (event.key === '0') {
        setScale(1)
        setOffset({ x: 0, y: 0 })
      }
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [])

  const onWheel = (event: WheelEvent): void => zoomTo(scale * (event.deltaY < 0 ? 1.2 : 1 / 1.2))
  const onPointerDown = (event: PointerEvent): void => {
    drag.current = { x: event.clientX - offset.x, y: event.clientY - offset.y, moved: false }
    event.currentTarget.setPointerCapture(event.pointerId)
  }
  const onPointerMove = (event: PointerEvent): void => {
    if (!drag.current || scale === 1) return
    drag.current.moved = true
    setOffset({ x: event.clientX - drag.current.x, y: event.clientY - drag.current.y })
  }
  const onPointerUp = (): void => {
    const wasDrag = drag.current?.moved ?? false
    drag.current = null
    if (!wasDrag) zoomTo(scale === 1 ? 2 : 1)
  }

  return (
    <div
      className={`zoom-frame ${scale > 1 ? 'is-zoomed' : ''}`}
      onWheel={onWheel}
      onPointerDown={onPointerDown}
      onPointerMove={onPointerMove}
      onPointerUp={onPointerUp}
      data-testid="zoom-frame"
      data-scale={scale.toFixed(2)}
    >
      <img
        className="zoom-image"
        src={src}
        alt={alt}
        draggable={false}
        style={{ transform: `translate(${offset.x}px, ${offset.y}px) scale(${scale})` }}
      />
      <span className="zoom-level" aria-live="polite">
        {Math.round(scale * 100)}%
      </span>
    </div>
  )
}
