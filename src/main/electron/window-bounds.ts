// Where a window opens: where the user left it, unless that place is gone (a monitor was
// unplugged, the resolution shrank), in which case it comes back onto a screen the user can
// see. Pure geometry over the displays' work areas, so it is tested without Electron.

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface WindowSize {
  width: number;
  height: number;
  minWidth: number;
  minHeight: number;
}

/** A saved rectangle read back from settings, or null when it is not one. */
export function parseBounds(value: unknown): Rect | null {
  if (typeof value !== 'object' || value === null) return null;
  const v = value as Record<string, unknown>;
  const nums = [v.x, v.y, v.width, v.height];
  if (!nums.every((n) => typeof n === 'number' && Number.isFinite(n))) return null;
  const [x, y, width, height] = nums.map((n) => Math.round(n as number)) as [
    number,
    number,
    number,
    number,
  ];
  return width > 0 && height > 0 ? { x, y, width, height } : null;
}

/**
 * The bounds to open a window with. `workAreas` are the displays' work areas, the primary
 * first. A saved window that still mostly sits on a display is kept there, moved and shrunk
 * just enough to fit it whole; otherwise it is centred on the primary display.
 */
export function placeWindow(
  saved: Rect | null,
  workAreas: readonly Rect[],
  size: WindowSize,
): Rect {
  const primary = workAreas[0];
  if (!primary) {
    // No display information (should not happen): the default size at the origin.
    return { x: 0, y: 0, width: size.width, height: size.height };
  }
  if (saved) {
    const home = bestDisplay(saved, workAreas);
    if (home) return fitInside(saved, home, size);
  }
  const width = clamp(saved?.width ?? size.width, size.minWidth, primary.width);
  const height = clamp(saved?.height ?? size.height, size.minHeight, primary.height);
  return {
    x: primary.x + Math.round((primary.width - width) / 2),
    y: primary.y + Math.round((primary.height - height) / 2),
    width,
    height,
  };
}

/** The display the window overlaps most, if it overlaps one enough to be found and grabbed. */
function bestDisplay(win: Rect, workAreas: readonly Rect[]): Rect | null {
  let best: Rect | null = null;
  let bestArea = 0;
  for (const area of workAreas) {
    const overlap = intersection(win, area);
    if (overlap > bestArea) {
      best = area;
      bestArea = overlap;
    }
  }
  // A sliver at a screen's edge does not count: the user could not find the title bar.
  const enough = Math.min(win.width, 100) * Math.min(win.height, 50);
  return bestArea >= enough ? best : null;
}

function fitInside(win: Rect, area: Rect, size: WindowSize): Rect {
  const width = clamp(win.width, size.minWidth, area.width);
  const height = clamp(win.height, size.minHeight, area.height);
  return {
    x: clamp(win.x, area.x, area.x + area.width - width),
    y: clamp(win.y, area.y, area.y + area.height - height),
    width,
    height,
  };
}

function intersection(a: Rect, b: Rect): number {
  const w = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
  const h = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
  return w > 0 && h > 0 ? w * h : 0;
}

/** Clamp to [min, max]; when min > max (a display smaller than the minimum size) max wins. */
function clamp(value: number, min: number, max: number): number {
  return Math.min(Math.max(value, min), max);
}
