// A <dialog> opened modal for as long as its component is mounted: the browser makes the rest of
// the page inert, Escape asks `onCancel` (the component decides whether to close), Tab and
// Shift+Tab wrap inside the dialog, and focus goes back to whatever had it before on close.
import { useEffect, useRef, type RefObject } from 'react'

const focusable =
  'a[href], button:not([disabled]), input:not([disabled]), select:not([disabled]), textarea:not([disabled]), summary, video[controls], audio[controls], [tabindex]:not([tabindex="-1"])'

function tabbables(root: HTMLElement): HTMLElement[] {
  return [...root.querySelectorAll<HTMLElement>(focusable)].filter(
    (element) => element.getClientRects().length > 0 && !element.closest('[inert]'),
  )
}

export function useModalDialog(onCancel: () => void): RefObject<HTMLDialogElement | null> {
  const ref = useRef<HTMLDialogElement>(null)
  const cancel = useRef(onCancel)
  useEffect(() => {
    cancel.current = onCancel
  }, [onCancel])

  useEffect(() => {
    const dialog = ref.current
    if (!dialog) return
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null
    if (!dialog.open) dialog.showModal()
    const onCancelEvent = (event: Event): void => {
      event.preventDefault()
      cancel.current()
    }
    // The browser may close a dialog itself (a repeated Escape without user activation): ask the
    // component, and open it again if it chose to stay (an export that is still copying).
    const onClose = (): void => {
      cancel.current()
      setTimeout(() => {
        if (dialog.isConnected && !dialog.open) dialog.showModal()
      }, 0)
    }
    // Without this, Tab from the last control leaves the page for the browser's own UI.
    const onKeyDown = (event: KeyboardEvent): void => {
      if (event.key !== 'Tab') return
      const items = tabbables(dialog)
      const first = items[0]
      const last = items[items.length - 1]
      if (!first || !last) return
      const active = document.activeElement
      if (event.shiftKey && (active === first || !dialog.contains(active))) {
        event.preventDefault()
        last.focus()
      } else if (!event.shiftKey && (active === last || !dialog.contains(active))) {
        event.preventDefault()
        first.focus()
      }
    }
    dialog.addEventListener('cancel', onCancelEvent)
    dialog.addEventListener('close', onClose)
    dialog.addEventListener('keydown', onKeyDown)
    return () => {
      dialog.removeEventListener('cancel', onCancelEvent)
      dialog.removeEventListener('close', onClose)
      dialog.removeEventListener('keydown', onKeyDown)
      if (dialog.open) dialog.close()
      if (opener?.isConnected) opener.focus({ preventScroll: true })
    }
  }, [])
  return ref
}
