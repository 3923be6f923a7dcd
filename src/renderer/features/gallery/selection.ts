// Multi-select the way file managers do it: click selects one, Ctrl/Cmd-click toggles,
// Shift-click selects the range from the last plain or toggling click.

export interface Selection {
  readonly ids: ReadonlySet<number>
  /** Index the next shift-click extends from. */
  readonly anchor: number | null
}

export const emptySelection: Selection = { ids: new Set(), anchor: null }

export interface ClickModifiers {
  readonly shift: boolean
  readonly toggle: boolean
}

export function clickSelect(
  selection: Selection,
  index: number,
  modifiers: ClickModifiers,
  idAt: (index: number) => number | undefined,
): Selection {
  const id = idAt(index)
  if (id === undefined) return selection
  if (modifiers.shift && selection.anchor !== null) {
    const ids = new Set(modifiers.toggle ? selection.ids : [])
    const [from, to] = selection.anchor < index ? [selection.anchor, index] : [index, selection.anchor]
    for (let i = from; i <= to; i += 1) {
      const each = idAt(i)
      if (each !== undefined) ids.add(each)
    }
    return { ids, anchor: selection.anchor }
  }
  if (modifiers.toggle) {
    const ids = new Set(selection.ids)
    if (ids.has(id)) ids.delete(id)
    else ids.add(id)
    return { ids, anchor: index }
  }
  return { ids: new Set([id]), anchor: index }
}

/** Where an arrow key moves the focus in a grid of `columns` columns and `total` cells. */
export function moveFocus(
  index: number,
  key: string,
  columns: number,
  total: number,
  pageRows: number,
): number | null {
  const last = total - 1
  const moves: Readonly<Record<string, number>> = {
    ArrowLeft: index - 1,
    ArrowRight: index + 1,
    ArrowUp: index - columns,
    ArrowDown: index + columns,
    PageUp: index - columns * pageRows,
    PageDown: index + columns * pageRows,
    Home: 0,
    End: last,
  }
  const target = moves[key]
  if (target === undefined || total === 0) return null
  return Math.min(last, Math.max(0, target))
}
