import { pagesToEvict } from './page-eviction.js';

// The loaded parts of a long list, by page: a jump far down holds a few pages there and none
// in between. Each page keeps the cursor after its last row, so the next page can continue it.
// Pages remember when they were last in view, so the least recently used can be dropped once
// too many are held (a dropped page is fetched again when the view comes back to it).

interface Page<T> {
  rows: readonly T[];
  /** The cursor after this page's last row; null when it was the last page. */
  next: string | null;
}

export interface EvictOptions {
  /** Pages to hold at most. */
  maxPages: number;
  /** The pages in view: first and last (inclusive). They and their neighbours always stay. */
  view: { first: number; last: number };
  /** Pages being fetched: they stay too. */
  pending: { has(page: number): boolean };
}

export class SparsePages<T> {
  private readonly pages = new Map<number, Page<T>>();
  /** When each page was last in view or arrived: a counter, higher is later. */
  private readonly used = new Map<number, number>();
  private clock = 0;

  constructor(readonly pageSize: number) {}

  has(page: number): boolean {
    return this.pages.has(page);
  }

  set(page: number, rows: readonly T[], next: string | null): void {
    this.pages.set(page, { rows, next });
    this.used.set(page, ++this.clock);
  }

  /** The row at `index`, or undefined while its page is not loaded. */
  rowAt(index: number): T | undefined {
    if (index < 0) return undefined;
    return this.pages.get(Math.floor(index / this.pageSize))?.rows[index % this.pageSize];
  }

  /** The cursor that continues after `page`, if it is loaded and not the last. */
  nextCursor(page: number): string | null {
    return this.pages.get(page)?.next ?? null;
  }

  /** Pages loaded. */
  get size(): number {
    return this.pages.size;
  }

  /** Marks the loaded pages from `first` to `last` (inclusive) as just seen. */
  touch(first: number, last: number): void {
    this.clock++;
    for (let page = first; page <= last; page++) {
      if (this.pages.has(page)) this.used.set(page, this.clock);
    }
  }

  /** Drops the least recently used pages beyond `maxPages`; returns the pages dropped. */
  evict({ maxPages, view, pending }: EvictOptions): number[] {
    const dropped = pagesToEvict({
      used: this.used,
      keep: (page) => (page >= view.first - 1 && page <= view.last + 1) || pending.has(page),
      viewPage: view.first,
      maxPages,
    });
    for (const page of dropped) {
      this.pages.delete(page);
      this.used.delete(page);
    }
    return dropped;
  }
}
