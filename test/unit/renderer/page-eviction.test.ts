import { describe, expect, it } from 'vitest';
import { pagesToEvict } from '../../../src/renderer/lib/page-eviction.js';
import { pageOf, planPages } from '../../../src/renderer/lib/page-plan.js';
import { SparsePages } from '../../../src/renderer/lib/sparse-pages.js';

const SIZE = 500;
const nothing = { has: () => false };

describe('pagesToEvict', () => {
  const used = (entries: [page: number, at: number][]) => new Map(entries);

  it('drops nothing while the pages fit', () => {
    const input = {
      used: used([
        [1, 1],
        [2, 2],
      ]),
      keep: () => false,
      viewPage: 0,
      maxPages: 2,
    };
    expect(pagesToEvict(input)).toEqual([]);
  });

  it('drops the pages seen least recently, as many as are over the limit', () => {
    const input = {
      used: used([
        [10, 5],
        [20, 1],
        [30, 3],
        [40, 4],
      ]),
      keep: () => false,
      viewPage: 10,
      maxPages: 2,
    };
    expect(pagesToEvict(input)).toEqual([20, 30]);
  });

  it('drops the farthest from the view first among pages seen at the same time', () => {
    const input = {
      used: used([
        [3, 1],
        [90, 1],
        [50, 1],
        [7, 2],
      ]),
      keep: () => false,
      viewPage: 8,
      maxPages: 2,
    };
    expect(pagesToEvict(input)).toEqual([90, 50]);
  });

  it('never drops a page that must stay, even over the limit', () => {
    const input = {
      used: used([
        [1, 1],
        [2, 2],
        [3, 3],
      ]),
      keep: (page: number) => page <= 2,
      viewPage: 1,
      maxPages: 1,
    };
    expect(pagesToEvict(input)).toEqual([3]);
  });
});

describe('SparsePages eviction', () => {
  /** Pages 0..n-1 loaded in order, each one row. */
  function loaded(n: number) {
    const pages = new SparsePages<number>(1);
    for (let p = 0; p < n; p++) pages.set(p, [p], `after-${p}`);
    return pages;
  }

  it('keeps the pages in view and next to it, dropping the oldest of the rest', () => {
    const pages = loaded(10);
    pages.touch(0, 0); // the top was seen again, after the others arrived
    const dropped = pages.evict({ maxPages: 5, view: { first: 5, last: 5 }, pending: nothing });
    expect(dropped.sort((a, b) => a - b)).toEqual([1, 2, 3, 7, 8]);
    expect([0, 4, 5, 6, 9].every((p) => pages.has(p))).toBe(true);
    expect(pages.size).toBe(5);
    expect(pages.rowAt(2)).toBeUndefined();
    expect(pages.nextCursor(2)).toBeNull();
    expect(pages.rowAt(9)).toBe(9);
  });

  it('keeps a page being fetched again', () => {
    const pages = loaded(4);
    const pending = new Set([0]);
    const dropped = pages.evict({ maxPages: 1, view: { first: 3, last: 3 }, pending });
    expect(dropped).toEqual([1]);
    expect(pages.has(0)).toBe(true);
  });

  it('holds the view even when it alone is over the limit', () => {
    const pages = loaded(4);
    expect(pages.evict({ maxPages: 1, view: { first: 1, last: 2 }, pending: nothing })).toEqual([]);
    expect(pages.size).toBe(4);
  });
});

/**
 * The paged list's loop without the window: move the view, plan, "fetch" (answer at once),
 * store, evict. What the user would notice: the rows in view are there, memory stays bounded,
 * and going back to dropped rows fetches them again.
 */
function simulate(total: number, maxPages: number) {
  const pages = new SparsePages<number>(SIZE);
  const fetched: { page: number; by: string }[] = [];
  let most = 0;
  const view = (start: number, end: number) => {
    const first = pageOf(start, SIZE);
    const last = pageOf(end - 1, SIZE);
    pages.touch(first, last);
    for (;;) {
      const plan = planPages({
        start,
        end,
        pageSize: SIZE,
        total,
        loaded: pages,
        pending: new Set(),
        maxPending: 2,
      });
      if (plan.length === 0) break;
      for (const step of plan) {
        fetched.push(step);
        const rows = Array.from(
          { length: Math.min(SIZE, total - step.page * SIZE) },
          (_, i) => step.page * SIZE + i,
        );
        pages.set(step.page, rows, `c${step.page}`);
        pages.evict({ maxPages, view: { first, last }, pending: nothing });
        most = Math.max(most, pages.size);
      }
    }
    for (let i = start; i < end; i++) if (pages.rowAt(i) !== i) throw new Error(`row ${i} missing`);
  };
  return { view, pages, fetched, most: () => most };
}

describe('scrolling through 1,000,000 rows', () => {
  it('holds at most the budget of pages, with every row in view present', () => {
    const list = simulate(1_000_000, 40);
    for (let start = 0; start + 30 <= 1_000_000; start += 250) list.view(start, start + 30);
    expect(list.most()).toBeLessThanOrEqual(40);
    expect(list.pages.size).toBeLessThanOrEqual(40);
    // Each page once, in order, each continuing the one before.
    expect(list.fetched.length).toBe(2000);
    expect(list.fetched.slice(1).every((f) => f.by === 'cursor')).toBe(true);
  });

  it('fetches a dropped page again when the view comes back, by cursor after a loaded page', () => {
    const list = simulate(1_000_000, 40);
    for (let start = 0; start <= 30_000; start += 250) list.view(start, start + 30);
    expect(list.pages.has(0)).toBe(false);
    list.fetched.length = 0;
    // Back to the top: page 0 starts the list (by offset); the page ahead continues it.
    list.view(0, 30);
    expect(list.fetched).toEqual([
      { page: 0, by: 'offset' },
      { page: 1, by: 'cursor' },
    ]);
    // Back to row 29,800: still loaded (seen recently), so nothing to fetch.
    list.fetched.length = 0;
    list.view(29_800, 29_830);
    expect(list.fetched).toEqual([]);
  });

  it('keeps the places jumped to most recently, and drops those jumped to long ago', () => {
    const list = simulate(1_000_000, 40);
    const places = Array.from({ length: 100 }, (_, i) => i * 9_990);
    for (const row of places) list.view(row, row + 30);
    expect(list.pages.size).toBeLessThanOrEqual(40);
    expect(list.pages.rowAt(places[99]!)).toBe(places[99]);
    expect(list.pages.rowAt(places[90]!)).toBe(places[90]);
    expect(list.pages.rowAt(places[1]!)).toBeUndefined();
    list.fetched.length = 0;
    list.view(places[1]!, places[1]! + 30);
    expect(list.fetched[0]).toEqual({ page: pageOf(places[1]!, SIZE), by: 'offset' });
  });
});
