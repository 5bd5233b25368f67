// The loaded parts of a long list, by page: a jump far down holds a few pages there and none
// in between. Each page keeps the cursor after its last row, so the next page can continue it.

interface Page<T> {
  rows: readonly T[];
  /** The cursor after this page's last row; null when it was the last page. */
  next: string | null;
}

export class SparsePages<T> {
  private readonly pages = new Map<number, Page<T>>();

  constructor(readonly pageSize: number) {}

  has(page: number): boolean {
    return this.pages.has(page);
  }

  set(page: number, rows: readonly T[], next: string | null): void {
    this.pages.set(page, { rows, next });
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
}
