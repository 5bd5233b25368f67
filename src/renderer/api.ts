import type { CatalogueAlbum, CatalogueSearchResult, ProfilePage } from '../shared/catalogue.js';
import type { ContractInput, ContractMethod } from '../shared/contract.js';
import type { AccountSummary, FlushReport } from '../shared/core-events.js';
import type { CurrentPlay, PlayerSummary } from '../shared/players.js';
import type { Preferences, PreferencesView } from '../shared/preferences.js';
import type {
  LikesPageView,
  LinkTrackView,
  SoundCloudMethod,
  SoundCloudStatus,
  SoundCloudWho,
} from '../shared/soundcloud.js';
import type { ListPage, QueueStats, StoredScrobble, TargetState } from '../shared/queue-types.js';
import { isFieldProblem, type FieldProblem } from '../shared/validation.js';
import type { CoreTransport } from './transport/core-transport.js';
import type {
  FilePreview,
  ImportRemoval,
  ImportResult,
  ImportSummary,
  ImportUpload,
} from '../shared/import-types.js';

// The core's API as the views use it: one typed function per contract method. Results cross
// the transport as plain JSON of the shared types; this is the one place they are cast.

export interface NowPlayingResult {
  target: string;
  ok: boolean;
  error?: string;
}

/** What each method resolves to (methods that only act resolve to nothing useful). */
interface Results {
  'queue.enqueue': StoredScrobble[];
  'queue.list': ListPage;
  'queue.get': StoredScrobble | null;
  'queue.edit': StoredScrobble;
  'queue.remove': number;
  'queue.retry': number;
  'queue.flush': FlushReport[];
  'queue.sendNow': FlushReport[];
  'queue.pause': unknown;
  'queue.resume': unknown;
  'queue.stats': QueueStats;
  'queue.targetState': TargetState;
  'queue.suggest': string[];
  'queue.removeUndoable': { removed: number; undo: string };
  'queue.undoRemove': number;
  'queue.scrobbleAgain': StoredScrobble[];
  'track.love': { loved: boolean };
  'nowPlaying.update': NowPlayingResult[];
  'account.list': AccountSummary[];
  'account.startSignIn': { url: string };
  'account.cancelSignIn': unknown;
  'account.signInWithPassword': AccountSummary;
  'account.signOut': AccountSummary;
  'account.setApiCredentials': AccountSummary;
  'account.addService': AccountSummary;
  'account.removeService': AccountSummary[];
  'account.signInWithToken': AccountSummary;
  'account.setScrobbleTo': AccountSummary;
  'soundcloud.status': SoundCloudStatus;
  'soundcloud.connect': { url: string };
  'soundcloud.cancelConnect': unknown;
  'soundcloud.disconnect': SoundCloudStatus;
  'soundcloud.whoami': SoundCloudWho;
  'soundcloud.likes': LikesPageView;
  'soundcloud.setApp': SoundCloudStatus;
  'links.resolve': LinkTrackView;
  'players.list': PlayerSummary[];
  'players.set': PlayerSummary;
  'playing.current': CurrentPlay | null;
  'preferences.get': PreferencesView;
  'preferences.set': Preferences;
  'import.begin': ImportUpload;
  'import.append': ImportUpload;
  'import.discard': unknown;
  'import.preview': FilePreview;
  'import.run': ImportResult;
  'import.list': ImportSummary[];
  'import.remove': ImportRemoval;
  'catalogue.search': CatalogueSearchResult;
  'catalogue.album': CatalogueAlbum;
  'profile.recent': ProfilePage;
}

// Fails to compile when the contract gains a method this file does not type.
type _EveryMethod = Results[ContractMethod];

export function createApi(t: CoreTransport) {
  const call = <M extends ContractMethod>(method: M, input: ContractInput<M>) =>
    t.call(method, input) as Promise<Results[M]>;
  const optionalTarget = (target?: string): { target?: string } => (target ? { target } : {});
  return {
    onEvent: t.onEvent.bind(t),
    queue: {
      enqueue: (input: ContractInput<'queue.enqueue'>) => call('queue.enqueue', input),
      list: (input: ContractInput<'queue.list'>) => call('queue.list', input),
      get: (id: number) => call('queue.get', { id }),
      edit: (id: number, patch: Record<string, unknown>) => call('queue.edit', { id, patch }),
      remove: (ids: number[]) => call('queue.remove', { ids }),
      retry: (ids: number[] | 'all-failed') => call('queue.retry', { ids }),
      flush: (target?: string) => call('queue.flush', optionalTarget(target)),
      sendNow: (target?: string) => call('queue.sendNow', optionalTarget(target)),
      pause: (target?: string) => call('queue.pause', optionalTarget(target)),
      resume: (target?: string) => call('queue.resume', optionalTarget(target)),
      stats: (target?: string) => call('queue.stats', optionalTarget(target)),
      targetState: (target: string) => call('queue.targetState', { target }),
      suggest: (input: ContractInput<'queue.suggest'>) => call('queue.suggest', input),
      removeUndoable: (ids: number[]) => call('queue.removeUndoable', { ids }),
      undoRemove: (undo: string) => call('queue.undoRemove', { undo }),
      scrobbleAgain: (id: number, services?: string[]) =>
        call('queue.scrobbleAgain', services ? { id, services } : { id }),
      love: (service: string, artist: string, track: string, love: boolean) =>
        call('track.love', { service, artist, track, love }),
    },
    nowPlaying: {
      update: (track: Record<string, unknown>) => call('nowPlaying.update', { track }),
    },
    account: {
      list: () => call('account.list', {}),
      startSignIn: (service: string, method: 'web' | 'token') =>
        call('account.startSignIn', { service, method }),
      cancelSignIn: () => call('account.cancelSignIn', {}),
      signInWithPassword: (service: string, username: string, password: string) =>
        call('account.signInWithPassword', { service, username, password }),
      signOut: (service: string) => call('account.signOut', { service }),
      setApiCredentials: (service: string, apiKey: string, apiSecret: string) =>
        call('account.setApiCredentials', { service, apiKey, apiSecret }),
      addService: (
        name: string,
        url: string,
        more: Omit<ContractInput<'account.addService'>, 'name' | 'url'> = {},
      ) => call('account.addService', { name, url, ...more }),
      removeService: (service: string) => call('account.removeService', { service }),
      signInWithToken: (service: string, token: string) =>
        call('account.signInWithToken', { service, token }),
      setScrobbleTo: (service: string, on: boolean) =>
        call('account.setScrobbleTo', { service, on }),
    },
    soundcloud: {
      status: () => call('soundcloud.status', {}),
      connect: (method: SoundCloudMethod) => call('soundcloud.connect', { method }),
      cancelConnect: () => call('soundcloud.cancelConnect', {}),
      disconnect: () => call('soundcloud.disconnect', {}),
      whoami: () => call('soundcloud.whoami', {}),
      likes: (cursor?: string) => call('soundcloud.likes', cursor ? { cursor } : {}),
      setApp: (key: string, secret: string) => call('soundcloud.setApp', { key, secret }),
    },
    links: {
      resolve: (url: string) => call('links.resolve', { url }),
    },
    players: {
      list: () => call('players.list', {}),
      set: (name: string, on: boolean) => call('players.set', { name, on }),
      current: () => call('playing.current', {}),
    },
    import: {
      begin: (fileName: string, size: number) => call('import.begin', { fileName, size }),
      append: (upload: string, offset: number, data: string) =>
        call('import.append', { upload, offset, data }),
      discard: (upload: string) => call('import.discard', { upload }),
      preview: (choice: ContractInput<'import.preview'>) => call('import.preview', choice),
      run: (choice: ContractInput<'import.run'>) => call('import.run', choice),
      list: () => call('import.list', {}),
      remove: (id: string) => call('import.remove', { id }),
    },
    preferences: {
      get: () => call('preferences.get', {}),
      set: (patch: Partial<Preferences>) => call('preferences.set', patch),
    },
    catalogue: {
      search: (input: ContractInput<'catalogue.search'>) => call('catalogue.search', input),
      album: (input: ContractInput<'catalogue.album'>) => call('catalogue.album', input),
    },
    profile: {
      recent: (input: ContractInput<'profile.recent'>) => call('profile.recent', input),
    },
  };
}

export type Api = ReturnType<typeof createApi>;

/** What a failed call says, for people. */
export function errorMessage(error: unknown): string {
  if (error instanceof Error) return error.message;
  if (typeof error === 'object' && error !== null && 'message' in error) {
    return String((error as { message: unknown }).message);
  }
  return String(error);
}

/** The per-field problems a refused scrobble carries, when the core sent them. */
export function errorProblems(error: unknown): FieldProblem[] {
  if (typeof error !== 'object' || error === null || !('problems' in error)) return [];
  const problems = (error as { problems: unknown }).problems;
  if (!Array.isArray(problems)) return [];
  return problems.filter(isFieldProblem);
}
