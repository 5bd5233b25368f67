import type { AccountSummary } from '../../shared/core-events.js';
import type { ListPage, ListQuery, QueueStats, TargetState } from '../../shared/queue-types.js';
import type { TrayMenuModel } from './tray-menu.js';
import { trayStatus, type TrayActivity, type TrayStatus } from './tray-state.js';

// Reads what the tray shows from the core, and turns it into the tray state and menu model.
// The core is seen through the few members used, so a test can hand in a stand-in.

export interface TrayCoreView {
  queue: {
    stats(target?: string): QueueStats;
    targetState(target: string): TargetState;
    list(query: ListQuery): ListPage;
    /** Targets with rows or state, and the ones new scrobbles go to. */
    targets(): string[];
  };
  accounts: { list(): Promise<AccountSummary[]> };
  nowPlaying: { current(): { artist: string; track: string } | null };
}

export interface TraySnapshot {
  status: TrayStatus;
  menu: TrayMenuModel;
}

export interface SnapshotInputs {
  activity: TrayActivity;
  /** The accounts from the last successful read, used when the keychain cannot answer now. */
  previousAccounts: readonly AccountSummary[];
  startAtLogin: boolean;
  escapeMnemonics: boolean;
  now: number;
}

export async function traySnapshot(
  core: TrayCoreView,
  inputs: SnapshotInputs,
): Promise<TraySnapshot> {
  let accounts: readonly AccountSummary[];
  try {
    accounts = await core.accounts.list();
  } catch {
    // A locked keychain must not blank the account line or flag "not signed in".
    accounts = inputs.previousAccounts;
  }
  const targets = core.queue.targets().map((t) => core.queue.targetState(t));
  const stats = core.queue.stats();
  const status = trayStatus({
    stats,
    targets,
    accounts,
    lastReports: [...inputs.activity.lastReports.values()],
    flushing: inputs.activity.flushing.size > 0,
    now: inputs.now,
  });
  const playing = core.nowPlaying.current();
  const [last] = core.queue.list({ states: ['accepted'], order: 'newest', limit: 1 }).items;
  return {
    status,
    menu: {
      now: inputs.now,
      nowPlaying: playing ? { artist: playing.artist, track: playing.track } : null,
      lastScrobble: last
        ? { artist: last.artist, track: last.track, timestamp: last.timestamp }
        : null,
      status: status.summary,
      sendable: stats.counts.queued + stats.counts.retrying,
      paused: targets.some((t) => t.userPaused),
      accounts,
      startAtLogin: inputs.startAtLogin,
      escapeMnemonics: inputs.escapeMnemonics,
    },
  };
}
