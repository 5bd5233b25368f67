import type { AccountSummary } from '../../shared/core-events.js';

// The tray menu as plain data, built from a model of the core's state. The Electron glue turns
// each item into a MenuItem and maps its action to a call; what the menu says and when an item
// is enabled is decided here, where a unit test can check it.

export type TrayAction =
  | 'open-queue'
  | 'open-manual'
  | 'open-account'
  | 'send-now'
  | 'pause'
  | 'resume'
  | 'toggle-start-at-login'
  | 'quit';

export interface MenuItemSpec {
  type: 'normal' | 'separator' | 'checkbox';
  label: string;
  enabled: boolean;
  /** Only for checkboxes. */
  checked?: boolean;
  /** What a click does; null for information lines and separators. */
  action: TrayAction | null;
}

export interface TrackLine {
  artist: string;
  track: string;
}

export interface TrayMenuModel {
  /** Unix ms, for "5 min ago". */
  now: number;
  nowPlaying: TrackLine | null;
  /** The newest accepted scrobble; `timestamp` is its play time in unix seconds. */
  lastScrobble: (TrackLine & { timestamp: number }) | null;
  /** trayStatus().summary: tray tooltips are not shown on every Linux desktop. */
  status: string;
  /** What "Send now" would send: queued and retrying scrobbles. */
  sendable: number;
  /** Some target is paused by the user. */
  paused: boolean;
  accounts: readonly AccountSummary[];
  startAtLogin: boolean;
  /**
   * Windows and Linux menus read `&` as a keyboard mnemonic marker, so text that comes from
   * track data must have it doubled there; macOS shows labels as they are.
   */
  escapeMnemonics: boolean;
}

const SEPARATOR: MenuItemSpec = { type: 'separator', label: '', enabled: true, action: null };

export function buildTrayMenu(model: TrayMenuModel): MenuItemSpec[] {
  const text = (s: string) => (model.escapeMnemonics ? s.replaceAll('&', '&&') : s);
  const canSend = model.sendable > 0 && !model.paused;
  return [
    ...playLines(model).map((line) => info(text(line))),
    info(text(model.status)),
    SEPARATOR,
    normal('Open queue…', 'open-queue'),
    normal('Scrobble manually…', 'open-manual'),
    normal(`Send now (${model.sendable} due)`, 'send-now', canSend),
    model.paused ? normal('Resume scrobbling', 'resume') : normal('Pause scrobbling', 'pause'),
    SEPARATOR,
    ...accountItems(model.accounts).map((item) => ({ ...item, label: text(item.label) })),
    {
      type: 'checkbox',
      label: 'Start at login',
      enabled: true,
      checked: model.startAtLogin,
      action: 'toggle-start-at-login',
    },
    SEPARATOR,
    normal('Quit', 'quit'),
  ];
}

/** What plays now (a player, the form) and the newest scrobble the service accepted. */
function playLines(model: TrayMenuModel): string[] {
  const lines: string[] = [];
  if (model.nowPlaying) lines.push(`Now playing: ${trackText(model.nowPlaying)}`);
  if (model.lastScrobble) {
    const ago = timeAgo(model.now - model.lastScrobble.timestamp * 1000);
    lines.push(`Last scrobbled: ${trackText(model.lastScrobble)} (${ago})`);
  }
  if (lines.length === 0) lines.push('No scrobbles yet');
  return lines;
}

function trackText(t: TrackLine): string {
  return `${t.artist} — ${t.track}`;
}

/** The account lines: one per signed-in service, or a single "Sign in…". */
function accountItems(accounts: readonly AccountSummary[]): MenuItemSpec[] {
  const signedIn = accounts.filter((a) => a.user !== null);
  if (signedIn.length === 0) return [normal('Sign in…', 'open-account')];
  // With one account the service goes without saying; with several each line names it.
  const many = signedIn.length > 1;
  return signedIn.map((a) => {
    if (a.needsSignIn) {
      return normal(many ? `Sign in again to ${a.name}…` : 'Sign in again…', 'open-account');
    }
    return normal(
      many ? `Signed in as ${a.user ?? ''} on ${a.name}` : `Signed in as ${a.user ?? ''}`,
      'open-account',
    );
  });
}

/** "just now", "5 min ago", "3 h ago", "2 days ago". */
export function timeAgo(ms: number): string {
  const minutes = Math.floor(Math.max(0, ms) / 60_000);
  if (minutes < 1) return 'just now';
  if (minutes < 60) return `${minutes} min ago`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return `${hours} h ago`;
  const days = Math.floor(hours / 24);
  return days === 1 ? '1 day ago' : `${days} days ago`;
}

function info(label: string): MenuItemSpec {
  return { type: 'normal', label, enabled: false, action: null };
}

function normal(label: string, action: TrayAction, enabled = true): MenuItemSpec {
  return { type: 'normal', label, enabled, action };
}
