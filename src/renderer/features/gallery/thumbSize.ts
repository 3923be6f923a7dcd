// The thumbnail size the user chose, kept in this browser (localStorage) across sessions.
import { useState } from 'react'
import { thumbSizes, type ThumbSize } from './useColumns'

const storageKey = 'chatkeep.thumbSize'

function stored(): ThumbSize {
  try {
    const value = window.localStorage.getItem(storageKey)
    return value !== null && value in thumbSizes ? (value as ThumbSize) : 'medium'
  } catch {
    return 'medium'
  }
}

export function useThumbSize(): readonly [ThumbSize, (size: ThumbSize) => void] {
  const [size, setSize] = useState<ThumbSize>(stored)
  const choose = (next: ThumbSize): void => {
    setSize(next)
    try {
      window.localStorage.setItem(storageKey, next)
    } catch {
      // Private windows may refuse storage: the size still applies to this session.
    }
  }
  return [size, choose]
}
