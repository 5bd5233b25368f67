// Checkbox selection in a list: a click toggles one row; a Shift+click sets every row between
// the previous click and this one to the clicked row's new state, like a file manager.

export interface SelectionClick {
  /** Row ids in display order. */
  order: readonly number[];
  id: number;
  /** The clicked checkbox's new state. */
  checked: boolean;
  shift: boolean;
  /** The id clicked last (the range's other end), if any. */
  anchor: number | null;
}

export function applySelectionClick(
  selected: ReadonlySet<number>,
  click: SelectionClick,
): Set<number> {
  const next = new Set(selected);
  const to = click.order.indexOf(click.id);
  const from = click.anchor === null ? -1 : click.order.indexOf(click.anchor);
  const ids = click.shift && from >= 0 && to >= 0 ? rangeOf(click.order, from, to) : [click.id];
  for (const id of ids) {
    if (click.checked) next.add(id);
    else next.delete(id);
  }
  return next;
}

function rangeOf(order: readonly number[], a: number, b: number): number[] {
  return order.slice(Math.min(a, b), Math.max(a, b) + 1);
}

/** Keep only ids still listed (rows vanish when they are sent or removed). */
export function pruneSelection(selected: ReadonlySet<number>, ids: readonly number[]): Set<number> {
  const present = new Set(ids);
  return new Set([...selected].filter((id) => present.has(id)));
}

export type AllState = 'none' | 'some' | 'all';

export function selectAllState(selected: ReadonlySet<number>, ids: readonly number[]): AllState {
  const count = ids.filter((id) => selected.has(id)).length;
  if (count === 0) return 'none';
  return count === ids.length ? 'all' : 'some';
}
