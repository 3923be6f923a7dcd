// A photo fitted to the stage that zooms towards the pointer (wheel or click) or the centre (+/-
// keys), and pans by dragging when zoomed. The image box fills the frame (object-fit: contain), so
// frame and image share one coordinate system and the point under the pointer stays put.
import { useEffect, useRef, useState, type PointerEvent, type ReactElement, type WheelEvent } from 'react'
import { fitted, panTo, zoomAt, type View } from './zoom'

export interface ZoomableImageProps {
  readonly src: string
  readonly alt: string
}

export function ZoomableImage({ src, alt }: ZoomableImageProps): ReactElement {
  const [view, setView] = useState<View>(fitted)
  const frame = useRef<HTMLDivElement>(null)
  const drag = useRef<{ x: number; y: number; moved: boolean } | null>(null)

  const size = (): { width: number; height: number; left: number; top: number } => {
    const rect = frame.current?.getBoundingClientRect()
    return { width: rect?.width ?? 0, height: rect?.height ?? 0, left: rect?.left ?? 0, top: rect?.top ?? 0 }
  }

  useEffect(() => {
    const onKey = (event: KeyboardEvent): void => {
      if (event.target instanceof HTMLInputElement) return
      const factor = event.key === '+' || event.key === '=' ? 1.5 : event.key === '-' ? 1 / 1.5 : null
      if (event.key === '0') setView(fitted)
      if (factor === null) return
      const rect = frame.current?.getBoundingClientRect()
      const width = rect?.width ?? 0
      const height = rect?.height ?? 0
      setView((current) => zoomAt(current, current.scale * factor, width / 2, height / 2, width, height))
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [])

  const onWheel = (event: WheelEvent): void => {
    const { width, height, left, top } = size()
    const factor = event.deltaY < 0 ? 1.2 : 1 / 1.2
    setView((current) =>
      zoomAt(current, current.scale * factor, event.clientX - left, event.clientY - top, width, height),
    )
  }
  const onPointerDown = (event: PointerEvent): void => {
    drag.current = { x: event.clientX - view.x, y: event.clientY - view.y, moved: false }
    event.currentTarget.setPointerCapture(event.pointerId)
  }
  const onPointerMove = (event: PointerEvent): void => {
    const start = drag.current
    if (!start || view.scale === 1) return
    start.moved = true
    const { width, height } = size()
    setView((current) => panTo(current, event.clientX - start.x, event.clientY - start.y, width, height))
  }
  const onPointerUp = (event: PointerEvent): void => {
    const wasDrag = drag.current?.moved ?? false
    drag.current = null
    if (wasDrag) return
    const { width, height, left, top } = size()
    setView((current) =>
      current.scale === 1
        ? zoomAt(current, 2, event.clientX - left, event.clientY - top, width, height)
        : fitted,
    )
  }

  return (
    <div
      ref={frame}
      className={`zoom-frame ${view.scale > 1 ? 'is-zoomed' : ''}`}
      onWheel={onWheel}
      onPointerDown={onPointerDown}
      onPointerMove={onPointerMove}
      onPointerUp={onPointerUp}
      data-testid="zoom-frame"
      data-scale={view.scale.toFixed(2)}
    >
      <img
        className="zoom-image"
        src={src}
        alt={alt}
        draggable={false}
        style={{ transform: `translate(${view.x}px, ${view.y}px) scale(${view.scale})` }}
        data-testid="zoom-image"
      />
      <span className="zoom-level" aria-live="polite">
        {Math.round(view.scale * 100)}%
      </span>
    </div>
  )
}
