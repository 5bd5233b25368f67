import { describe, expect, it } from 'vitest';
import { traySnapshot, type TrayCoreView } from '../../../src/main/electron/tray-facts.js';
import { nextActivity, NO_ACTIVITY } from '../../../src/main/electron/tray-state.js';
import type { AccountSummary } from '../../../src/shared/core-events.js';
import type { ListQuery, StoredScrobble, TargetState } from '../../../src/shared/queue-types.js';
import { account, NOW, stats, target } from './fixtures.js';

/** A core stand-in holding plain facts, recording the list query the tray makes. */
function core(opts: {
  accounts?: AccountSummary[] | Error;
  targets?: TargetState[];
  storeTargets?: string[];
  last?: Partial<StoredScrobble>;
  playing?: { artist: string; track: string };
}) {
  const queries: ListQuery[] = [];
  const states = new Map((opts.targets ?? [target()]).map((t) => [t.target, t]));
  const view: TrayCoreView = {
    queue: {
      stats: () => stats({ queued: 2, retrying: 1, failed: 0, accepted: 10 }),
      targetState: (t) => states.get(t) ?? target({ target: t }),
      list: (q) => {
        queries.push(q);
        const items = opts.last ? [opts.last as StoredScrobble] : [];
        return { items, nextCursor: null, total: items.length };
      },
      // Targets with rows, and the one new scrobbles go to.
      targets: () => [...new Set([...(opts.storeTargets ?? ['lastfm']), 'lastfm'])],
    },
    accounts: {
      list: async () => {
        if (opts.accounts instanceof Error) throw opts.accounts;
        return opts.accounts ?? [account()];
      },
    },
    nowPlaying: { current: () => opts.playing ?? null },
  };
  return { view, queries };
}

const inputs = {
  activity: NO_ACTIVITY,
  previousAccounts: [],
  startAtLogin: true,
  escapeMnemonics: false,
  now: NOW,
};

describe('tray snapshot from the core', () => {
  it('builds the status and the menu model from one read of the core', async () => {
    const c = core({ last: { artist: 'Low', track: 'Words', timestamp: NOW / 1000 - 60 } });
    const activity = nextActivity(NO_ACTIVITY, { type: 'flush-started', target: 'lastfm', due: 3 });
    const snap = await traySnapshot(c.view, { ...inputs, activity });
    expect(snap.status.kind).toBe('sending');
    expect(snap.status.tooltip).toBe('Scrobbletray — 3 waiting, sending…');
    expect(snap.menu).toMatchObject({
      status: '3 waiting, sending…',
      sendable: 3,
      paused: false,
      startAtLogin: true,
      nowPlaying: null,
      lastScrobble: { artist: 'Low', track: 'Words', timestamp: NOW / 1000 - 60 },
    });
    expect(c.queries).toEqual([{ states: ['accepted'], order: 'newest', limit: 1 }]);
  });

  it('reads the state of every target: with rows, and the ones new scrobbles go to', async () => {
    const c = core({
      storeTargets: ['librefm'],
      targets: [target({ target: 'librefm', userPaused: true })],
    });
    const snap = await traySnapshot(c.view, inputs);
    expect(snap.status.kind).toBe('paused');
    expect(snap.menu.paused).toBe(true);
  });

  it('shows what a source reported as playing now', async () => {
    const snap = await traySnapshot(
      core({ playing: { artist: 'Low', track: 'Lullaby' } }).view,
      inputs,
    );
    expect(snap.menu.nowPlaying).toEqual({ artist: 'Low', track: 'Lullaby' });
  });

  it('keeps the last known accounts when the keychain cannot answer', async () => {
    const known = [account({ user: 'rj' })];
    const snap = await traySnapshot(core({ accounts: new Error('locked') }).view, {
      ...inputs,
      previousAccounts: known,
    });
    expect(snap.menu.accounts).toBe(known);
    expect(snap.status.attention).not.toContain('not-signed-in');
  });
});
