import type { Core } from '../core.js';
import {
  isContractMethod,
  parseContractInput,
  ContractInputError,
  type ContractInput,
  type ContractMethod,
} from '../../shared/contract.js';

// One entry point for every transport: validate the input against the shared contract, then
// call the core's services (queue, accounts, preferences, now playing), never its store,
// settings or secrets. Electron's IPC binding and the headless server both go through here, so no
// front can skip validation.

type Handlers = { [M in ContractMethod]: (core: Core, input: ContractInput<M>) => unknown };

const HANDLERS: Handlers = {
  'queue.enqueue': (core, { items, source }) => core.queue.enqueue(items, source),
  'queue.list': (core, query) => core.queue.list(query),
  'queue.get': (core, { id }) => core.queue.get(id) ?? null,
  'queue.edit': (core, { id, patch }) => core.queue.edit(id, patch),
  'queue.remove': (core, { ids }) => core.queue.remove(ids),
  'queue.retry': (core, { ids }) => core.queue.retry(ids),
  'queue.flush': (core, { target }) => core.queue.flush(target),
  'queue.sendNow': (core, { target }) => core.queue.sendNow(target),
  'queue.pause': (core, { target }) => core.queue.pause(target),
  'queue.resume': (core, { target }) => core.queue.resume(target),
  'queue.stats': (core, { target }) => core.queue.stats(target),
  'queue.targetState': (core, { target }) => core.queue.targetState(target),
  'nowPlaying.update': (core, { track }) => {
    const valid = core.queue.validateTrack(track);
    core.nowPlaying.report(valid, 'manual');
    return core.queue.nowPlaying(valid);
  },
  'queue.suggest': (core, q) => core.queue.suggest(q.field, q.prefix, q.limit ?? 10, q.artist),
  'queue.removeUndoable': (core, { ids }) => core.removals.remove(ids),
  'queue.undoRemove': (core, { undo }) => core.removals.restore(undo),
  'queue.scrobbleAgain': (core, input) => core.scrobbleAgain(input),
  'track.love': (core, input) => core.loveTrack(input),
  'account.list': (core) => core.accounts.list(),
  'account.startSignIn': (core, { service, method }) => core.accounts.startSignIn(service, method),
  'account.cancelSignIn': (core) => core.accounts.cancelSignIn(),
  'account.signInWithPassword': (core, { service, username, password }) =>
    core.accounts.signInWithPassword(service, username, password),
  'account.signOut': (core, { service }) => core.accounts.signOut(service),
  'account.setApiCredentials': (core, { service, apiKey, apiSecret }) =>
    core.accounts.setApiCredentials(service, apiKey, apiSecret),
  'account.addService': (core, input) => core.accounts.addService(input),
  'account.removeService': (core, { service }) => core.accounts.removeService(service),
  'account.signInWithToken': (core, { service, token }) =>
    core.accounts.signInWithToken(service, token),
  'account.setScrobbleTo': (core, { service, on }) => core.accounts.setScrobbleTo(service, on),
  'soundcloud.status': (core) => core.soundcloud.status(),
  'soundcloud.connect': (core, { method }) => core.soundcloud.startConnect(method),
  'soundcloud.cancelConnect': (core) => core.soundcloud.cancelConnect(),
  'soundcloud.disconnect': (core) => core.soundcloud.disconnect(),
  'soundcloud.whoami': (core) => core.soundcloud.whoami(),
  'soundcloud.likes': (core, { cursor }) => core.soundcloud.likes(cursor),
  'soundcloud.setApp': (core, { key, secret }) => core.soundcloud.setApp(key, secret),
  'links.resolve': (core, { url }) => core.soundcloud.resolve(url),
  'import.begin': (core, { fileName, size }) => core.imports.begin(fileName, size),
  'import.append': (core, { upload, offset, data }) => core.imports.append(upload, offset, data),
  'import.discard': (core, { upload }) => core.imports.discard(upload),
  'import.preview': (core, choice) => core.imports.preview(choice),
  'import.run': (core, choice) => core.imports.run(choice),
  'import.list': (core) => core.imports.list(),
  'import.remove': (core, { id }) => core.imports.remove(id),
  'players.list': (core) => core.players.list(),
  'players.set': (core, { name, on }) => core.players.set(name, on),
  'playing.current': (core) => core.players.current(),
  'preferences.get': (core) => core.preferences.get(),
  'preferences.set': (core, patch) => core.preferences.set(patch),
  'catalogue.search': (core, input) => core.catalogue.search(input),
  'catalogue.album': (core, input) => core.catalogue.album(input),
  'profile.recent': (core, { service, user, page }) =>
    core.catalogue.recentPlays({ service, user, page: page ?? 1 }),
};

export async function dispatch(core: Core, method: string, input: unknown): Promise<unknown> {
  if (!isContractMethod(method)) throw new ContractInputError(`Unknown method "${method}".`);
  const parsed = parseContractInput(method, input);
  const handler = HANDLERS[method] as (core: Core, input: unknown) => unknown;
  return handler(core, parsed);
}

export const CONTRACT_HANDLERS: readonly ContractMethod[] = Object.keys(
  HANDLERS,
) as ContractMethod[];
