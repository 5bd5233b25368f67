import { z } from 'zod';
import {
  BUILTIN_SERVICES,
  CUSTOM_PROTOCOLS,
  GNUFM_DEFAULT_CREDENTIALS,
  type CustomProtocol,
  type ServicePreset,
} from './services.js';
import type { FieldProblem } from './validation.js';

// Servers of the user's own: a GNU FM (2.0 or 1.2), a Last.fm 2.0 compatible server, a
// self-hosted ListenBrainz. The window and `services add` add them from a name, an address and
// a protocol; settings.json keeps them under `customServices`, where people may also write them
// by hand. That file is a trust boundary: every entry is checked on read, and one that fails is
// skipped with a reason in words instead of stopping the app.
//
// An entry without `protocol` is a GNU FM 2.0 server, as every entry was before protocols
// existed; a GNU FM entry is still written that way, so an older Scrobbletray reads it.

/** What settings.json keeps for one server of the user's own (the window writes exactly this). */
export interface CustomServiceEntry {
  id: string;
  name: string;
  /** The 2.0 API root (lastfm2, gnufm), the handshake root (as12), the API root (listenbrainz). */
  apiUrl: string;
  /** The 2.0 approval page; for as12 and listenbrainz, the address the user gave. */
  authUrl: string;
  /** The 2.0 dialect; only for lastfm2 and gnufm entries. */
  flavor?: 'gnufm' | 'lastfm';
  /** Absent: gnufm (older entries). */
  protocol?: CustomProtocol;
}

export const SERVICE_NAME_MAX = 60;

// The id names keychain items (`session:<id>:<user>`) and settings paths
// (`services.<id>.account`), so neither ':' nor '.' may appear in it.
const ID_PATTERN = /^[a-z0-9][a-z0-9_-]{0,39}$/;
// conf's key paths (dot-prop) refuse these segments: `services.<id>` would never be stored.
const RESERVED_IDS = new Set(['constructor', 'prototype']);
// eslint-disable-next-line no-control-regex
const CONTROL_CHARS = /[\u0000-\u001f\u007f]/g;

/** True for ids a custom server may not take: the built-in services' and a few reserved. */
export function isReservedServiceId(id: string): boolean {
  return RESERVED_IDS.has(id) || BUILTIN_SERVICES.some((s) => s.id === id);
}

function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === 'https:' || url.protocol === 'http:') && url.hostname !== '';
  } catch {
    return false;
  }
}

/** zod's message for a missing or mistyped field: says which. */
const missingOr =
  (field: string, wrongType: string) =>
  (issue: { input?: unknown }): string =>
    issue.input === undefined ? `${field} is missing` : wrongType;

const httpUrl = (field: string, example: string) =>
  z
    .string({ error: missingOr(field, `${field} must be text: an http:// or https:// address`) })
    .refine(isHttpUrl, {
      error: `${field} must be an http:// or https:// address, such as ${example}`,
    });

/** One entry of settings.json `customServices`, as a person may have written it. */
export const CUSTOM_SERVICE_SCHEMA = z
  .object(
    {
      id: z
        .string({ error: missingOr('id', 'id must be text') })
        .regex(ID_PATTERN, {
          error:
            'id must be a lowercase slug of up to 40 letters, digits, "-" or "_", such as "home-gnufm"',
        })
        .refine((id) => !isReservedServiceId(id), {
          error: (issue) => `id "${String(issue.input)}" is taken by Scrobbletray: pick another`,
        }),
      name: z
        .string({ error: missingOr('name', 'name must be text') })
        .trim()
        .min(1, { error: 'name is empty' })
        .max(SERVICE_NAME_MAX, { error: `name is longer than ${SERVICE_NAME_MAX} characters` })
        .refine((name) => !new RegExp(CONTROL_CHARS.source).test(name), {
          error: 'name holds control characters',
        }),
      apiUrl: httpUrl('apiUrl', 'https://gnufm.example.org/2.0/'),
      authUrl: httpUrl('authUrl', 'https://gnufm.example.org/api/auth/'),
      flavor: z
        .enum(['gnufm', 'lastfm'], {
          error: 'flavor must be "gnufm" (or "lastfm" with protocol "lastfm2"), or left out',
        })
        .optional(),
      protocol: z
        .enum(CUSTOM_PROTOCOLS as [CustomProtocol, ...CustomProtocol[]], {
          error: `protocol must be one of ${CUSTOM_PROTOCOLS.map((p) => `"${p}"`).join(', ')}, or left out (GNU FM)`,
        })
        .optional(),
    },
    {
      error:
        'the entry must be an object: {"id": …, "name": …, "apiUrl": …, "authUrl": …, "flavor": "gnufm"}',
    },
  )
  .superRefine((entry, ctx) => {
    // Without a protocol an entry is GNU FM: a Last.fm flavour there is a mistake, not a guess.
    if (entry.flavor === 'lastfm' && entry.protocol !== 'lastfm2') {
      ctx.addIssue({
        code: 'custom',
        path: ['flavor'],
        message: 'flavor must be "gnufm" unless protocol is "lastfm2"',
      });
    }
  });

/** The protocol an entry describes, as `services` shows it: no protocol means gnufm. */
export function customProtocolOf(entry: Pick<CustomServiceEntry, 'protocol' | 'flavor'>) {
  const protocol = entry.protocol ?? 'gnufm';
  // lastfm2 written with GNU FM's flavour (entries from before `gnufm` was a protocol).
  return protocol === 'lastfm2' && entry.flavor === 'gnufm' ? 'gnufm' : protocol;
}

/** The service a valid entry describes. GNU FM checks no API key, so a fixed pair serves. */
export function presetOf(entry: CustomServiceEntry): ServicePreset {
  const base = { id: entry.id, name: entry.name, apiUrl: entry.apiUrl, authUrl: entry.authUrl };
  switch (customProtocolOf(entry)) {
    case 'gnufm':
      return { ...base, protocol: 'lastfm2', flavor: 'gnufm', ...GNUFM_DEFAULT_CREDENTIALS };
    case 'lastfm2':
      // A Last.fm-compatible server checks signatures: the user brings an API account.
      return { ...base, protocol: 'lastfm2', flavor: 'lastfm' };
    case 'as12':
      return { ...base, protocol: 'as12', flavor: 'gnufm' };
    case 'listenbrainz':
      return { ...base, protocol: 'listenbrainz', flavor: 'gnufm' };
  }
}

/** A settings.json entry that was not used, and why. */
export interface SkippedCustomService {
  /** Its place in `customServices`; null when `customServices` itself is not a list. */
  index: number | null;
  /** The entry's id while it still names this entry alone (so it can be removed), else null. */
  id: string | null;
  /** The entry's name, when it has one. */
  name: string | null;
  /** Why it was skipped, naming the fields to fix. */
  reason: string;
}

export interface CustomServices {
  services: ServicePreset[];
  skipped: SkippedCustomService[];
}

/** Read settings.json `customServices`: the valid servers, and what was skipped and why. */
export function parseCustomServices(raw: unknown): CustomServices {
  if (raw === undefined || raw === null) return { services: [], skipped: [] };
  if (!Array.isArray(raw)) {
    const reason =
      'customServices in settings.json is not a list ([…]), so no self-hosted server was read from it.';
    return { services: [], skipped: [{ index: null, id: null, name: null, reason }] };
  }
  const services: ServicePreset[] = [];
  const skipped: (SkippedCustomService & { candidate: string | null })[] = [];
  raw.forEach((entry: unknown, index) => {
    const where = `customServices[${index}] in settings.json`;
    const parsed = CUSTOM_SERVICE_SCHEMA.safeParse(entry);
    if (!parsed.success) {
      const problems = parsed.error.issues.map((issue) => {
        const field = issue.path.join('.');
        return field && !issue.message.startsWith(field)
          ? `${field}: ${issue.message}`
          : issue.message;
      });
      skipped.push({
        index,
        id: null,
        candidate: usableId(entry),
        name: textField(entry, 'name'),
        reason: `${where} is skipped: ${problems.join('; ')}.`,
      });
    } else if (services.some((s) => s.id === parsed.data.id)) {
      skipped.push({
        index,
        id: null,
        candidate: null,
        name: parsed.data.name,
        reason: `${where} is skipped: id "${parsed.data.id}" is used by an earlier entry too; give each server its own id.`,
      });
    } else {
      services.push(presetOf(parsed.data));
    }
  });
  // A broken entry keeps its id only while nothing else answers to it.
  const count = (id: string) =>
    skipped.filter((s) => s.candidate === id).length + services.filter((s) => s.id === id).length;
  return {
    services,
    skipped: skipped.map(({ candidate, ...s }) => ({
      ...s,
      id: candidate !== null && count(candidate) === 1 ? candidate : null,
    })),
  };
}

function textField(entry: unknown, key: string): string | null {
  if (typeof entry !== 'object' || entry === null) return null;
  const value = (entry as Record<string, unknown>)[key];
  return typeof value === 'string' && value.trim() ? value.trim().slice(0, SERVICE_NAME_MAX) : null;
}

function usableId(entry: unknown): string | null {
  const id = textField(entry, 'id');
  return id !== null && ID_PATTERN.test(id) && !isReservedServiceId(id) ? id : null;
}

/** What the user types to add a server. */
export interface NewServiceInput {
  name: string;
  /** The server's address, e.g. `https://gnufm.example.org` or `https://example.org/gnufm/`. */
  url: string;
  /** Default gnufm (what the window added before protocols existed). */
  protocol?: CustomProtocol;
  /** The id to give it (`services add ID`); made from the name when absent. */
  id?: string;
  /** Overrides of the URLs derived from `url` (`--api-url`, `--auth-url`). */
  apiUrl?: string;
  authUrl?: string;
}

/** A service already there, to keep names, addresses and ids apart. */
export interface KnownService {
  id: string;
  name: string;
  apiUrl?: string;
}

export type NewServiceResult =
  { ok: true; entry: CustomServiceEntry } | { ok: false; problems: FieldProblem[] };

/**
 * Turn what the user typed into a settings entry: the API and auth URLs derived from the
 * address, an id made from the name. Problems name the field (`name` or `url`) and the fix.
 * The built-in services are always known; `takenIds` are ids to avoid besides the known ones
 * (entries that were skipped, services whose scrobbles are still in the history).
 */
export function newCustomService(
  input: NewServiceInput,
  known: readonly KnownService[] = [],
  takenIds: readonly string[] = [],
): NewServiceResult {
  const all: KnownService[] = [...BUILTIN_SERVICES, ...known];
  const problems: FieldProblem[] = [];
  const name = input.name.replace(CONTROL_CHARS, ' ').replace(/\s+/g, ' ').trim();
  const sameName = all.find((s) => s.name.toLowerCase() === name.toLowerCase());
  if (!name) {
    problems.push({ field: 'name', message: 'Give the server a name, such as “Home GNU FM”.' });
  } else if (name.length > SERVICE_NAME_MAX) {
    problems.push({
      field: 'name',
      message: `Keep the name to ${SERVICE_NAME_MAX} characters or fewer.`,
    });
  } else if (sameName) {
    problems.push({
      field: 'name',
      message: `You already have a server called “${sameName.name}”: pick another name.`,
    });
  }
  const protocol = input.protocol ?? 'gnufm';
  if (!CUSTOM_PROTOCOLS.includes(protocol)) {
    problems.push({
      field: 'protocol',
      message: `Choose the protocol: one of ${CUSTOM_PROTOCOLS.join(', ')}.`,
    });
  }
  const idProblem = input.id === undefined ? null : chosenIdProblem(input.id, all, takenIds);
  if (idProblem) problems.push({ field: 'id', message: idProblem });
  const urls = serviceUrls(protocol, input);
  if (!urls.ok) problems.push({ field: urls.field, message: urls.message });
  else {
    const sameServer = all.find((s) => s.apiUrl && sameUrl(s.apiUrl, urls.apiUrl));
    if (sameServer) {
      problems.push({
        field: 'url',
        message: `This server is already in your list, as “${sameServer.name}”.`,
      });
    }
  }
  if (!urls.ok || problems.length > 0) return { ok: false, problems };
  const taken = new Set([...all.map((s) => s.id), ...takenIds]);
  const entry: CustomServiceEntry = {
    id: input.id ?? uniqueId(slugOf(name), taken),
    name,
    apiUrl: urls.apiUrl,
    authUrl: urls.authUrl,
  };
  // GNU FM is written as it always was (no protocol), so an older Scrobbletray still reads it.
  if (protocol === 'gnufm') entry.flavor = 'gnufm';
  else if (protocol === 'lastfm2') Object.assign(entry, { flavor: 'lastfm', protocol });
  else entry.protocol = protocol;
  return { ok: true, entry };
}

function chosenIdProblem(
  id: string,
  known: readonly KnownService[],
  takenIds: readonly string[],
): string | null {
  if (!ID_PATTERN.test(id)) {
    return 'The id is a lowercase name of up to 40 letters, digits, "-" or "_", such as home-gnufm.';
  }
  if (isReservedServiceId(id) || known.some((s) => s.id === id) || takenIds.includes(id)) {
    return `The id "${id}" is already taken: pick another.`;
  }
  return null;
}

/**
 * Characters a shell or an opener would act on. The address is handed to a browser opener
 * and printed for copying, so none of them is let through, in any part of it.
 */
const SHELL_CHARACTERS = /[&;|$`<>()'"\\!*{}^]/;

/** Refuses an address with characters a shell would act on; the typed text is not repeated. */
export function shellSafeAddressProblem(address: string): string | null {
  return SHELL_CHARACTERS.test(address)
    ? 'Addresses cannot contain & ; | $ ` < > ( ) { } ! * ^, quotes or backslashes: type just the server’s address, such as https://example.org/.'
    : null;
}

export type ServiceUrls =
  | { ok: true; apiUrl: string; authUrl: string }
  | { ok: false; field: 'url' | 'apiUrl' | 'authUrl'; message: string };

/**
 * A service's URLs from the address the user gave and the protocol: lastfm2 and gnufm have the
 * 2.0 API at `<address>/2.0/` and the approval page at `<address>/api/auth/`; for as12 the
 * address is the handshake root and for listenbrainz the API root. `apiUrl` and `authUrl`
 * override what the address gives.
 */
export function serviceUrls(
  protocol: CustomProtocol,
  input: Pick<NewServiceInput, 'url' | 'apiUrl' | 'authUrl'>,
): ServiceUrls {
  for (const field of ['url', 'apiUrl', 'authUrl'] as const) {
    const problem = input[field] === undefined ? null : shellSafeAddressProblem(input[field]);
    if (problem) return { ok: false, field, message: problem };
  }
  let derived: GnufmUrls;
  if (protocol === 'lastfm2' || protocol === 'gnufm') derived = gnufmUrls(input.url);
  else {
    const root = plainAddress(input.url, 'url');
    derived = root.ok ? { ok: true, apiUrl: root.url, authUrl: root.url } : root;
  }
  if (!derived.ok) return { ok: false, field: 'url', message: derived.message };
  let { apiUrl, authUrl } = derived;
  if (input.apiUrl !== undefined) {
    const over = plainAddress(input.apiUrl, 'the API address');
    if (!over.ok) return { ok: false, field: 'apiUrl', message: over.message };
    apiUrl = over.url;
  }
  if (input.authUrl !== undefined) {
    const over = plainAddress(input.authUrl, 'the approval page’s address');
    if (!over.ok) return { ok: false, field: 'authUrl', message: over.message };
    authUrl = over.url;
  }
  return { ok: true, apiUrl, authUrl };
}

/**
 * An address used as given (a handshake root, an API root, an override): http(s), a host name
 * and no user name, password, query or fragment. https:// is assumed when no scheme is typed.
 */
function plainAddress(
  address: string,
  what: string,
): { ok: true; url: string } | { ok: false; message: string } {
  const typed = address.trim();
  const example = 'type it like https://example.org/';
  if (!typed) return { ok: false, message: `Enter ${what}, such as https://example.org/.` };
  if (/\s/.test(typed)) return { ok: false, message: `That is not a web address: ${example}.` };
  const hasScheme = /^[a-z][a-z0-9+.-]*:(?!\d)/i.test(typed);
  let url: URL;
  try {
    url = new URL(hasScheme ? typed : `https://${typed}`);
  } catch {
    return { ok: false, message: `That is not a web address: ${example}.` };
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    return { ok: false, message: `Use an https:// (or http://) address: ${example}.` };
  }
  if (url.username || url.password) {
    return {
      ok: false,
      message:
        'Leave the user name and password out of the address: you sign in after adding the server.',
    };
  }
  if (!url.hostname || !HOST_PATTERN.test(url.hostname)) {
    return {
      ok: false,
      message: `A server's name has only letters, digits, dots and hyphens: ${example}.`,
    };
  }
  if (url.search || url.hash) {
    return { ok: false, message: `Leave out anything after ? or # in the address: ${example}.` };
  }
  return { ok: true, url: url.href };
}

const HOST_PATTERN = /^([a-z0-9_-]+\.)*[a-z0-9_-]+\.?$|^\[[0-9a-f:.]+\]$/;

export type GnufmUrls =
  { ok: true; apiUrl: string; authUrl: string } | { ok: false; message: string };

/**
 * A GNU FM install's URLs from its address: the 2.0 API at `<address>/2.0/` and the approval
 * page at `<address>/api/auth/` (PROTOCOLS.md). Accepts the address without a scheme
 * (https:// is assumed) and the API root or auth page pasted by mistake. The typed text is
 * never repeated in a message: it might hold a password.
 */
export function gnufmUrls(address: string): GnufmUrls {
  const typed = address.trim();
  const example = 'type it like https://gnufm.example.org';
  if (!typed) {
    return { ok: false, message: 'Enter the server’s address, such as https://gnufm.example.org.' };
  }
  if (/\s/.test(typed)) return { ok: false, message: `That is not a web address: ${example}.` };
  // "gnufm.example.org" or "localhost:8080" has no scheme; "ftp:x" has one that is wrong.
  const hasScheme = /^[a-z][a-z0-9+.-]*:(?!\d)/i.test(typed);
  let url: URL;
  try {
    url = new URL(hasScheme ? typed : `https://${typed}`);
  } catch {
    return { ok: false, message: `That is not a web address: ${example}.` };
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    return {
      ok: false,
      message: `Use an https:// (or http://) address: a GNU FM server cannot be reached at a ${url.protocol} address.`,
    };
  }
  if (url.username || url.password) {
    return {
      ok: false,
      message:
        'Leave the user name and password out of the address: you sign in after adding the server.',
    };
  }
  if (!url.hostname) return { ok: false, message: `That is not a web address: ${example}.` };
  // The URL parser lets `&`, quotes and the like through in a host name; no real server has
  // one, and each is trouble wherever the address is handed on (an opener, a log line).
  if (!HOST_PATTERN.test(url.hostname)) {
    return {
      ok: false,
      message: `A server's name has only letters, digits, dots and hyphens: ${example}.`,
    };
  }
  const segments = url.pathname.split('/').filter(Boolean);
  if (segments.at(-1) === '2.0') segments.pop();
  else if (segments.at(-2) === 'api' && segments.at(-1) === 'auth') segments.splice(-2);
  const base = `${url.origin}/${segments.map((s) => `${s}/`).join('')}`;
  return { ok: true, apiUrl: `${base}2.0/`, authUrl: `${base}api/auth/` };
}

/** "Home GNU FM" -> "home-gnu-fm"; a name with no Latin letters or digits -> "gnufm". */
export function slugOf(name: string): string {
  const slug = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .slice(0, 32)
    .replace(/^-+|-+$/g, '');
  return slug || 'gnufm';
}

function uniqueId(base: string, taken: ReadonlySet<string>): string {
  const free = (id: string) => !taken.has(id) && !isReservedServiceId(id);
  if (free(base)) return base;
  for (let n = 2; ; n++) if (free(`${base}-${n}`)) return `${base}-${n}`;
}

function sameUrl(a: string, b: string): boolean {
  const norm = (u: string) => {
    try {
      return new URL(u).href.replace(/\/+$/, '');
    } catch {
      return u;
    }
  };
  return norm(a) === norm(b);
}
