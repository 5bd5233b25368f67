import { join } from 'node:path';
import type { Browser, Page } from '@playwright/test';
import { tempDir } from '../test/support/temp-dir.js';
import { startHistoryApp, type HistoryApp } from './history-app.js';
import { bulkHistory, OLDEST_PLAY } from './history-data.js';
import {
  FIRST_DATA_ROW,
  KEEP_NAMES_SHIM,
  jumpTour,
  rowShown,
  scrollAndLog,
  type RowShown,
} from './history-page.js';
import { median, percentile, round } from './measure.js';
import type { BenchResult } from './result.js';

// History with 1,000,000 rows: more than Chromium can lay out at 40 px a row (33,554,428 px
// is about 838,000 rows), so the grid scales its scroll range. Checks in the real browser
// that the scroll bar and the keyboard reach the oldest play, then tours the list with far
// jumps and reports what the renderer holds afterwards (pages beyond a budget are dropped).

const ROWS = 1_000_000;
/** Far jumps spread over the list, as when the scroll bar is let go here and there. */
const TOUR_JUMPS = 100;
const JUMP_TIMEOUT_MS = 30_000;
const STEADY = { pxPerFrame: 60, durationMs: 3_000 };
const VIEWPORT = { width: 1280, height: 800 };
const GRID = '[role=grid][aria-label="Scrobble history"]';
/** Rows a page of queue.list holds (use-paged-list.ts). */
const PAGE_ROWS = 500;

function log(line: string): void {
  process.stderr.write(`[bench history 1M] ${line}\n`);
}

const fmt = (n: number) => n.toLocaleString('en');
const ms = (n: number) => `${round(n)} ms`;

/** Presses a key in the focused grid and waits until the active row shows with data. */
async function press(page: Page, key: string): Promise<RowShown> {
  await page.keyboard.press(key);
  const handle = await page.waitForFunction(
    (arg) => {
      const shown = (globalThis as unknown as { __rowShown: typeof rowShown }).__rowShown(arg);
      return shown && !shown.loading ? shown : null;
    },
    { grid: GRID },
    { timeout: JUMP_TIMEOUT_MS },
  );
  return (await handle.jsonValue()) as RowShown;
}

/** Keyboard moves from the top: each must land on the row it names, shown whole. */
async function keyboardChecks(page: Page): Promise<{ steps: string[]; failed: string[] }> {
  await page.locator(GRID).focus();
  const steps: string[] = [];
  const failed: string[] = [];
  const check = (key: string, row: RowShown, expect: (row: RowShown) => boolean) => {
    const out = row.overhang > 0 ? ` (${round(row.overhang)} px out of view)` : '';
    const line = `${key} → row ${fmt(row.index)}${row.whole ? out : ` (NOT whole in view${out})`}`;
    steps.push(line);
    if (!row.whole || !expect(row)) failed.push(line);
  };
  const end = await press(page, 'End');
  check('End', end, (r) => r.index === ROWS - 1 && r.text.includes(OLDEST_PLAY.track));
  let at = end.index;
  for (const key of ['PageUp', 'PageUp', 'ArrowUp', 'ArrowUp', 'ArrowDown', 'PageDown']) {
    const row = await press(page, key);
    const moved = row.index - at;
    check(key, row, () =>
      key === 'ArrowUp' ? moved === -1 : key === 'ArrowDown' ? moved === 1 : moved !== 0,
    );
    at = row.index;
  }
  check('Home', await press(page, 'Home'), (r) => r.index === 0);
  // Down a screenful from the top, one row at a time: the list keeps the active row in view.
  for (let i = 0; i < 20; i++) await page.keyboard.press('ArrowDown');
  check('20 × ArrowDown', await press(page, 'ArrowDown'), (r) => r.index === 21);
  return { steps, failed };
}

async function heap(page: Page): Promise<{ heapMB: number; domNodes: number }> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('HeapProfiler.collectGarbage');
  await cdp.send('Performance.enable');
  const { metrics } = await cdp.send('Performance.getMetrics');
  const metric = (name: string) => metrics.find((m) => m.name === name)?.value ?? Number.NaN;
  await cdp.detach();
  return { heapMB: metric('JSHeapUsedSize') / 1024 ** 2, domNodes: metric('Nodes') };
}

export async function benchMillion(browser: Browser): Promise<BenchResult[]> {
  const dir = tempDir('scrobbletray-bench-1m-');
  let app: HistoryApp | undefined;
  try {
    const fill = bulkHistory(join(dir.path, 'scrobbles.sqlite'), ROWS);
    log(`wrote ${fmt(ROWS)} accepted scrobbles in ${round(fill.ms / 1000)} s`);
    app = await startHistoryApp(dir.path);
    const context = await browser.newContext({ viewport: VIEWPORT });
    await context.addInitScript({ content: KEEP_NAMES_SHIM });
    // The row probe, callable from waitForFunction.
    await context.addInitScript({ content: `globalThis.__rowShown = ${rowShown.toString()};` });
    const page = await context.newPage();
    await page.goto(app.url);
    await page.goto(`${app.origin}/#/history`);
    await page.locator(FIRST_DATA_ROW).first().waitFor({ timeout: JUMP_TIMEOUT_MS });
    const totalText = (await page.getByTestId('history-total').textContent()) ?? '';
    if (!totalText.includes(fmt(ROWS))) {
      throw new Error(`History shows "${totalText}", not ${fmt(ROWS)} scrobbles`);
    }
    const { scrollHeight, clientHeight } = await page
      .locator(GRID)
      .evaluate((el) => ({ scrollHeight: el.scrollHeight, clientHeight: el.clientHeight }));

    // The scroll bar to the very end: the oldest play shows, whole, in the last row.
    const end = await page.evaluate(scrollAndLog, {
      grid: GRID,
      pxPerFrame: 0,
      durationMs: JUMP_TIMEOUT_MS,
      jumpTo: 1,
    });
    const last = await page.evaluate(rowShown, { grid: GRID, index: ROWS - 1 });
    log(`scroll bar to the end: ${JSON.stringify(last)}`);
    if (!last?.whole || last.loading || !last.text.includes(OLDEST_PLAY.track)) {
      throw new Error(`the end of a ${fmt(ROWS)}-row History does not show the oldest play`);
    }

    const keys = await keyboardChecks(page);
    log(`keyboard: ${keys.steps.join('; ')}`);
    if (keys.failed.length > 0) throw new Error(`keyboard missed: ${keys.failed.join('; ')}`);

    // Scrolling in the scaled list, from the middle: the rows are placed again every frame.
    await page.locator(GRID).evaluate((el) => {
      el.scrollTop = (el.scrollHeight - el.clientHeight) / 2;
    });
    await page.waitForTimeout(500);
    const steady = await page.evaluate(scrollAndLog, { grid: GRID, ...STEADY });
    const deltas = [...steady.deltas].sort((a, b) => a - b);
    const work = [...steady.workMs].sort((a, b) => a - b);
    const missed = deltas.filter((d) => d > 1000 / 60 + 1).length;

    // A tour of far jumps, then back to where it started: that page was dropped on the way.
    const places = Array.from({ length: TOUR_JUMPS }, (_, i) => (i + 0.5) / TOUR_JUMPS);
    const tour = await page.evaluate(jumpTour, {
      grid: GRID,
      places,
      timeoutMs: JUMP_TIMEOUT_MS,
    });
    const ready = tour.readyMs.flatMap((t) => (t === null ? [] : [t])).sort((a, b) => a - b);
    const back = await page.evaluate(jumpTour, {
      grid: GRID,
      places: [places[0]!],
      timeoutMs: JUMP_TIMEOUT_MS,
    });
    const memory = await heap(page);
    log(
      `tour: ${ready.length} of ${TOUR_JUMPS} jumps filled, median ${ms(median(ready))}; ` +
        `${tour.requests} requests; back to the start: ${back.requests} requests; ` +
        `heap ${round(memory.heapMB)} MB`,
    );
    await context.close();

    const rowsFetched = tour.requests * PAGE_ROWS;
    return [
      {
        name: '1M rows: scroll bar to the very end: oldest play shown',
        value: round(end.readyMs ?? JUMP_TIMEOUT_MS),
        unit: 'ms',
        detail:
          `row ${fmt(last.index)} (the last) in view with "${OLDEST_PLAY.track}" ` +
          `(${round(last.overhang)} px out of view); ` +
          `grid scrollHeight ${fmt(scrollHeight)} px for ${fmt(ROWS)} × 40 px, client ` +
          `${fmt(clientHeight)} px; ${end.listRequests.count} queue.list requests, median ` +
          `${ms(end.listRequests.medianMs ?? Number.NaN)}; list written in ` +
          `${round(fill.ms / 1000)} s`,
      },
      {
        name: '1M rows: keyboard End, Page Up/Down, arrows, Home land on their rows',
        value: keys.steps.length,
        unit: 'moves',
        detail: keys.steps.join('; '),
      },
      {
        name: '1M rows: scroll 60 px/frame (scaled): frames over 16.7 ms',
        value: round((missed / Math.max(1, deltas.length)) * 100),
        unit: '%',
        detail:
          `${missed} of ${deltas.length}; frame median ${ms(percentile(deltas, 50))}, max ` +
          `${ms(deltas[deltas.length - 1] ?? Number.NaN)}; main-thread work median ` +
          `${ms(percentile(work, 50))}, p95 ${ms(percentile(work, 95))}; ` +
          `${steady.framesWithBlankRows} frames with "Loading…" rows in view; ` +
          `${steady.listRequests.count} queue.list requests; 1 px of scroll is ` +
          `${round((ROWS * 40 - clientHeight) / (scrollHeight - clientHeight))} px of rows`,
      },
      {
        name: `1M rows: ${TOUR_JUMPS} far jumps: rows in view filled (median)`,
        value: round(median(ready)),
        unit: 'ms',
        detail:
          `${ready.length} of ${TOUR_JUMPS} filled; p95 ${ms(percentile(ready, 95))}, max ` +
          `${ms(ready[ready.length - 1] ?? Number.NaN)}; ${tour.requests} queue.list ` +
          `requests (${fmt(rowsFetched)} rows fetched); back to the first place: ` +
          `${back.requests} requests (${back.requests > 0 ? 'its pages had been dropped' : 'still loaded'})`,
      },
      {
        name: '1M rows: renderer JS heap after the scrolls and the tour',
        value: round(memory.heapMB),
        unit: 'MB',
        detail:
          `after a GC (CDP Performance.getMetrics); ${fmt(memory.domNodes)} DOM nodes; ` +
          `${fmt(rowsFetched)} rows fetched in the tour, at most 20,000 held`,
      },
    ];
  } finally {
    await app?.close();
    dir.cleanup();
  }
}
