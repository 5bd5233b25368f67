import type { Core } from '../core.js';
import { ScrobbleValidationError } from '../queue/queue-service.js';
import type { FlushReport } from '../queue/delivery/sender.js';
import type { StoredScrobble } from '../queue/types.js';
import { SCROBBLE_STATES, type ScrobbleState } from '../../shared/scrobble-state.js';
import type { ScrobbleItem } from '../../shared/track.js';
import { oneOf, parseCommandArgs, positiveInt } from './args.js';
import { AT_FORMS, type CliCommand, type CommandResult } from './commands.js';
import { withCore } from './core-session.js';
import { fieldsFromLink } from './scrobble-link.js';
import { CliFailure, UsageError } from './io.js';
import { parsePlayTime } from './play-time.js';
import { formatWhen } from './time-format.js';

const TRACK_OPTIONS = {
  artist: { type: 'string' },
  track: { type: 'string' },
  album: { type: 'string' },
  'album-artist': { type: 'string' },
  duration: { type: 'string' },
  'track-number': { type: 'string' },
  mbid: { type: 'string' },
} as const;

type TrackValues = Partial<Record<keyof typeof TRACK_OPTIONS, string>>;

/** CLI values to a scrobble input; validation proper happens in the core (shared rules). */
function trackInput(values: TrackValues): Record<string, unknown> {
  const input: Record<string, unknown> = {};
  if (values.artist !== undefined) input.artist = values.artist;
  if (values.track !== undefined) input.track = values.track;
  if (values.album !== undefined) input.album = values.album;
  if (values['album-artist'] !== undefined) input.albumArtist = values['album-artist'];
  if (values.duration !== undefined) input.duration = numberOption('duration', values.duration);
  if (values['track-number'] !== undefined)
    input.trackNumber = numberOption('track-number', values['track-number']);
  if (values.mbid !== undefined) input.mbid = values.mbid;
  return input;
}

function numberOption(name: string, value: string): number {
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n))
    throw new UsageError(`--${name} must be a number (got "${value}")`);
  return n;
}

function requireArtistAndTrack(values: TrackValues): void {
  const missing = (['artist', 'track'] as const).filter((k) => values[k] === undefined);
  if (missing.length) throw new UsageError(`missing ${missing.map((m) => `--${m}`).join(' and ')}`);
}

/** The option a user types for each scrobble field, so a problem names what to change. */
const OPTION_FOR_FIELD: Readonly<Record<string, string>> = {
  artist: '--artist',
  track: '--track',
  album: '--album',
  albumArtist: '--album-artist',
  duration: '--duration',
  trackNumber: '--track-number',
  mbid: '--mbid',
  timestamp: '--at',
};

/** Runs `fn`; the shared rules' problems become a failure (exit 1) naming the options. */
function checked<T>(fn: () => T, outcome: string): T {
  try {
    return fn();
  } catch (error) {
    if (!(error instanceof ScrobbleValidationError)) throw error;
    // The CLI queues one play at a time, so `items.0.` says nothing to its user.
    const lines = error.problems.map((p) => {
      const field = p.field.replace(/^items\.\d+\./, '');
      return `${OPTION_FOR_FIELD[field] ?? field}: ${p.message}`;
    });
    throw new CliFailure([...lines, outcome].join('\n'));
  }
}

export const scrobbleCommand: CliCommand = {
  name: 'scrobble',
  usage:
    'scrobbletray scrobble (--artist A --track T | --url URL) [--album B] [--album-artist C] [--duration SEC] [--track-number N] [--at WHEN]',
  summary: 'Queue a scrobble, then try to send it. Exit 1 if the service ignored it. ' + AT_FORMS,
  async run(args, ctx) {
    const { values } = parseCommandArgs(args, {
      ...TRACK_OPTIONS,
      at: { type: 'string' },
      // A SoundCloud or YouTube link fills artist, track, album and duration; options override.
      url: { type: 'string' },
    });
    if (values.url === undefined) requireArtistAndTrack(values);
    const typed = { ...trackInput(values), timestamp: parsePlayTime(values.at, Date.now()) };
    return withCore(ctx.io, async (core) => {
      const link = values.url === undefined ? null : await fieldsFromLink(core, values.url);
      const input = { ...link?.input, ...typed };
      const stored = checked(() => core.queue.enqueue([input], 'cli'), 'Nothing was queued.');
      const reports = await core.queue.flush();
      const rows = stored.map((s) => core.queue.get(s.id) ?? s);
      const bad = rows.some((r) => r.state === 'ignored' || r.state === 'failed');
      return {
        data: { scrobbles: rows, flush: reports },
        human: [link?.line, ...rows.map((r) => describeRow(r, core, ctx.utc === true))]
          .filter(Boolean)
          .join('\n'),
        exitCode: bad ? 1 : 0,
      };
    });
  },
};

export const nowPlayingCommand: CliCommand = {
  name: 'now-playing',
  usage:
    'scrobbletray now-playing --artist A --track T [--album B] [--album-artist C] [--duration SEC]',
  summary: 'Tell the service what is playing now (best effort; never queued or retried).',
  async run(args, ctx) {
    const { values } = parseCommandArgs(args, TRACK_OPTIONS);
    requireArtistAndTrack(values);
    return withCore(ctx.io, async (core) => {
      // The same rules as a scrobble, with "now" as its time.
      const track = checked(
        () => core.queue.validateTrack(trackInput(values)),
        'Nothing was sent.',
      );
      const results = await core.queue.nowPlaying(track);
      const failed = results.filter((r) => !r.ok);
      // Nothing reached any service: a failure like any other (stderr, exit 1).
      if (failed.length === results.length) {
        throw new CliFailure(
          [
            'Now playing was not sent (it is never queued or retried):',
            ...failed.map((r) => `${r.target}: ${r.error ?? 'failed'}`),
          ].join('\n'),
        );
      }
      return {
        data: { results },
        human: results
          .map((r) => (r.ok ? `Now playing sent to ${r.target}.` : `${r.target}: ${r.error}`))
          .join('\n'),
      };
    });
  },
};

export const queueCommand: CliCommand = {
  name: 'queue',
  usage: 'scrobbletray queue [--state queued|retrying|failed|accepted|ignored|all] [--limit N]',
  summary: 'List scrobbles: by default everything not yet accepted, oldest first.',
  async run(args, ctx) {
    const { values } = parseCommandArgs(args, {
      state: { type: 'string' },
      limit: { type: 'string' },
    });
    const state = oneOf(
      'state',
      values.state,
      [...SCROBBLE_STATES, 'all', 'pending'] as const,
      'pending',
    );
    const states: ScrobbleState[] | undefined =
      state === 'all'
        ? undefined
        : state === 'pending'
          ? ['queued', 'sending', 'retrying', 'failed', 'ignored']
          : [state];
    const limit = positiveInt('limit', values.limit) ?? 50;
    return withCore(ctx.io, async (core) => {
      const page = core.queue.list({
        states,
        limit: Math.min(limit, 1000),
        order: state === 'accepted' || state === 'all' ? 'newest' : 'oldest',
      });
      const stats = core.queue.stats();
      const human =
        page.items.length === 0
          ? state === 'pending'
            ? 'The queue is empty: everything has been sent.'
            : `No ${state === 'all' ? '' : `${state} `}scrobbles.`
          : [
              ...page.items.map((r) => describeRow(r, core, ctx.utc === true)),
              page.total > page.items.length
                ? `… ${page.total - page.items.length} more (use --limit)`
                : '',
            ]
              .filter(Boolean)
              .join('\n');
      return { data: { items: page.items, total: page.total, counts: stats.counts }, human };
    });
  },
};

export const retryCommand: CliCommand = {
  name: 'retry',
  usage: 'scrobbletray retry [ID ... | --all]',
  summary: 'Queue failed or ignored scrobbles again (--all: every failed one), then try to send.',
  async run(args, ctx) {
    const { values, positionals } = parseCommandArgs(args, { all: { type: 'boolean' } }, true);
    if (!values.all && positionals.length === 0)
      throw new UsageError('give scrobble IDs, or --all');
    if (values.all && positionals.length > 0) throw new UsageError('give IDs or --all, not both');
    const ids = values.all ? 'all-failed' : parseIds(positionals);
    return withCore(ctx.io, async (core) => {
      const targets = retryTargets(core, ids);
      const count = core.queue.retry(ids);
      // Asking to retry is asking to send now: an outage wait is lifted for these services
      // (rate limits and the daily cap still hold), as `flush` does.
      const reports: FlushReport[] = [];
      if (count > 0) for (const t of targets) reports.push(...(await core.queue.sendNow(t)));
      const refused = reports.some((r) => r.failed + r.ignored > 0);
      const stuck = reports.some((r) => r.stoppedBecause !== 'done' && r.stoppedBecause !== 'busy');
      const plural = count === 1 ? '' : 's';
      const head =
        count === 0
          ? 'Nothing to retry: those scrobbles are already waiting to be sent.'
          : stuck
            ? `Queued ${count} scrobble${plural} again, but they could not be sent yet:`
            : `Queued ${count} scrobble${plural} again.`;
      return {
        data: { requeued: count, flush: reports },
        human: [head, ...reports.map((r) => describeReport(r, ctx.utc === true))].join('\n'),
        exitCode: refused || stuck ? 1 : 0,
      };
    });
  },
};

/** The services the rows to retry belong to (every one with failed rows for --all). */
function retryTargets(core: Core, ids: number[] | 'all-failed'): string[] {
  if (ids === 'all-failed') {
    return core.queue
      .list({ states: ['failed'], limit: 1000 })
      .items.map((r) => r.target)
      .filter((t, i, all) => all.indexOf(t) === i);
  }
  const targets = ids.map((id) => core.queue.get(id)?.target);
  return targets.filter((t, i): t is string => t !== undefined && targets.indexOf(t) === i);
}

export const editCommand: CliCommand = {
  name: 'edit',
  usage:
    'scrobbletray edit ID [--artist A] [--track T] [--album B] [--album-artist C] [--duration SEC] [--at WHEN]',
  summary:
    'Change a queued, failed or ignored scrobble; it is checked again, queued and sent. ' +
    AT_FORMS,
  async run(args, ctx) {
    const { values, positionals } = parseCommandArgs(
      args,
      { ...TRACK_OPTIONS, at: { type: 'string' } },
      true,
    );
    const [id, ...extra] = parseIds(positionals);
    if (id === undefined || extra.length > 0) throw new UsageError('give exactly one scrobble ID');
    const patch: Partial<ScrobbleItem> = trackInput(values);
    if (values.at !== undefined) patch.timestamp = parsePlayTime(values.at, Date.now());
    if (Object.keys(patch).length === 0)
      throw new UsageError('nothing to change: give at least one option');
    return withCore(ctx.io, async (core) => {
      const updated = checked(() => core.queue.edit(id, patch), 'The scrobble was not changed.');
      await core.queue.flush(updated.target);
      const row = core.queue.get(id) ?? updated;
      return {
        data: { scrobble: row },
        human: describeRow(row, core, ctx.utc === true),
        exitCode: row.state === 'ignored' || row.state === 'failed' ? 1 : 0,
      };
    });
  },
};

export const removeCommand: CliCommand = {
  name: 'remove',
  usage: 'scrobbletray remove ID ...',
  summary: 'Delete scrobbles from the queue or history (not from the service).',
  async run(args, ctx) {
    const { positionals } = parseCommandArgs(args, {}, true);
    if (positionals.length === 0) throw new UsageError('give the IDs to remove');
    const ids = parseIds(positionals);
    return withCore(ctx.io, async (core) => {
      const removed = core.queue.remove(ids);
      return {
        data: { removed },
        human: `Removed ${removed} scrobble${removed === 1 ? '' : 's'}.`,
      };
    });
  },
};

export const flushCommand: CliCommand = {
  name: 'flush',
  usage: 'scrobbletray flush',
  summary:
    'Send everything waiting now, including scrobbles waiting to retry after an outage (rate limits and the daily cap still hold); wait and report the counts.',
  async run(args, ctx): Promise<CommandResult> {
    parseCommandArgs(args, {});
    return withCore(ctx.io, async (core) => {
      // Asking is the user's "send now": an outage wait is lifted, as the tray's Send now does.
      const reports = await core.queue.sendNow();
      const stats = core.queue.stats();
      const left = stats.counts.queued + stats.counts.retrying + stats.counts.sending;
      const human =
        reports.length === 0
          ? 'Nothing to send.'
          : [
              ...reports.map((r) => describeReport(r, ctx.utc === true)),
              left > 0 ? `${left} still waiting.` : 'The queue is empty.',
            ].join('\n');
      const stuck = reports.some((r) => r.stoppedBecause !== 'done' && r.stoppedBecause !== 'busy');
      return { data: { reports, counts: stats.counts }, human, exitCode: stuck ? 1 : 0 };
    });
  },
};

function parseIds(values: readonly string[]): number[] {
  return values.map((v) => {
    if (!/^\d+$/.test(v))
      throw new UsageError(
        `"${v}" is not a scrobble ID (IDs are the numbers \`scrobbletray queue\` shows)`,
      );
    return Number(v);
  });
}

/** Stops after which sending resumes by itself at nextAttemptAt. */
const TIMED_STOPS: ReadonlySet<FlushReport['stoppedBecause']> = new Set([
  'unreachable',
  'rate-limited',
  'daily-cap',
]);

function describeReport(r: FlushReport, utc: boolean): string {
  const counts = `${r.accepted} accepted, ${r.ignored} ignored, ${r.failed} failed`;
  if (r.stoppedBecause === 'done') return `${r.target}: ${counts}.`;
  const why = (r.detail ?? r.stoppedBecause).replace(/\.$/, '');
  let next = '';
  if (r.stoppedBecause === 'needs-auth' && !why.includes('scrobbletray login'))
    next = ` Run \`scrobbletray login --service ${r.target}\`.`;
  else if (TIMED_STOPS.has(r.stoppedBecause) && r.nextAttemptAt !== null) {
    const at = formatWhen(r.nextAttemptAt, utc);
    if (!why.includes(at)) next = ` Next try ${at}.`;
  }
  return `${r.target}: ${counts}; stopped: ${why}.${next}`;
}

const PAUSE_WORDS: Readonly<Record<string, string>> = {
  unreachable: 'the service did not answer',
  'rate-limited': 'the service asked us to slow down',
  'daily-cap': "the service's daily scrobble limit was reached",
  'client-blocked':
    'the service has blocked this version of Scrobbletray; update it, then run `scrobbletray flush`',
};

/** Why a queued scrobble is not being sent, if something holds its target. */
function queuedHold(r: StoredScrobble, core: Core, utc: boolean): string | null {
  const state = core.queue.targetState(r.target);
  if (state.needsAuth || core.accounts.signedInUser(r.target) === null)
    return `waiting for sign-in (scrobbletray login --service ${r.target})`;
  if (state.userPaused) return 'sending is paused';
  if (state.pausedUntil !== null && state.pausedUntil > Date.now()) {
    const why = PAUSE_WORDS[state.pauseReason ?? ''] ?? 'backing off';
    return `waiting until ${formatWhen(state.pausedUntil, utc)} (${why})`;
  }
  return null;
}

function describeRow(r: StoredScrobble, core: Core, utc: boolean): string {
  const when = formatWhen(r.timestamp * 1000, utc);
  const head = `#${r.id} ${r.state.padEnd(8)} ${when}  ${r.artist} – ${r.track}`;
  switch (r.state) {
    case 'accepted': {
      const c = r.corrected;
      const fixed = c && (c.artist || c.track || c.album || c.albumArtist);
      return fixed && r.recorded
        ? `${head}  (recorded as ${r.recorded.artist} – ${r.recorded.track})`
        : head;
    }
    case 'ignored':
    case 'failed':
      return `${head}  ${r.reason ?? ''}`;
    case 'retrying':
      return `${head}  attempt ${r.attempts} failed: ${r.lastError ?? ''}; next try ${r.nextAttemptAt ? formatWhen(r.nextAttemptAt, utc) : 'soon'}`;
    case 'queued': {
      const hold = queuedHold(r, core, utc);
      return hold ? `${head}  ${hold}` : head;
    }
    default:
      return head;
  }
}
