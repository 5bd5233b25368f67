import type { ComponentChildren } from 'preact';
import { useEffect, useId, useLayoutEffect, useRef, useState } from 'preact/hooks';
import {
  maxBodyHeight,
  rowShift,
  scrollForRow,
  scrollScale,
  virtualTopOf,
  type ScrollPin,
} from '../lib/scroll-scale.js';
import { clampIndex, keyStep, visibleWindow } from '../lib/virtual-window.js';

// A read-only ARIA grid that renders only the rows in view (plus overscan), so a list of
// 100,000 scrobbles costs what a screenful does. Rows have a fixed height (two heights: one
// line on wide windows, two lines on narrow ones or at high zoom). Arrow keys, Page Up/Down,
// Home and End move the active row; the grid scrolls to keep it in view. A list taller than
// a browser can lay out (over ~800,000 rows) gets a body of the tallest safe height, and a
// scroll position then stands for a proportional place in the list (lib/scroll-scale.ts).

export interface GridColumn {
  id: string;
  label: string;
}

interface VirtualGridProps<T> {
  label: string;
  columns: readonly GridColumn[];
  total: number;
  /** The row at `index`, or undefined while its page is still loading. */
  rowAt: (index: number) => T | undefined;
  /** The cells (role="gridcell") of one row. */
  renderCells: (row: T, narrow: boolean) => ComponentChildren;
  /** Called with the rendered window (start inclusive, end exclusive), to load its rows. */
  onNeedRows: (start: number, end: number) => void;
  /** Below this width (CSS px) rows switch to two lines. */
  narrowBelow?: number;
  rowHeight?: { wide: number; narrow: number };
  overscan?: number;
}

const DEFAULT_HEIGHTS = { wide: 40, narrow: 64 };

export function VirtualGrid<T>(props: VirtualGridProps<T>) {
  const { total, columns } = props;
  const heights = props.rowHeight ?? DEFAULT_HEIGHTS;
  const overscan = props.overscan ?? 8;
  const id = useId();
  const scroller = useRef<HTMLDivElement>(null);
  const header = useRef<HTMLDivElement>(null);
  const [box, setBox] = useState({ width: 1000, height: 600, headerHeight: 36, ratio: 1 });
  const narrow = box.width < (props.narrowBelow ?? 760);
  const rowHeight = narrow ? heights.narrow : heights.wide;
  const viewport = Math.max(rowHeight, box.height - box.headerHeight);
  const scale = scrollScale(total * rowHeight, viewport, maxBodyHeight(box.ratio));
  /** The rendered rows, and how far up they are drawn (0 unless the list is scaled). */
  const [win, setWin] = useState({ start: 0, end: 0, shift: 0 });
  const [active, setActive] = useState(0);
  const frame = useRef(0);
  /** Where the keyboard last put the list exactly (matters only when it is scaled). */
  const pin = useRef<ScrollPin | null>(null);

  const computeWindow = () => {
    const el = scroller.current;
    if (!el) return;
    const physical = el.scrollTop;
    const virtual = virtualTopOf(physical, scale, pin.current);
    if (pin.current && virtual !== pin.current.virtual) pin.current = null;
    const rows = visibleWindow({
      scrollTop: virtual,
      viewportHeight: viewport,
      rowHeight,
      total,
      overscan,
    });
    const next = { start: rows.start, end: rows.end, shift: rowShift(virtual, physical) };
    setWin((cur) =>
      cur.start === next.start && cur.end === next.end && cur.shift === next.shift ? cur : next,
    );
  };

  // Size changes (window resize, zoom) change the row height and how many rows fit.
  useLayoutEffect(() => {
    const el = scroller.current;
    if (!el) return;
    const measure = () =>
      setBox({
        width: el.clientWidth,
        height: el.clientHeight,
        headerHeight: header.current?.offsetHeight ?? 36,
        // Zoom changes the element's size in CSS px, so this is read again when it changes.
        ratio: window.devicePixelRatio,
      });
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(el);
    return () => observer.disconnect();
  }, []);

  useLayoutEffect(computeWindow, [total, rowHeight, viewport, overscan, scale.bodyHeight]);
  useEffect(() => {
    if (win.end > 0 || total === 0) props.onNeedRows(win.start, win.end);
  }, [win.start, win.end, total]);
  useEffect(() => {
    if (active >= total) setActive(clampIndex(active, total));
  }, [total]);
  useEffect(() => () => cancelAnimationFrame(frame.current), []);

  const onScroll = () => {
    cancelAnimationFrame(frame.current);
    frame.current = requestAnimationFrame(computeWindow);
  };

  const onKeyDown = (e: KeyboardEvent) => {
    const step = keyStep(e.key, viewport, rowHeight);
    const el = scroller.current;
    if (step === null || !el || total === 0) return;
    e.preventDefault();
    const next = clampIndex(active + step, total);
    setActive(next);
    const move = scrollForRow(next, el.scrollTop, scale, pin.current, rowHeight);
    if (move) {
      el.scrollTop = move.scrollTop;
      // As the browser stored it: while it stays there, the exact place counts.
      pin.current = { physical: el.scrollTop, virtual: move.virtual };
    }
    computeWindow();
  };

  const rows: ComponentChildren[] = [];
  for (let i = win.start; i < win.end; i++) {
    const row = props.rowAt(i);
    rows.push(
      <div
        key={i}
        id={`${id}-r${i}`}
        role="row"
        aria-rowindex={i + 2}
        class={`vrow ${i === active ? 'active' : ''} ${i % 2 ? 'odd' : ''}`}
        style={{
          transform: `translateY(${i * rowHeight - win.shift}px)`,
          height: `${rowHeight}px`,
        }}
        onMouseDown={() => setActive(i)}
      >
        {row === undefined ? (
          <div role="gridcell" class="vcell loading" aria-colspan={columns.length}>
            Loading…
          </div>
        ) : (
          props.renderCells(row, narrow)
        )}
      </div>,
    );
  }

  const activeRendered = active >= win.start && active < win.end;
  return (
    <div
      ref={scroller}
      class={`vgrid ${narrow ? 'narrow' : 'wide'}`}
      role="grid"
      aria-label={props.label}
      aria-readonly="true"
      aria-rowcount={total + 1}
      aria-colcount={columns.length}
      aria-activedescendant={total > 0 && activeRendered ? `${id}-r${active}` : undefined}
      tabIndex={0}
      onScroll={onScroll}
      onKeyDown={onKeyDown}
    >
      <div ref={header} role="rowgroup" class="vhead">
        <div role="row" aria-rowindex={1} class="vrow-head">
          {columns.map((c) => (
            <div key={c.id} role="columnheader" class={`vcell col-${c.id}`}>
              {c.label}
            </div>
          ))}
        </div>
      </div>
      <div
        role="rowgroup"
        class="vbody"
        // Scaled, the rows drawn past the ends of the view (overscan) could stick out of the
        // body and lengthen the scroll range: clip them.
        style={{
          height: `${scale.bodyHeight}px`,
          overflow: scale.bodyHeight < scale.contentHeight ? 'clip' : undefined,
        }}
      >
        {rows}
      </div>
    </div>
  );
}
