import { join } from 'node:path';
import type { TrayStateKind } from './tray-state.js';

// Icon files per tray state, made by scripts/make-tray-icons.mjs: 16x16 plus an @2x 32x32
// that Electron's nativeImage picks up by name on high-density screens.

export const TRAY_STATES: readonly TrayStateKind[] = [
  'idle',
  'sending',
  'paused',
  'offline',
  'attention',
];

export function trayIconPath(assetsDir: string, kind: TrayStateKind): string {
  return join(assetsDir, 'tray', `tray-${kind}.png`);
}
