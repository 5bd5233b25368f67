import { z } from 'zod';
import { CATALOGUE_KINDS } from './catalogue.js';
import { IMPORT_CHUNK_BYTES, IMPORT_FORMATS } from './import-types.js';
import { PLAYER_NAME_SCHEMA } from './players.js';
import { PREFERENCES_PATCH_SCHEMA } from './preferences.js';
import { SCROBBLE_STATES } from './scrobble-state.js';

// The core's API as every front sees it: method name -> input schema. The main process
// validates every call against these schemas whatever the transport (Electron IPC, the
// headless HTTP server with Server-Sent Events), so a renderer can never hand the core a shape it
// did not expect. Objects are strict: an unknown key (a typo such as `state` for `states`)
// is refused rather than silently ignored. Output types live next to the core
// (src/main/queue/types.ts) and are plain data: no secret is ever part of one.

const id = z.number().int().positive();
const target = z
  .string()
  .regex(/^[a-z0-9][a-z0-9._-]*$/)
  .max(64);
const unixSeconds = z.number().int().nonnegative();

/** Scrobble fields are checked in depth by validation.ts; here only their shape. */
const scrobbleInput = z.record(z.string(), z.unknown());

/** Base64 characters of one uploaded chunk: 512 KB of file, under the 1 MB body cap. */
const IMPORT_CHUNK_CHARS = Math.ceil(IMPORT_CHUNK_BYTES / 3) * 4;
const importUpload = z.uuid();
const importChoice = z.strictObject({
  upload: importUpload,
  format: z.enum(IMPORT_FORMATS).optional(),
  // Minutes to add to UTC for the device's clock (a #TZ/UNKNOWN log): UTC-12 to UTC+14.
  utcOffsetMinutes: z.number().int().min(-720).max(840).optional(),
  services: z.array(target).min(1, 'choose at least one service').max(20).optional(),
});

export const SCROBBLE_SOURCES = ['manual', 'album', 'cli', 'import', 'player'] as const;

export const CONTRACT = {
  'queue.enqueue': z.strictObject({
    items: z.array(scrobbleInput).min(1).max(1000),
    source: z.enum(SCROBBLE_SOURCES),
  }),
  'queue.list': z
    .strictObject({
      states: z.array(z.enum(SCROBBLE_STATES)).optional(),
      target: target.optional(),
      text: z.string().max(200).optional(),
      from: unixSeconds.optional(),
      to: unixSeconds.optional(),
      order: z.enum(['oldest', 'newest']).optional(),
      limit: z.number().int().min(1).max(1000).optional(),
      cursor: z.string().max(200).optional(),
      // Rows to skip: a jump into a long list.
      offset: z
        .number()
        .int('must be a whole number of rows to skip')
        .min(0, 'must be 0 or more (rows to skip from the start of the list)')
        .optional(),
      // One item per play, with each service's row (fan-out): see ListQuery.byPlay.
      byPlay: z.boolean().optional(),
    })
    .refine((q) => q.offset === undefined || q.cursor === undefined, {
      path: ['offset'],
      message:
        'give either offset (jump to a row) or cursor (the page after the last one), not both',
    }),
  'queue.get': z.strictObject({ id }),
  'queue.edit': z.strictObject({ id, patch: scrobbleInput }),
  'queue.remove': z.strictObject({ ids: z.array(id).min(1).max(10_000) }),
  'queue.retry': z.strictObject({
    ids: z.union([z.array(id).min(1).max(10_000), z.literal('all-failed')]),
  }),
  'queue.flush': z.strictObject({ target: target.optional() }),
  'queue.sendNow': z.strictObject({ target: target.optional() }),
  'queue.pause': z.strictObject({ target: target.optional() }),
  'queue.resume': z.strictObject({ target: target.optional() }),
  'queue.stats': z.strictObject({ target: target.optional() }),
  'queue.targetState': z.strictObject({ target }),
  'queue.suggest': z.strictObject({
    field: z.enum(['artist', 'track', 'album', 'albumArtist']),
    prefix: z.string().max(200),
    artist: z.string().max(512).optional(),
    limit: z.number().int().min(1).max(50).optional(),
  }),
  // History actions: remove with an undo token (queue.undoRemove puts the rows back for a
  // while), scrobble a play again now (to chosen services, or wherever new scrobbles go),
  // love or unlove a track on a service that has loved tracks (Last.fm 2.0 protocol).
  'queue.removeUndoable': z.strictObject({ ids: z.array(id).min(1).max(10_000) }),
  'queue.undoRemove': z.strictObject({ undo: z.uuid() }),
  'queue.scrobbleAgain': z.strictObject({
    id,
    services: z.array(target).min(1, 'choose at least one service').max(20).optional(),
  }),
  'track.love': z.strictObject({
    service: target,
    artist: z.string().min(1).max(1024),
    track: z.string().min(1).max(1024),
    love: z.boolean(),
  }),
  'nowPlaying.update': z.strictObject({ track: scrobbleInput }),
  'account.list': z.strictObject({}),
  'account.startSignIn': z.strictObject({ service: target, method: z.enum(['web', 'token']) }),
  'account.cancelSignIn': z.strictObject({}),
  // The password travels into main for one call; nothing secret ever comes back out.
  'account.signInWithPassword': z.strictObject({
    service: target,
    username: z.string().min(1).max(200),
    password: z.string().min(1).max(1000),
  }),
  'account.signOut': z.strictObject({ service: target }),
  'account.setApiCredentials': z.strictObject({
    service: target,
    apiKey: z.string().min(1).max(200),
    apiSecret: z.string().min(1).max(200),
  }),
  // A self-hosted GNU FM server by name and address; the core checks both and names the fix.
  // protocol (default gnufm), id (made from the name when absent) and the URL overrides are
  // the `services add` options.
  'account.addService': z.strictObject({
    name: z.string().max(200),
    url: z.string().max(2000),
    protocol: z.enum(['lastfm2', 'gnufm', 'as12', 'listenbrainz']).optional(),
    id: z.string().max(64).optional(),
    apiUrl: z.string().max(2000).optional(),
    authUrl: z.string().max(2000).optional(),
  }),
  'account.removeService': z.strictObject({ service: target }),
  // A ListenBrainz user token, checked with the service before it is kept; never sent back.
  'account.signInWithToken': z.strictObject({
    service: target,
    token: z.string().min(1).max(1000),
  }),
  // A service's "scrobble to" switch: whether new scrobbles go there (default on).
  'account.setScrobbleTo': z.strictObject({ service: target, on: z.boolean() }),
  // SoundCloud: connect returns the approval URL at once and finishes in the background
  // (`account-changed` / `sign-in-failed` with target 'soundcloud'); no token ever comes back.
  'soundcloud.status': z.strictObject({}),
  'soundcloud.connect': z.strictObject({ method: z.enum(['oauth1', 'oauth2']) }),
  'soundcloud.cancelConnect': z.strictObject({}),
  'soundcloud.disconnect': z.strictObject({}),
  'soundcloud.whoami': z.strictObject({}),
  'soundcloud.likes': z.strictObject({ cursor: z.string().min(1).max(2000).optional() }),
  // The app's consumer key and secret, typed in the window; the secret goes to the keychain.
  'soundcloud.setApp': z.strictObject({
    key: z.string().min(1).max(200),
    secret: z.string().min(1).max(200),
  }),
  // A SoundCloud or YouTube link -> track fields for the user to review; nothing is queued.
  'links.resolve': z.strictObject({ url: z.string().min(1).max(2000) }),
  // Importing a listening-history file from the window: its content is uploaded in chunks of
  // at most 512 KB (base64) into a temp file in main (src/main/sources/import/import-uploads.ts
  // says why), previewed, imported with `import-progress` events, and listed and removed.
  'import.begin': z.strictObject({
    fileName: z.string().min(1).max(255),
    size: z.number().int().min(1, 'the file is empty: choose the exported file itself'),
  }),
  'import.append': z.strictObject({
    upload: importUpload,
    offset: z.number().int().nonnegative(),
    data: z.base64().max(IMPORT_CHUNK_CHARS),
  }),
  'import.discard': z.strictObject({ upload: importUpload }),
  'import.preview': importChoice,
  'import.run': importChoice,
  'import.list': z.strictObject({}),
  'import.remove': z.strictObject({ id: z.string().regex(/^[0-9a-f]{32}$/) }),
  // Desktop players: the ones seen with on/off each, one switched, the play in progress.
  'players.list': z.strictObject({}),
  'players.set': z.strictObject({ name: PLAYER_NAME_SCHEMA, on: z.boolean() }),
  'playing.current': z.strictObject({}),
  'preferences.get': z.strictObject({}),
  'preferences.set': PREFERENCES_PATCH_SCHEMA,
  // The service's catalogue (Last.fm 2.0 reads): suggestions as you type, an album's
  // tracklist, someone's recent plays. `service` defaults to the signed-in Last.fm.
  'catalogue.search': z.strictObject({
    service: target.optional(),
    query: z.string().trim().min(1, 'type something to search for').max(200),
    kind: z.enum(CATALOGUE_KINDS),
    artist: z.string().max(512).optional(),
    limit: z.number().int().min(1).max(50).optional(),
  }),
  'catalogue.album': z.strictObject({
    service: target.optional(),
    artist: z.string().trim().min(1, 'name the artist').max(512),
    album: z.string().trim().min(1, 'name the album').max(512),
  }),
  'profile.recent': z.strictObject({
    service: target.optional(),
    user: z
      .string()
      .trim()
      .min(1, 'type a user name')
      .max(64)
      .regex(/^[^/?#\\s]+$/, 'a user name has no spaces or slashes'),
    page: z.number().int().min(1).max(100_000).optional(),
  }),
} as const;

export type ContractMethod = keyof typeof CONTRACT;
export type ContractInput<M extends ContractMethod> = z.infer<(typeof CONTRACT)[M]>;

/** Events the core pushes to every front. */
export const CONTRACT_EVENTS = [
  'queue-changed',
  'flush-started',
  'flush-progress',
  'flush-finished',
  'needs-auth',
  'account-changed',
  'sign-in-failed',
  'preferences-changed',
  'players-changed',
  'playing-changed',
  'import-progress',
] as const;
export type ContractEvent = (typeof CONTRACT_EVENTS)[number];

export class ContractInputError extends Error {
  override readonly name = 'ContractInputError';
  readonly kind = 'invalid-input';
}

/** Validate a call's input; the error names each bad field. */
export function parseContractInput<M extends ContractMethod>(
  method: M,
  input: unknown,
): ContractInput<M> {
  const schema = CONTRACT[method];
  if (!schema) throw new ContractInputError(`Unknown method "${String(method)}".`);
  const parsed = schema.safeParse(input ?? {});
  if (parsed.success) return parsed.data as ContractInput<M>;
  const problems = parsed.error.issues.map((i) => `${i.path.join('.') || '(input)'}: ${i.message}`);
  throw new ContractInputError(`Invalid input for ${method}: ${problems.join('; ')}`);
}

export function isContractMethod(name: string): name is ContractMethod {
  return Object.hasOwn(CONTRACT, name);
}
