import { useRef, useState } from 'preact/hooks';
import { applySelectionClick, pruneSelection, selectAllState } from '../lib/selection.js';

// Which rows are selected, with shift-click ranges from the last clicked row (the anchor).
// `order` is the rows' ids as listed now.

export function useRowSelection() {
  const [selected, setSelected] = useState<Set<number>>(new Set());
  const anchor = useRef<number | null>(null);
  return {
    selected,
    allState: (order: number[]) => selectAllState(selected, order),
    clear() {
      setSelected(new Set());
      anchor.current = null;
    },
    setAll(checked: boolean, order: number[]) {
      setSelected(checked ? new Set(order) : new Set());
      anchor.current = null;
    },
    click(id: number, checked: boolean, shift: boolean, order: number[]) {
      setSelected((s) =>
        applySelectionClick(s, { order, id, checked, shift, anchor: anchor.current }),
      );
      anchor.current = id;
    },
    /** Keep only rows still listed. */
    prune(present: number[]) {
      setSelected((s) => pruneSelection(s, present));
    },
  };
}

export type RowSelection = ReturnType<typeof useRowSelection>;
