// macOS players through MediaRemote. Since macOS 15.4 MediaRemote answers only Apple-signed
// processes, so (like ungive/mediaremote-adapter, BSD-3) a helper framework is loaded by the
// system's /usr/bin/perl, which streams now-playing JSON lines to stdout. This feed spawns it,
// reads the lines, and turns changes into player inputs. MediaRemote shows ONE now-playing
// app at a time, so at most one player exists here; when the app changes, the old one leaves.
// Untested on macOS here (no Mac): spawn, line parsing and mapping are tested on Linux with a
// stand-in script printing recorded adapter output (test/unit/players/mediaremote.test.ts).

import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { sameItem } from '../play-rule.js';
import type { FeedSink, PlayerFeed } from '../player-feed.js';
import { foldAdapterData, parseAdapterLine, type AdapterPayload } from './adapter-lines.js';
import { positionNow, snapshotOf, type NowPlayingSnapshot } from './adapter-mapping.js';

export interface MediaRemoteFeedOptions {
  /** mediaremote-adapter.pl and MediaRemoteAdapter.framework, shipped with the app. */
  scriptPath: string;
  frameworkPath: string;
  /** Default /usr/bin/perl: the Apple-signed binary is the whole point. */
  perlPath?: string;
  /** Default `['stream', '--micros', '--debounce=100']`. */
  args?: string[];
  platform?: NodeJS.Platform;
  now?: () => number;
}

export class MediaRemoteFeed implements PlayerFeed {
  private child: ChildProcess | null = null;
  private sink: FeedSink | null = null;
  private state: AdapterPayload = {};
  private current: (NowPlayingSnapshot & { watched: boolean }) | null = null;
  private readonly now: () => number;
  private stopping = false;

  constructor(private readonly options: MediaRemoteFeedOptions) {
    this.now = options.now ?? Date.now;
  }

  async start(sink: FeedSink): Promise<void> {
    const platform = this.options.platform ?? process.platform;
    if (platform !== 'darwin') {
      throw new Error(`MediaRemote exists only on macOS, not on ${platform}.`);
    }
    this.sink = sink;
    this.stopping = false;
    const child = spawn(
      this.options.perlPath ?? '/usr/bin/perl',
      [
        this.options.scriptPath,
        this.options.frameworkPath,
        ...(this.options.args ?? ['stream', '--micros', '--debounce=100']),
      ],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    this.child = child;
    await new Promise<void>((resolve, reject) => {
      child.once('spawn', resolve);
      child.once('error', (error) =>
        reject(
          new Error(`Cannot start the MediaRemote helper: ${error.message}`, { cause: error }),
        ),
      );
    });
    const { stdout, stderr } = child;
    if (!stdout || !stderr) throw new Error('The MediaRemote helper started without pipes.');
    createInterface({ input: stdout }).on('line', (line) => this.onLine(line));
    createInterface({ input: stderr }).on('line', (line) => {
      if (line.trim()) sink.problem(`MediaRemote helper: ${line.trim()}`);
    });
    child.once('exit', (code, signal) => {
      this.child = null;
      if (this.current) this.leave();
      if (!this.stopping) {
        sink.problem(
          `The MediaRemote helper stopped (${signal ?? `exit code ${code}`}); macOS players are no longer watched.`,
        );
      }
    });
  }

  async stop(): Promise<void> {
    this.stopping = true;
    const child = this.child;
    this.child = null;
    if (child && child.exitCode === null) {
      // SIGTERM is how the adapter is meant to be stopped.
      await new Promise<void>((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      });
    }
    this.current = null;
    this.sink = null;
  }

  private onLine(line: string): void {
    let data;
    try {
      data = parseAdapterLine(line);
    } catch (error) {
      this.sink?.problem(error instanceof Error ? error.message : String(error));
      return;
    }
    if (!data) return;
    this.state = foldAdapterData(this.state, data);
    this.apply(snapshotOf(this.state));
  }

  private apply(next: NowPlayingSnapshot | null): void {
    const sink = this.sink;
    if (!sink) return;
    const at = this.now();
    const previous = this.current;
    if (previous && (!next || next.app !== previous.app)) this.leave();
    if (!next) return;
    if (!this.current) {
      const watched = sink.appeared({ id: next.app, name: next.app.toLowerCase() });
      this.current = { ...next, watched };
      if (!watched) return;
      sink.input(next.app, { type: 'track', at, track: next.track });
      if (next.rate !== null) sink.input(next.app, { type: 'rate', at, rate: next.rate });
      const position = positionNow(next, at);
      if (position !== null) sink.input(next.app, { type: 'position', at, positionMs: position });
      sink.input(next.app, { type: 'status', at, status: next.status });
      return;
    }
    const was = this.current;
    this.current = { ...next, watched: was.watched };
    if (!was.watched) return;
    const id = next.app;
    if (!sameItem(was.track, next.track) || was.track.lengthMs !== next.track.lengthMs) {
      sink.input(id, { type: 'track', at, track: next.track });
    }
    if (next.rate !== null && next.rate !== was.rate)
      sink.input(id, { type: 'rate', at, rate: next.rate });
    if (next.positionAt !== was.positionAt || next.positionMs !== was.positionMs) {
      const position = positionNow(next, at);
      if (position !== null) sink.input(id, { type: 'position', at, positionMs: position });
    }
    if (next.status !== was.status) sink.input(id, { type: 'status', at, status: next.status });
  }

  private leave(): void {
    const gone = this.current;
    this.current = null;
    if (gone?.watched) this.sink?.vanished(gone.app, this.now());
  }
}
