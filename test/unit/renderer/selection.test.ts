import { describe, expect, it } from 'vitest';
import {
  applySelectionClick,
  pruneSelection,
  selectAllState,
} from '../../../src/renderer/lib/selection.js';

const order = [10, 11, 12, 13, 14];

describe('applySelectionClick', () => {
  it('toggles one row on a plain click', () => {
    const one = applySelectionClick(new Set(), {
      order,
      id: 12,
      checked: true,
      shift: false,
      anchor: null,
    });
    expect([...one]).toEqual([12]);
    const none = applySelectionClick(one, {
      order,
      id: 12,
      checked: false,
      shift: false,
      anchor: 12,
    });
    expect([...none]).toEqual([]);
  });

  it('sets the whole range from the last click on Shift+click, in either direction', () => {
    const down = applySelectionClick(new Set([11]), {
      order,
      id: 14,
      checked: true,
      shift: true,
      anchor: 11,
    });
    expect([...down].sort()).toEqual([11, 12, 13, 14]);
    const up = applySelectionClick(down, {
      order,
      id: 12,
      checked: false,
      shift: true,
      anchor: 14,
    });
    expect([...up]).toEqual([11]);
  });

  it('falls back to one row when the anchor is gone', () => {
    const s = applySelectionClick(new Set(), {
      order,
      id: 13,
      checked: true,
      shift: true,
      anchor: 99,
    });
    expect([...s]).toEqual([13]);
  });
});

describe('select all', () => {
  it('reports none, some or all, and forgets rows that left the list', () => {
    expect(selectAllState(new Set(), order)).toBe('none');
    expect(selectAllState(new Set([10]), order)).toBe('some');
    expect(selectAllState(new Set(order), order)).toBe('all');
    expect([...pruneSelection(new Set([10, 99]), order)]).toEqual([10]);
  });
});
