// Which players are watched. Players are known by a stable name: the MPRIS bus name without
// its prefix and without the per-process suffix some players add, so `vlc` and
// `vlc.instance1234` (or `firefox.instance_1_84`) are one entry in the user's settings.
// Browsers are off by default: they play videos, ads and previews that are not listening.

const MPRIS_PREFIX = 'org.mpris.MediaPlayer2.';

/** Proxies that mirror other players; watching them would count every play twice. */
const PROXIES = new Set(['playerctld']);

/** Substrings that mark a browser, across MPRIS names, Windows app ids and macOS bundle ids. */
const BROWSER_MARKERS = [
  'firefox',
  'librewolf',
  'waterfox',
  'floorp',
  'zen-browser',
  'chromium',
  'chrome',
  'brave',
  'vivaldi',
  'opera',
  'msedge',
  'microsoft-edge',
  'microsoftedge',
  'edgemac',
  'epiphany',
  'gnome-web',
  'falkon',
  'qutebrowser',
  'midori',
  'yandex',
  'safari',
  'plasma-browser-integration',
  'webkit',
];

/** The name a player keeps across runs: `org.mpris.MediaPlayer2.vlc.instance42` -> `vlc`. */
export function stablePlayerName(name: string): string {
  let stable = name.startsWith(MPRIS_PREFIX) ? name.slice(MPRIS_PREFIX.length) : name;
  stable = stable.replace(/\.instance(?:_?\d+)+$/i, '').replace(/\.exe$/i, '');
  return stable.toLowerCase();
}

export function isBrowser(stableName: string): boolean {
  const name = stableName.toLowerCase();
  if (name === 'edge' || name.startsWith('edge.')) return true;
  return BROWSER_MARKERS.some((marker) => name.includes(marker));
}

export function isProxy(stableName: string): boolean {
  return PROXIES.has(stableName);
}

export interface PlayerDecision {
  watch: boolean;
  /** Why, in words for the `watch` command and the settings view. */
  reason: string;
}

/**
 * Decides for one player. `settings` maps stable names to the user's on/off choice; players
 * without an entry are on, except browsers (off) and proxies (always ignored).
 */
export function decidePlayer(
  stableName: string,
  settings: Readonly<Record<string, boolean>> = {},
): PlayerDecision {
  if (isProxy(stableName)) {
    return { watch: false, reason: 'mirrors other players (ignored so nothing counts twice)' };
  }
  const choice = settings[stableName];
  if (choice === true) return { watch: true, reason: 'switched on in settings' };
  if (choice === false) return { watch: false, reason: 'switched off in settings' };
  if (isBrowser(stableName)) {
    return { watch: false, reason: 'a browser: off by default, switch it on in settings' };
  }
  return { watch: true, reason: 'on by default' };
}
