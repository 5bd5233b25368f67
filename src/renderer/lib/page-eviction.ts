// Which loaded pages of a long list to drop, so scrolling through 1,000,000 rows does not end
// with all of them in memory. Pure: SparsePages keeps the pages and applies the choice.

export interface EvictionInput {
  /** Each loaded page and when it was last in view or arrived (a counter: higher is later). */
  used: ReadonlyMap<number, number>;
  /** Pages that must stay: those in view and next to it, and any being fetched. */
  keep: (page: number) => boolean;
  /** The page the view is on: of pages last used at the same time, the farthest go first. */
  viewPage: number;
  /** Pages to hold at most; pages that must stay may still exceed it. */
  maxPages: number;
}

/** The pages to drop, least recently used first (the farthest from the view among equals). */
export function pagesToEvict(input: EvictionInput): number[] {
  const excess = input.used.size - Math.max(0, input.maxPages);
  if (excess <= 0) return [];
  const distance = (page: number) => Math.abs(page - input.viewPage);
  const candidates = [...input.used]
    .filter(([page]) => !input.keep(page))
    .sort(([a, usedA], [b, usedB]) => usedA - usedB || distance(b) - distance(a));
  return candidates.slice(0, excess).map(([page]) => page);
}
