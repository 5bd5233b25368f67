import { describe, expect, it } from 'vitest';
import {
  holdOffsets,
  pageOf,
  planPages,
  type PageFetch,
  type PagePlanInput,
} from '../../../src/renderer/lib/page-plan.js';
import { SparsePages } from '../../../src/renderer/lib/sparse-pages.js';

const SIZE = 500;

/** A plan for the rows in view [start, end) of 100,000, given the pages loaded and pending. */
function plan(
  start: number,
  end: number,
  opts: { loaded?: number[]; pending?: number[]; total?: number | null; maxPending?: number } = {},
) {
  const input: PagePlanInput = {
    start,
    end,
    pageSize: SIZE,
    total: opts.total === undefined ? 100_000 : opts.total,
    loaded: new Set(opts.loaded ?? []),
    pending: new Set(opts.pending ?? []),
    maxPending: opts.maxPending ?? 2,
  };
  return planPages(input);
}

describe('planPages', () => {
  it('asks for the view before the list has said how long it is', () => {
    expect(plan(0, 0, { total: null })).toEqual([{ page: 0, by: 'offset' }]);
    // A reload far down: straight to the view, not from the top.
    expect(plan(50_000, 50_030, { total: null })).toEqual([{ page: 100, by: 'offset' }]);
  });

  it('jumps straight to the page in view, not the pages before it', () => {
    expect(plan(50_000, 50_030, { loaded: [0, 1] })).toEqual([{ page: 100, by: 'offset' }]);
  });

  it('fetches both pages under a view that straddles a page boundary', () => {
    expect(plan(49_990, 50_020, { loaded: [0, 1] })).toEqual([
      { page: 99, by: 'offset' },
      { page: 100, by: 'offset' },
    ]);
  });

  it('continues a loaded page by cursor, and keeps one page ahead', () => {
    // The view sits in page 1, right after the loaded page 0.
    expect(plan(510, 540, { loaded: [0] })).toEqual([{ page: 1, by: 'cursor' }]);
    // Page 1 arrived: the page ahead continues it.
    expect(plan(510, 540, { loaded: [0, 1] })).toEqual([{ page: 2, by: 'cursor' }]);
    // Everything in view and ahead is there: nothing to ask.
    expect(plan(510, 540, { loaded: [0, 1, 2] })).toEqual([]);
  });

  it('waits with the page ahead until the page before it is loaded', () => {
    expect(plan(50_000, 50_030, { pending: [100] })).toEqual([]);
    expect(plan(50_000, 50_030, { loaded: [100] })).toEqual([{ page: 101, by: 'cursor' }]);
  });

  it('never asks past the end of the list', () => {
    expect(plan(99_970, 100_000, { loaded: [0] })).toEqual([{ page: 199, by: 'offset' }]);
    expect(plan(99_970, 100_000, { loaded: [199] })).toEqual([]);
    expect(plan(0, 30, { total: 30 })).toEqual([{ page: 0, by: 'offset' }]);
    expect(plan(0, 30, { total: 30, loaded: [0] })).toEqual([]);
    expect(plan(0, 0, { total: 0 })).toEqual([]);
  });

  it('does not ask again for a page on its way', () => {
    expect(plan(49_990, 50_020, { pending: [99] })).toEqual([{ page: 100, by: 'offset' }]);
  });

  it('keeps to the request limit while the scroll bar is dragged', () => {
    // Two requests for views already left behind are still out: the new view waits.
    expect(plan(80_000, 80_030, { pending: [20, 40] })).toEqual([]);
    // One came back: the latest view gets the free slot, pages in view before the one ahead.
    expect(plan(79_990, 80_030, { pending: [40], loaded: [20] })).toEqual([
      { page: 159, by: 'offset' },
    ]);
    expect(plan(79_990, 80_030, { maxPending: 3 })).toEqual([
      { page: 159, by: 'offset' },
      { page: 160, by: 'offset' },
    ]);
  });

  it('treats an empty view as the row at its start', () => {
    expect(plan(0, 0)).toEqual([{ page: 0, by: 'offset' }]);
    expect(plan(0, 0, { loaded: [0] })).toEqual([{ page: 1, by: 'cursor' }]);
  });
});

describe('holdOffsets', () => {
  const jump: PageFetch[] = [
    { page: 99, by: 'offset' },
    { page: 100, by: 'offset' },
  ];

  it('lets the first jump after a pause go at once', () => {
    expect(holdOffsets(jump, Infinity, 100)).toEqual({ now: jump, retryInMs: null });
    expect(holdOffsets(jump, 100, 100)).toEqual({ now: jump, retryInMs: null });
  });

  it('holds jumps that follow too closely (a drag) and says when to plan again', () => {
    expect(holdOffsets(jump, 30, 100)).toEqual({ now: [], retryInMs: 70 });
  });

  it('never holds a page that continues a loaded one', () => {
    const mixed: PageFetch[] = [
      { page: 7, by: 'cursor' },
      { page: 9, by: 'offset' },
    ];
    expect(holdOffsets(mixed, 10, 100)).toEqual({ now: [mixed[0]], retryInMs: 90 });
    expect(holdOffsets([{ page: 8, by: 'cursor' }], 10, 100)).toEqual({
      now: [{ page: 8, by: 'cursor' }],
      retryInMs: null,
    });
  });
});

describe('pageOf', () => {
  it('maps rows to their page, and rows before the start to the first', () => {
    expect([0, 499, 500, 50_000, -1].map((i) => pageOf(i, SIZE))).toEqual([0, 0, 1, 100, 0]);
  });
});

describe('SparsePages', () => {
  it('finds rows by index in the pages loaded, and nothing in between', () => {
    const pages = new SparsePages<string>(3);
    pages.set(0, ['a', 'b', 'c'], 'after-c');
    pages.set(5, ['p', 'q'], null);
    expect([0, 2, 3, 14, 15, 16, 17, -1].map((i) => pages.rowAt(i))).toEqual([
      'a',
      'c',
      undefined,
      undefined,
      'p',
      'q',
      undefined,
      undefined,
    ]);
    expect(pages.has(5) && !pages.has(4)).toBe(true);
    expect(pages.nextCursor(0)).toBe('after-c');
    expect(pages.nextCursor(5)).toBeNull();
    expect(pages.nextCursor(1)).toBeNull();
    expect(pages.size).toBe(2);
  });
});
