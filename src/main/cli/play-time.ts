import { UsageError } from './io.js';

/**
 * When a play started, from --at: "now" (the default), unix seconds, an ISO 8601 date-time
 * ("2026-11-22T14:05:00Z", or without a zone for local time), or "N minutes|hours ago".
 */
export function parsePlayTime(value: string | undefined, nowMs: number): number {
  const now = Math.floor(nowMs / 1000);
  if (value === undefined || value.trim().toLowerCase() === 'now') return now;
  const v = value.trim();
  if (/^\d{9,11}$/.test(v)) return Number(v);
  const ago = /^(\d+)\s*(m|min|mins|minutes?|h|hours?|d|days?)\s+ago$/i.exec(v);
  if (ago) {
    const unit = (ago[2] ?? 'm').toLowerCase()[0];
    return now - Number(ago[1]) * (unit === 'm' ? 60 : unit === 'h' ? 3600 : 86400);
  }
  if (/^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/.test(v)) {
    const ms = Date.parse(v.replace(' ', 'T'));
    if (Number.isFinite(ms)) return Math.floor(ms / 1000);
  }
  throw new UsageError(
    `--at "${value}" is not a time: use now, unix seconds (1763820000), ISO 8601 (2026-11-22T14:05:00Z) or "20 minutes ago"`,
  );
}
