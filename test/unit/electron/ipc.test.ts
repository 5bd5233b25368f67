// The IPC binding driven through a thin stand-in for ipcMain and WebContents (Electron's
// runtime cannot run here). The core is a recorder: dispatch() is real, so validation against
// the shared contract is the real one, and the recorder shows which core method each call
// reached.
import { describe, expect, it } from 'vitest';
import type { Core } from '../../../src/main/core.js';
import {
  bindIpc,
  CALL_CHANNEL,
  EVENT_CHANNEL,
  failed,
  type IpcCallEvent,
  type IpcMainLike,
  type WebContentsLike,
} from '../../../src/main/electron/ipc.js';
import { ExternalUrlAllowlist } from '../../../src/main/electron/external-urls.js';
import { ScrobbleValidationError } from '../../../src/main/queue/queue-service.js';
import { CONTRACT, type ContractInput, type ContractMethod } from '../../../src/shared/contract.js';
import type { CoreEvent } from '../../../src/shared/core-events.js';
import { NotFoundError } from '../../../src/shared/errors.js';
import { readCallReply, type CallFailure } from '../../../src/shared/call-reply.js';

const APP_URL = 'app://scrobbletray/index.html';
const isAppUrl = (url: string) => url.startsWith(APP_URL);
const SIGN_IN_URL = 'https://www.last.fm/api/auth/?api_key=k&token=t';

type Handler = (event: IpcCallEvent, ...args: unknown[]) => unknown;

class FakeIpcMain implements IpcMainLike {
  readonly handlers = new Map<string, Handler>();
  handle(channel: string, fn: Handler): void {
    // Like Electron: a second handler for one channel is a programming error.
    if (this.handlers.has(channel)) throw new Error(`second handler for ${channel}`);
    this.handlers.set(channel, fn);
  }
  removeHandler(channel: string): void {
    this.handlers.delete(channel);
  }
  /** What ipcRenderer.invoke(CALL_CHANNEL, method, input) does from a given frame. */
  async invoke(from: { id: number; frameUrl: string | null }, method: unknown, input?: unknown) {
    const handler = this.handlers.get(CALL_CHANNEL);
    if (!handler) throw new Error('No handler registered');
    const event: IpcCallEvent = {
      sender: { id: from.id },
      senderFrame: from.frameUrl === null ? null : { url: from.frameUrl },
    };
    return handler(event, method, input);
  }
}

class FakeContents implements WebContentsLike {
  readonly sent: [string, unknown][] = [];
  destroyed = false;
  constructor(
    readonly id: number,
    public url = `${APP_URL}#/queue`,
  ) {}
  send(channel: string, payload: unknown): void {
    this.sent.push([channel, payload]);
  }
  getURL(): string {
    return this.url;
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
}

/** A core whose queue, store and account record each call; events can be emitted by hand. */
function recordingCore(fail?: Error) {
  const calls: string[] = [];
  const listeners = new Set<(e: CoreEvent) => void>();
  const area = (name: string) =>
    new Proxy(
      {},
      {
        get:
          (_target, prop) =>
          (..._args: unknown[]) => {
            calls.push(`${name}.${String(prop)}`);
            if (fail) throw fail;
            if (prop === 'startSignIn' || prop === 'startConnect')
              return Promise.resolve({ url: SIGN_IN_URL });
            return { answeredBy: `${name}.${String(prop)}` };
          },
      },
    );
  const core = {
    queue: area('queue'),
    store: area('store'),
    nowPlaying: area('nowPlaying'),
    accounts: area('accounts'),
    preferences: area('preferences'),
    players: area('players'),
    soundcloud: area('soundcloud'),
    catalogue: area('catalogue'),
    settings: area('settings'),
    removals: area('removals'),
    imports: area('imports'),
    // History actions are core methods: recorded as `core.<name>`.
    loveTrack: (...args: unknown[]) =>
      (area('core') as Record<string, (...a: unknown[]) => unknown>).loveTrack?.(...args),
    scrobbleAgain: (...args: unknown[]) =>
      (area('core') as Record<string, (...a: unknown[]) => unknown>).scrobbleAgain?.(...args),
    capabilities: { startAtLogin: true },
    events: {
      on(listener: (e: CoreEvent) => void) {
        listeners.add(listener);
        return () => listeners.delete(listener);
      },
      emit: (e: CoreEvent) => listeners.forEach((l) => l(e)),
    },
  };
  return {
    core: core as unknown as Core,
    calls,
    listeners,
    emit: (e: CoreEvent) => listeners.forEach((l) => l(e)),
  };
}

/** One valid input per contract method; the type makes a new method without one a compile error. */
const SAMPLES: { [M in ContractMethod]: ContractInput<M> } = {
  'queue.enqueue': { items: [{ artist: 'Low', track: 'Words', timestamp: 1 }], source: 'manual' },
  'queue.list': { states: ['failed'], limit: 10 },
  'queue.get': { id: 1 },
  'queue.edit': { id: 1, patch: { album: 'I Could Live in Hope' } },
  'queue.remove': { ids: [1, 2] },
  'queue.retry': { ids: 'all-failed' },
  'queue.flush': {},
  'queue.sendNow': { target: 'lastfm' },
  'queue.pause': {},
  'queue.resume': {},
  'queue.stats': {},
  'queue.targetState': { target: 'lastfm' },
  'queue.suggest': { field: 'artist', prefix: 'Lo' },
  'queue.removeUndoable': { ids: [1] },
  'queue.undoRemove': { undo: '0b6f4c2e-8a1d-4f3e-9c5b-2d7e6f1a3b4c' },
  'queue.scrobbleAgain': { id: 1, services: ['lastfm'] },
  'track.love': { service: 'lastfm', artist: 'Low', track: 'Words', love: true },
  'nowPlaying.update': { track: { artist: 'Low', track: 'Words' } },
  'account.list': {},
  'account.startSignIn': { service: 'lastfm', method: 'web' },
  'account.cancelSignIn': {},
  'account.signInWithPassword': { service: 'librefm', username: 'faif', password: 'pw' },
  'account.signOut': { service: 'lastfm' },
  'account.setApiCredentials': { service: 'lastfm', apiKey: 'key', apiSecret: 'secret' },
  'account.addService': { name: 'Home GNU FM', url: 'https://gnufm.example.org' },
  'account.removeService': { service: 'home-gnu-fm' },
  'account.signInWithToken': { service: 'listenbrainz', token: 'token-1' },
  'account.setScrobbleTo': { service: 'librefm', on: false },
  'soundcloud.status': {},
  'soundcloud.connect': { method: 'oauth2' },
  'soundcloud.cancelConnect': {},
  'soundcloud.disconnect': {},
  'soundcloud.whoami': {},
  'soundcloud.likes': { cursor: 'https://api.soundcloud.com/me/likes/tracks?cursor=x' },
  'soundcloud.setApp': { key: 'client-id-1', secret: 'client-secret-1' },
  'links.resolve': { url: 'https://youtu.be/dQw4w9WgXcQ' },
  'players.list': {},
  'players.set': { name: 'vlc', on: false },
  'playing.current': {},
  'preferences.get': {},
  'preferences.set': { notifications: false },
  'catalogue.search': { query: 'Karma', kind: 'track' },
  'catalogue.album': { artist: 'Radiohead', album: 'OK Computer' },
  'profile.recent': { user: 'rj', page: 2 },
  'import.begin': { fileName: 'Streaming_History_Audio_2026.json', size: 1024 },
  'import.append': { upload: '0b6f4c2e-8a1d-4f3e-9c5b-2d7e6f1a3b4c', offset: 0, data: 'AAEC' },
  'import.discard': { upload: '0b6f4c2e-8a1d-4f3e-9c5b-2d7e6f1a3b4c' },
  'import.preview': { upload: '0b6f4c2e-8a1d-4f3e-9c5b-2d7e6f1a3b4c', utcOffsetMinutes: 60 },
  'import.run': { upload: '0b6f4c2e-8a1d-4f3e-9c5b-2d7e6f1a3b4c', services: ['lastfm'] },
  'import.list': {},
  'import.remove': { id: '0123456789abcdef0123456789abcdef' },
};

/** The core method each contract method must reach. */
const REACHES: Record<ContractMethod, string> = {
  'queue.enqueue': 'queue.enqueue',
  'queue.list': 'queue.list',
  'queue.get': 'queue.get',
  'queue.edit': 'queue.edit',
  'queue.remove': 'queue.remove',
  'queue.retry': 'queue.retry',
  'queue.flush': 'queue.flush',
  'queue.sendNow': 'queue.sendNow',
  'queue.pause': 'queue.pause',
  'queue.resume': 'queue.resume',
  'queue.stats': 'queue.stats',
  'queue.targetState': 'queue.targetState',
  'queue.suggest': 'queue.suggest',
  'queue.removeUndoable': 'removals.remove',
  'queue.undoRemove': 'removals.restore',
  'queue.scrobbleAgain': 'core.scrobbleAgain',
  'track.love': 'core.loveTrack',
  'nowPlaying.update': 'queue.nowPlaying',
  'account.list': 'accounts.list',
  'account.startSignIn': 'accounts.startSignIn',
  'account.cancelSignIn': 'accounts.cancelSignIn',
  'account.signInWithPassword': 'accounts.signInWithPassword',
  'account.signOut': 'accounts.signOut',
  'account.setApiCredentials': 'accounts.setApiCredentials',
  'account.addService': 'accounts.addService',
  'account.removeService': 'accounts.removeService',
  'account.signInWithToken': 'accounts.signInWithToken',
  'account.setScrobbleTo': 'accounts.setScrobbleTo',
  'soundcloud.status': 'soundcloud.status',
  'soundcloud.connect': 'soundcloud.startConnect',
  'soundcloud.cancelConnect': 'soundcloud.cancelConnect',
  'soundcloud.disconnect': 'soundcloud.disconnect',
  'soundcloud.whoami': 'soundcloud.whoami',
  'soundcloud.likes': 'soundcloud.likes',
  'soundcloud.setApp': 'soundcloud.setApp',
  'links.resolve': 'soundcloud.resolve',
  'players.list': 'players.list',
  'players.set': 'players.set',
  'playing.current': 'players.current',
  'preferences.get': 'preferences.get',
  'preferences.set': 'preferences.set',
  'catalogue.search': 'catalogue.search',
  'catalogue.album': 'catalogue.album',
  'profile.recent': 'catalogue.recentPlays',
  'import.begin': 'imports.begin',
  'import.append': 'imports.append',
  'import.discard': 'imports.discard',
  'import.preview': 'imports.preview',
  'import.run': 'imports.run',
  'import.list': 'imports.list',
  'import.remove': 'imports.remove',
};

function setup(fail?: Error) {
  const ipcMain = new FakeIpcMain();
  const rec = recordingCore(fail);
  const allowlist = new ExternalUrlAllowlist();
  const internal: string[] = [];
  const binding = bindIpc({
    ipcMain,
    core: rec.core,
    isAppUrl,
    externalUrls: allowlist,
    onInternalError: (method) => internal.push(method),
  });
  const ours = new FakeContents(1);
  binding.addWindow(ours);
  const fromOurs = { id: ours.id, frameUrl: ours.url };
  return { ipcMain, rec, allowlist, internal, binding, ours, fromOurs };
}

/** The failure a refused call answers (main never throws across IPC: see ipc.ts). */
async function rejection(promise: Promise<unknown>): Promise<CallFailure> {
  const reply = readCallReply(await promise);
  if (reply === null || reply.ok) return expect.fail('expected the call to be refused');
  return reply.error;
}

describe('IPC binding', () => {
  it('registers one handler, on the call channel, and removes it on dispose', () => {
    const { ipcMain, binding } = setup();
    expect([...ipcMain.handlers.keys()]).toEqual([CALL_CHANNEL]);
    binding.dispose();
    expect(ipcMain.handlers.size).toBe(0);
  });

  it('has a sample for exactly the contract methods', () => {
    expect(Object.keys(SAMPLES).sort()).toEqual(Object.keys(CONTRACT).sort());
  });

  it.each(Object.keys(CONTRACT) as ContractMethod[])(
    '%s is reachable from our window and reaches the core',
    async (method) => {
      const { ipcMain, rec, fromOurs } = setup();
      await ipcMain.invoke(fromOurs, method, SAMPLES[method]);
      expect(rec.calls).toContain(REACHES[method]);
    },
  );

  it("returns the core's answer to the window", async () => {
    const { ipcMain, fromOurs } = setup();
    await expect(ipcMain.invoke(fromOurs, 'queue.stats', {})).resolves.toEqual({
      ok: true,
      result: { answeredBy: 'queue.stats' },
    });
  });

  describe('refuses senders that are not our windows', () => {
    it('a web contents we never registered', async () => {
      const { ipcMain, rec } = setup();
      const error = await rejection(ipcMain.invoke({ id: 99, frameUrl: APP_URL }, 'queue.stats'));
      expect(error.message).toMatch(/only Scrobbletray windows/);
      expect(rec.calls).toEqual([]);
    });

    it('our window showing a page that is not ours', async () => {
      const { ipcMain, rec, ours } = setup();
      const from = { id: ours.id, frameUrl: 'https://evil.example/index.html' };
      await rejection(ipcMain.invoke(from, 'account.list', {}));
      await rejection(
        ipcMain.invoke({ id: ours.id, frameUrl: 'file:///tmp/x.html' }, 'queue.stats'),
      );
      expect(rec.calls).toEqual([]);
    });

    it('a frame that is already gone', async () => {
      const { ipcMain, rec, ours } = setup();
      await rejection(ipcMain.invoke({ id: ours.id, frameUrl: null }, 'queue.stats', {}));
      expect(rec.calls).toEqual([]);
    });

    it('a window that was removed or destroyed', async () => {
      const { ipcMain, rec, binding, ours, fromOurs } = setup();
      const other = new FakeContents(2);
      binding.addWindow(other);
      other.destroyed = true;
      await rejection(ipcMain.invoke({ id: 2, frameUrl: other.url }, 'queue.stats', {}));
      binding.removeWindow(ours);
      await rejection(ipcMain.invoke(fromOurs, 'queue.stats', {}));
      expect(rec.calls).toEqual([]);
    });
  });

  describe('refuses bad calls with the contract error, before the core sees them', () => {
    it('an unknown method', async () => {
      const { ipcMain, rec, fromOurs } = setup();
      const error = await rejection(ipcMain.invoke(fromOurs, 'queue.dropTables', {}));
      expect(error.message).toBe('Unknown method "queue.dropTables".');
      await rejection(ipcMain.invoke(fromOurs, 42, {}));
      await rejection(ipcMain.invoke(fromOurs, 'constructor', {}));
      expect(rec.calls).toEqual([]);
    });

    it('input that does not match the schema, naming the field', async () => {
      const { ipcMain, rec, fromOurs } = setup();
      const error = await rejection(ipcMain.invoke(fromOurs, 'queue.get', { id: -1 }));
      expect(error.message).toMatch(/^Invalid input for queue\.get: id: /);
      const typo = await rejection(ipcMain.invoke(fromOurs, 'queue.list', { state: ['failed'] }));
      expect(typo.message).toMatch(/Invalid input for queue\.list/);
      expect(rec.calls).toEqual([]);
    });
  });

  describe('errors the window sees', () => {
    it('carry the message and kind, never a stack', async () => {
      const { ipcMain, fromOurs, internal } = setup(
        new Error('database is locked at /home/rj/.local/share/scrobbletray/scrobbles.sqlite'),
      );
      const error = await rejection(ipcMain.invoke(fromOurs, 'queue.stats', {}));
      expect(error.message).toBe(
        'database is locked at /home/rj/.local/share/scrobbletray/scrobbles.sqlite',
      );
      expect(error).toEqual({ message: error.message, kind: 'internal' });
      expect(JSON.stringify(error)).not.toContain('ipc.ts');
      // Not the caller's fault: main's log hears of it.
      expect(internal).toEqual(['queue.stats']);
    });

    it('carry the field problems of a refused scrobble', async () => {
      const problems = [{ field: 'artist', message: 'Required' }];
      const { ipcMain, fromOurs, internal } = setup(new ScrobbleValidationError(problems));
      const error = await rejection(
        ipcMain.invoke(fromOurs, 'queue.enqueue', SAMPLES['queue.enqueue']),
      );
      expect(error.message).toBe('artist: Required');
      expect(error).toEqual({ message: 'artist: Required', kind: 'invalid-input', problems });
      expect(internal).toEqual([]);
    });

    it('a refused sender or bad input is not logged as an internal failure', async () => {
      const { ipcMain, fromOurs, internal } = setup();
      await rejection(ipcMain.invoke({ id: 5, frameUrl: APP_URL }, 'queue.stats', {}));
      await rejection(ipcMain.invoke(fromOurs, 'queue.get', {}));
      expect(internal).toEqual([]);
    });

    it('a refusal carries the same error kind as over HTTP and in the CLI', async () => {
      const { ipcMain, fromOurs, internal } = setup(new NotFoundError('No scrobble with id 4242.'));
      const error = await rejection(ipcMain.invoke(fromOurs, 'queue.remove', { ids: [4242] }));
      expect(error.message).toBe('No scrobble with id 4242.');
      expect(error.kind).toBe('not-found');
      expect(internal).toEqual([]);
    });

    it('a failure keeps only kind, message and well-formed problems', () => {
      const e = Object.assign(new Error('bad'), {
        problems: [{ field: 'track', message: 'Too long', extra: 'x' }, 'junk'],
        secret: 'session-key',
        cause: new Error('inner'),
      });
      expect(failed(e)).toEqual({
        ok: false,
        error: {
          message: 'bad',
          kind: 'internal',
          problems: [{ field: 'track', message: 'Too long' }],
        },
      });
      expect(failed('a string')).toEqual({
        ok: false,
        error: { message: 'Something went wrong.', kind: 'internal' },
      });
    });
  });

  it('lets the browser open the sign-in page the core returned, and nothing else', async () => {
    const { ipcMain, allowlist, fromOurs } = setup();
    expect(allowlist.allows(SIGN_IN_URL)).toBe(false);
    await expect(
      ipcMain.invoke(fromOurs, 'account.startSignIn', { service: 'lastfm', method: 'web' }),
    ).resolves.toEqual({ ok: true, result: { url: SIGN_IN_URL } });
    expect(allowlist.allows(SIGN_IN_URL)).toBe(true);
    expect(allowlist.allows('https://www.last.fm/')).toBe(false);
  });

  it('lets the browser open the SoundCloud approval page soundcloud.connect returned', async () => {
    const { ipcMain, allowlist, fromOurs } = setup();
    expect(allowlist.allows(SIGN_IN_URL)).toBe(false);
    await expect(
      ipcMain.invoke(fromOurs, 'soundcloud.connect', { method: 'oauth2' }),
    ).resolves.toEqual({ ok: true, result: { url: SIGN_IN_URL } });
    expect(allowlist.allows(SIGN_IN_URL)).toBe(true);
  });

  describe('events', () => {
    const event: CoreEvent = { type: 'queue-changed', target: 'lastfm' };

    it('go to our windows only, on the event channel', () => {
      const { rec, binding, ours } = setup();
      const second = new FakeContents(2, `${APP_URL}#/manual`);
      const stranger = new FakeContents(3);
      binding.addWindow(second);
      rec.emit(event);
      expect(ours.sent).toEqual([[EVENT_CHANNEL, event]]);
      expect(second.sent).toEqual([[EVENT_CHANNEL, event]]);
      expect(stranger.sent).toEqual([]);
    });

    it('not to a window showing some other page, nor a destroyed or removed one', () => {
      const { rec, binding, ours } = setup();
      const gone = new FakeContents(2);
      const removed = new FakeContents(4);
      binding.addWindow(gone);
      binding.addWindow(removed);
      binding.removeWindow(removed);
      ours.url = 'https://evil.example/';
      gone.destroyed = true;
      rec.emit(event);
      expect(ours.sent).toEqual([]);
      expect(gone.sent).toEqual([]);
      expect(removed.sent).toEqual([]);
    });

    it('stop after dispose', () => {
      const { rec, binding, ours } = setup();
      binding.dispose();
      rec.emit(event);
      expect(ours.sent).toEqual([]);
      expect(rec.listeners.size).toBe(0);
    });
  });
});
