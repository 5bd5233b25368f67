import type { ScrobbleTarget } from '../targets/target.js';
import { InvalidInputError, NotFoundError } from '../../shared/errors.js';
import { EDITABLE_STATES, type ScrobbleState } from '../../shared/scrobble-state.js';
import { emptyFlushReport } from '../../shared/core-events.js';
import type { EnqueueOutcome, ServiceRefusal } from '../../shared/queue-types.js';
import type { ImportRemoval, ImportSummary } from '../../shared/import-types.js';
import type { ScrobbleItem, TrackInfo } from '../../shared/track.js';
import {
  validateScrobble,
  type FieldProblem,
  type ScrobbleRules,
} from '../../shared/validation.js';
import type { BackoffPolicy } from './delivery/backoff.js';
import { asReplacement } from './storage/edit.js';
import { itemOf } from './item-of.js';
import { Scheduler } from './delivery/scheduler.js';
import { Sender, type FlushReport, type SenderEvent } from './delivery/sender.js';
import type {
  ImportRecord,
  ListPage,
  ListQuery,
  PlayRows,
  PlayToQueue,
  ScrobbleStore,
  StoredScrobble,
  TargetState,
} from './storage/store.js';

// The queue as the fronts see it: validated entry, listing, editing, retrying and sending,
// over the store and one sender per target.

export class ScrobbleValidationError extends Error {
  override readonly name = 'ScrobbleValidationError';
  readonly kind = 'invalid-input';
  readonly problems: FieldProblem[];
  constructor(problems: FieldProblem[]) {
    super(problems.map((p) => `${p.field}: ${p.message}`).join('\n'));
    this.problems = problems;
  }
}

export interface QueueServiceOptions {
  store: ScrobbleStore;
  /** Targets new scrobbles go to (the signed-in services; Last.fm when none is). */
  targetsForNew: () => string[];
  /** The adapter for a target; may need the keychain, hence async. */
  targetFor: (targetId: string) => Promise<ScrobbleTarget>;
  /** Oldest play a target accepts, in days, known without building its adapter. */
  maxAgeDaysFor: (targetId: string) => number | undefined;
  /**
   * Whether a target can still be sent to: false for a self-hosted server the user removed,
   * whose scrobbles stay in the history but can never be sent. Default: every target.
   */
  isKnownTarget?: (targetId: string) => boolean;
  now?: () => number;
  backoff?: BackoffPolicy;
  onEvent?: (event: SenderEvent) => void;
  /** Failures of automatic sending, which no caller is waiting to hear about. */
  log?: (line: string) => void;
}

export interface EnqueueEachOptions {
  /** Services to queue for: some of the ones new scrobbles go to (default: all of them). */
  targets?: readonly string[];
  /** Per input, its play identity (importers): a service that already has it gets nothing. */
  playIds?: readonly (string | undefined)[];
  /** The import the plays come from (see ScrobbleStore.beginImport). */
  importId?: string;
}

/** Fields to change in a scrobble, as any front sends them; validated by edit(). */
export type EditPatch = Readonly<Record<string, unknown>>;

/** Fields an edit cannot clear (null there is a validation error, not "remove"). */
const REQUIRED_FIELDS: ReadonlySet<string> = new Set(['artist', 'track', 'timestamp']);

export interface NowPlayingResult {
  target: string;
  ok: boolean;
  error?: string;
}

export class QueueService {
  readonly #opts: QueueServiceOptions;
  readonly #now: () => number;
  readonly #senders = new Map<string, Promise<Sender>>();
  readonly #schedulers = new Map<string, Scheduler>();
  #autoSend = false;

  constructor(opts: QueueServiceOptions) {
    this.#opts = opts;
    this.#now = opts.now ?? Date.now;
  }

  /**
   * Validate and queue scrobbles for every target; all or nothing. Problems name the item
   * (`items.3.track`) however many there are, so a front can place them the same way always.
   */
  enqueue(inputs: readonly unknown[], source: string): StoredScrobble[] {
    const targets = this.#opts.targetsForNew();
    const items = this.#validateAll(inputs, targets, true);
    const stored = this.#opts.store.enqueueForTargets(targets, items, source).flat();
    this.#emitChanged(targets);
    for (const target of targets) this.#wake(target);
    return stored;
  }

  /**
   * Validate and queue each play on its own (players, importers): the valid ones are queued in
   * one transaction, and every play gets its outcome, its rows or its problems. Each play goes
   * to every service whose rules it meets: one too old for Last.fm is still queued for a
   * service that takes any age, and the outcome names who took it and why the others did not.
   */
  enqueueEach(
    inputs: readonly unknown[],
    source: string,
    options: EnqueueEachOptions = {},
  ): EnqueueOutcome[] {
    const targets = this.#chosenTargets(options.targets);
    const nowSec = Math.floor(this.#now() / 1000);
    const limits = targets.map((target) => ({ target, days: this.#opts.maxAgeDaysFor(target) }));
    const outcomes: EnqueueOutcome[] = [];
    const plays: { index: number; play: PlayToQueue }[] = [];
    inputs.forEach((input, index) => {
      // The shape and the future once; the age per service below.
      const result = validateScrobble(input, { nowSec });
      if (!result.ok) {
        outcomes[index] = { ok: false, problems: result.problems };
        return;
      }
      const item = result.value;
      const taking: string[] = [];
      const refused: ServiceRefusal[] = [];
      for (const { target, days } of limits) {
        if (days === undefined || item.timestamp >= nowSec - days * 86400) taking.push(target);
        else {
          const problems = validateScrobble(item, { nowSec, maxAgeDays: days });
          refused.push({ target, problems: problems.ok ? [] : problems.problems });
        }
      }
      if (taking.length === 0) {
        outcomes[index] = { ok: false, problems: refused[0]?.problems ?? [], refused };
        return;
      }
      outcomes[index] = { ok: true, ids: [], targets: [], alreadyThere: [], refused };
      const playId = options.playIds?.[index];
      plays.push({
        index,
        play: playId === undefined ? { item, targets: taking } : { item, targets: taking, playId },
      });
    });
    if (plays.length === 0) return outcomes;
    const stored = this.#opts.store.enqueuePlays(
      plays.map((p) => p.play),
      source,
      options.importId,
    );
    const touched = new Set<string>();
    plays.forEach(({ index }, k) => {
      const result = stored[k] as PlayRows;
      const outcome = outcomes[index];
      if (!outcome?.ok) return;
      outcome.ids = result.rows.map((r) => r.id);
      outcome.targets = result.rows.map((r) => r.target);
      outcome.alreadyThere = result.alreadyThere;
      for (const r of result.rows) touched.add(r.target);
    });
    this.#emitChanged([...touched]);
    for (const target of touched) this.#wake(target);
    return outcomes;
  }

  /** Check one scrobble against the rules of every target it would go to. */
  validate(input: unknown): ScrobbleItem {
    const [item] = this.#validateAll([input], this.#opts.targetsForNew(), false);
    if (!item)
      throw new ScrobbleValidationError([{ field: '(input)', message: 'Nothing to scrobble.' }]);
    return item;
  }

  /** Check a now-playing track (a scrobble without its time). */
  validateTrack(input: Record<string, unknown>): TrackInfo {
    const { timestamp: _t, ...track } = this.validate({
      ...input,
      timestamp: Math.floor(this.#now() / 1000),
    });
    return track;
  }

  list(query: ListQuery): ListPage {
    return this.#opts.store.list(query);
  }

  get(id: number): StoredScrobble | undefined {
    return this.#opts.store.get(id);
  }

  /**
   * Change a queued, retrying, failed or ignored scrobble; it is validated again and queued.
   * A blank text field or `null` clears an optional field (JSON transports have no undefined).
   */
  edit(id: number, patch: EditPatch): StoredScrobble {
    const row = this.#opts.store.get(id);
    if (!row) throw new NotFoundError(`No scrobble with id ${id}.`);
    this.#refuseRemovedTargets([row]);
    if (!EDITABLE_STATES.includes(row.state)) {
      throw new RangeError(
        `Scrobble ${id} is ${row.state}; only queued, retrying, failed or ignored scrobbles can be edited.`,
      );
    }
    const merged = Object.fromEntries(
      Object.entries({ ...itemOf(row), ...patch }).filter(
        ([key, value]) => value !== null || REQUIRED_FIELDS.has(key),
      ),
    );
    const result = validateScrobble(merged, this.#rules(row.target));
    if (!result.ok) throw new ScrobbleValidationError(result.problems);
    // The validated item replaces the stored one whole: validation drops a blanked optional
    // field, and a plain patch would then keep the old value instead of clearing it.
    const updated = this.#opts.store.edit(id, asReplacement(result.value));
    this.#emitChanged([row.target]);
    this.#wake(row.target);
    return updated;
  }

  remove(ids: readonly number[]): number {
    // Read the targets first: removing a target's last row takes it out of the known ones,
    // and its window must still hear that its list changed.
    const targets = new Set(this.#knownTargets());
    for (const id of ids) {
      const target = this.#opts.store.get(id)?.target;
      if (target) targets.add(target);
    }
    const removed = this.#opts.store.remove(ids);
    this.#emitChanged([...targets]);
    return removed;
  }

  retry(ids: readonly number[] | 'all-failed'): number {
    if (ids === 'all-failed') {
      // Failed scrobbles of a removed server stay failed: there is nowhere to send them.
      const gone = this.#knownTargets().filter((t) => !this.#isKnownTarget(t));
      const count = this.#opts.store.retryAllFailed(gone);
      this.#emitChanged(this.#knownTargets());
      for (const s of this.#schedulers.values()) s.kick();
      return count;
    }
    this.#refuseRemovedTargets(ids.map((id) => this.#opts.store.get(id)));
    const count = this.#opts.store.retry(ids);
    this.#emitChanged(this.#knownTargets());
    for (const s of this.#schedulers.values()) s.kick();
    return count;
  }

  /** An import starts (or runs again): its record, under which its plays are queued. */
  beginImport(record: ImportRecord): void {
    this.#opts.store.beginImport(record);
  }

  /** What the import's last run did, for the list of imports. */
  setImportCounts(id: string, counts: object): void {
    this.#opts.store.setImportCounts(id, counts);
  }

  listImports(): ImportSummary[] {
    return this.#opts.store.listImports();
  }

  importSummary(id: string): ImportSummary | undefined {
    return this.#opts.store.importSummary(id);
  }

  /** Removes an import's unsent rows as one unit; sent ones stay (see ScrobbleStore). */
  removeImport(id: string): ImportRemoval {
    const targets = new Set(this.#opts.store.importSummary(id)?.rows.map((r) => r.target));
    const removal = this.#opts.store.removeImport(id);
    this.#emitChanged([...targets]);
    return removal;
  }

  /** Send everything due now, target by target. */
  async flush(target?: string): Promise<FlushReport[]> {
    const targets = target ? [target] : this.#pendingTargets();
    // Side by side: one service's pace (or outage) never holds up another's flush.
    return Promise.all(
      targets.map(async (t) => {
        let sender: Sender;
        try {
          sender = await this.#sender(t);
        } catch (error) {
          // No API credentials or no keychain: nothing can be sent, nothing is lost.
          return unsendable(t, error, this.#opts.store.stats(t).nextDueAt);
        }
        return sender.flush();
      }),
    );
  }

  /**
   * "Send now": the user says the service is back (or that the app was updated after a
   * service blocked it). Lift an outage or block pause and make retrying scrobbles due at
   * once (rate limits and the daily cap still hold), then flush.
   */
  async sendNow(target?: string): Promise<FlushReport[]> {
    for (const t of target ? [target] : this.#allTargets()) {
      const state = this.#opts.store.targetState(t);
      if (state.pauseReason === 'unreachable' || state.pauseReason === 'client-blocked') {
        this.#opts.store.setTargetState(t, { pausedUntil: null, pauseReason: null });
      }
      this.#opts.store.makeRetryingDue(t);
    }
    return this.flush(target);
  }

  pause(target?: string): void {
    if (target) this.#requireTarget(target);
    // Every target, including ones with nothing queued yet: a pause must hold for what the
    // user queues next, not only for what is already there.
    for (const t of target ? [target] : this.#allTargets()) {
      this.#opts.store.setTargetState(t, { userPaused: true });
    }
    this.#emitChanged(this.#knownTargets());
  }

  resume(target?: string): void {
    if (target) this.#requireTarget(target);
    for (const t of target ? [target] : this.#allTargets()) {
      this.#opts.store.setTargetState(t, {
        userPaused: false,
        pausedUntil: null,
        pauseReason: null,
      });
      this.#schedulers.get(t)?.kick();
    }
    this.#emitChanged(this.#knownTargets());
  }

  /** The user signed in again: clear "needs sign-in" and send what waited. */
  resumeAfterSignIn(target: string): void {
    this.#opts.store.setTargetState(target, { needsAuth: false });
    this.#emitChanged([target]);
    this.#wake(target);
  }

  stats(target?: string) {
    return this.#opts.store.stats(target);
  }

  targetState(target: string): TargetState {
    return this.#opts.store.targetState(target);
  }

  /** Autocomplete from the user's own history (see ScrobbleStore.suggest). */
  suggest(
    field: 'artist' | 'track' | 'album' | 'albumArtist',
    prefix: string,
    limit: number,
    artist?: string,
  ): string[] {
    return this.#opts.store.suggest(field, prefix, limit, artist);
  }

  /** Targets with rows or state, and the ones new scrobbles would go to. */
  targets(): string[] {
    return this.#allTargets();
  }

  /**
   * Best effort: never queued, never retried. Through the target's sender, so it keeps to the
   * service's pace and never takes the requests a backlog needs (it is dropped instead).
   */
  async nowPlaying(track: TrackInfo): Promise<NowPlayingResult[]> {
    const results: NowPlayingResult[] = [];
    for (const target of this.#opts.targetsForNew()) {
      try {
        await (await this.#sender(target)).nowPlaying(track);
        results.push({ target, ok: true });
      } catch (error) {
        results.push({
          target,
          ok: false,
          error: error instanceof Error ? error.message : String(error),
        });
      }
    }
    return results;
  }

  /** Long-running processes: keep every target sending by itself. */
  startAutoSend(): void {
    this.#autoSend = true;
    for (const target of this.#allTargets()) {
      this.#scheduler(target).catch(() => undefined);
    }
  }

  /** A server was removed: drop its sender and scheduler, so nothing more goes to it. */
  forgetTarget(target: string): void {
    this.#schedulers.get(target)?.stop();
    this.#schedulers.delete(target);
    this.#senders.delete(target);
  }

  stopAutoSend(): void {
    this.#autoSend = false;
    for (const s of this.#schedulers.values()) s.stop();
    this.#schedulers.clear();
  }

  #validateAll(inputs: readonly unknown[], targets: string[], perItem: boolean): ScrobbleItem[] {
    if (inputs.length === 0)
      throw new ScrobbleValidationError([{ field: '(input)', message: 'Nothing to scrobble.' }]);
    const rules = this.#rulesForNew(targets);
    const problems: FieldProblem[] = [];
    const items: ScrobbleItem[] = [];
    inputs.forEach((input, i) => {
      const result = validateScrobble(input, rules);
      if (result.ok) items.push(result.value);
      else {
        const prefix = perItem ? `items.${i}.` : '';
        problems.push(...result.problems.map((p) => ({ ...p, field: prefix + p.field })));
      }
    });
    if (problems.length > 0) throw new ScrobbleValidationError(problems);
    return items;
  }

  /** The services asked for, refusing any that new scrobbles do not go to (not signed in). */
  #chosenTargets(asked: readonly string[] | undefined): string[] {
    const all = this.#opts.targetsForNew();
    if (asked === undefined) return all;
    const unknown = asked.filter((t) => !all.includes(t));
    if (unknown.length > 0) {
      throw new InvalidInputError(
        `Not signed in to ${unknown.join(', ')}: sign in first, or choose among ${all.join(', ')}.`,
      );
    }
    return [...new Set(asked)];
  }

  /** A new play goes to every target: the strictest age limit among them holds. */
  #rulesForNew(targets: readonly string[]): ScrobbleRules {
    const strictest = targets.reduce<number | undefined>((days, t) => {
      const d = this.#opts.maxAgeDaysFor(t);
      return d === undefined ? days : Math.min(days ?? d, d);
    }, undefined);
    return { nowSec: Math.floor(this.#now() / 1000), maxAgeDays: strictest };
  }

  #rules(target: string): ScrobbleRules {
    return { nowSec: Math.floor(this.#now() / 1000), maxAgeDays: this.#opts.maxAgeDaysFor(target) };
  }

  #sender(target: string): Promise<Sender> {
    let sender = this.#senders.get(target);
    if (!sender) {
      sender = this.#opts.targetFor(target).then(
        (t) =>
          new Sender({
            store: this.#opts.store,
            target: t,
            now: this.#opts.now,
            backoff: this.#opts.backoff,
            onEvent: this.#opts.onEvent,
          }),
      );
      // A failure to build the adapter (keychain locked, say) is not cached.
      sender.catch(() => this.#senders.delete(target));
      this.#senders.set(target, sender);
    }
    return sender;
  }

  async #scheduler(target: string): Promise<void> {
    if (this.#schedulers.has(target) || !this.#autoSend) return;
    const sender = await this.#sender(target);
    if (this.#schedulers.has(target) || !this.#autoSend) return;
    const log = this.#opts.log;
    const scheduler = new Scheduler({
      sender,
      now: this.#opts.now,
      // A flush that throws (a full disk, a locked database) would otherwise vanish.
      onError: (error) =>
        log?.(
          `Sending to ${target} failed and will be tried again: ${error instanceof Error ? error.message : String(error)}`,
        ),
    });
    this.#schedulers.set(target, scheduler);
    scheduler.start();
  }

  /** Flush soon, starting the target's scheduler first if auto-send is on. */
  #wake(target: string): void {
    const scheduler = this.#schedulers.get(target);
    if (scheduler) scheduler.kick();
    else if (this.#autoSend) this.#scheduler(target).catch(() => undefined);
  }

  /** Pausing or resuming a target that does not exist would create it: refused instead. */
  #requireTarget(target: string): void {
    if (this.#isKnownTarget(target) || this.#knownTargets().includes(target)) return;
    throw new NotFoundError(
      `No service "${target}": use the id of a built-in service or of a server you added.`,
    );
  }

  #isKnownTarget(target: string): boolean {
    return this.#opts.isKnownTarget?.(target) ?? true;
  }

  /** Retrying or editing re-queues: refused for rows whose server is gone, saying why. */
  #refuseRemovedTargets(rows: readonly (StoredScrobble | null | undefined)[]): void {
    const stranded = rows.filter(
      (row): row is StoredScrobble => row != null && !this.#isKnownTarget(row.target),
    );
    const [first] = stranded;
    if (!first) return;
    const ids = stranded.map((row) => row.id).join(', ');
    const one = stranded.length === 1;
    const what = one ? `Scrobble ${ids} was` : `Scrobbles ${ids} were`;
    const them = one ? 'it' : 'them';
    throw new RangeError(
      `${what} for "${first.target}", a server that was removed: there is nowhere to send ${them}. ${one ? 'It stays' : 'They stay'} in the history; remove ${them} if you no longer want ${them}.`,
    );
  }

  #pendingTargets(): string[] {
    return this.#knownTargets().filter((t) => {
      const { counts } = this.#opts.store.stats(t);
      return counts.queued + counts.retrying + counts.sending > 0;
    });
  }

  #knownTargets(): string[] {
    return this.#opts.store.targets();
  }

  /** Targets with rows or state, and the ones new scrobbles would go to. */
  #allTargets(): string[] {
    return [...new Set([...this.#knownTargets(), ...this.#opts.targetsForNew()])];
  }

  #emitChanged(targets: readonly string[]): void {
    for (const target of targets) this.#opts.onEvent?.({ type: 'queue-changed', target });
  }
}

function unsendable(target: string, error: unknown, nextAttemptAt: number | null): FlushReport {
  return {
    ...emptyFlushReport(target),
    stoppedBecause: 'needs-auth',
    detail: error instanceof Error ? error.message : String(error),
    nextAttemptAt,
  };
}

export type { ScrobbleState };
