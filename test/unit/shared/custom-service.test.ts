import { describe, expect, it } from 'vitest';
import {
  CUSTOM_SERVICE_SCHEMA,
  gnufmUrls,
  newCustomService,
  parseCustomServices,
  serviceUrls,
  shellSafeAddressProblem,
  slugOf,
} from '../../../src/shared/custom-service.js';
import { protocolLabel } from '../../../src/shared/services.js';

const home = {
  id: 'home',
  name: 'Home GNU FM',
  apiUrl: 'https://gnufm.example.org/2.0/',
  authUrl: 'https://gnufm.example.org/api/auth/',
  flavor: 'gnufm',
};

describe('gnufmUrls: a GNU FM install from its address', () => {
  it.each([
    ['https://gnufm.example.org', 'https://gnufm.example.org/'],
    ['https://gnufm.example.org/', 'https://gnufm.example.org/'],
    ['https://example.org/gnufm/', 'https://example.org/gnufm/'],
    ['https://example.org/gnufm', 'https://example.org/gnufm/'],
    ['  HTTPS://GNUFM.Example.org  ', 'https://gnufm.example.org/'],
    // No scheme: https is assumed, also with a port.
    ['gnufm.example.org', 'https://gnufm.example.org/'],
    ['localhost:8080/nixtape', 'https://localhost:8080/nixtape/'],
    // The API root or the auth page pasted instead of the address.
    ['https://libre.example/2.0/', 'https://libre.example/'],
    ['https://example.org/gnufm/2.0', 'https://example.org/gnufm/'],
    ['https://example.org/gnufm/api/auth/', 'https://example.org/gnufm/'],
    // A query or fragment is not part of the install's address.
    ['http://127.0.0.1:4000/?page=1#top', 'http://127.0.0.1:4000/'],
    // IPv6 and international names (stored as punycode) are fine.
    ['http://[::1]:4000/', 'http://[::1]:4000/'],
    ['https://bücher.example/', 'https://xn--bcher-kva.example/'],
  ])('%s -> %s{2.0/, api/auth/}', (typed, base) => {
    expect(gnufmUrls(typed)).toEqual({
      ok: true,
      apiUrl: `${base}2.0/`,
      authUrl: `${base}api/auth/`,
    });
  });

  it.each([
    ['', /Enter the server’s address/],
    ['   ', /Enter the server’s address/],
    ['not a url', /not a web address/],
    ['https://', /not a web address/],
    ['ftp://gnufm.example.org', /Use an https:\/\/ \(or http:\/\/\) address.*ftp:/],
    ['mailto:admin@example.org', /Use an https:\/\/.*mailto:/],
    ['javascript:alert(1)', /Use an https:\/\//],
    // Characters the URL parser leaves in a host name but no server has.
    ['https://gnufm.example.org&calc.exe', /only letters, digits, dots and hyphens/],
    ['gnufm&calc', /only letters, digits, dots and hyphens/],
    ["https://a'b.example/", /only letters, digits, dots and hyphens/],
    ['https://a"b.example/', /only letters, digits, dots and hyphens/],
  ])('refuses %j, saying what to fix', (typed, message) => {
    const result = gnufmUrls(typed);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toMatch(message);
  });

  it('refuses credentials in the address without repeating them', () => {
    const result = gnufmUrls('https://faif:hunter2@gnufm.example.org');
    expect(result).toEqual({ ok: false, message: expect.stringMatching(/sign in after/) });
    expect(JSON.stringify(result)).not.toContain('hunter2');
    expect(JSON.stringify(gnufmUrls('https://faif:hunter 2@x'))).not.toContain('hunter');
  });
});

describe('newCustomService: what the user typed -> a settings entry', () => {
  it('derives the URLs and an id from the name, and passes its own schema', () => {
    const result = newCustomService({ name: '  Home   GNU FM ', url: 'https://example.org/gnufm' });
    expect(result).toEqual({
      ok: true,
      entry: {
        id: 'home-gnu-fm',
        name: 'Home GNU FM',
        apiUrl: 'https://example.org/gnufm/2.0/',
        authUrl: 'https://example.org/gnufm/api/auth/',
        flavor: 'gnufm',
      },
    });
    if (result.ok) expect(CUSTOM_SERVICE_SCHEMA.safeParse(result.entry).success).toBe(true);
  });

  it('keeps ids unique: known services, ids to avoid, and the built-in ones', () => {
    const known = [{ id: 'home', name: 'Home (old)', apiUrl: 'https://old.example/2.0/' }];
    const id = (name: string, taken: string[] = []) => {
      const r = newCustomService({ name, url: `https://${slugOf(name)}.example` }, known, taken);
      return r.ok ? r.entry.id : r.problems;
    };
    expect(id('Home')).toBe('home-2');
    expect(id('Home', ['home-2'])).toBe('home-3');
    expect(id('LastFM')).toBe('lastfm-2');
    expect(id('Libre FM')).toBe('libre-fm');
    expect(id('Constructor')).toBe('constructor-2');
  });

  it('makes a slug of any name', () => {
    expect(slugOf('Café Müller’s Server!')).toBe('cafe-muller-s-server');
    expect(slugOf('音楽')).toBe('gnufm');
    expect(slugOf('x'.repeat(100))).toHaveLength(32);
  });

  it('names each field to fix', () => {
    expect(newCustomService({ name: '', url: 'ftp://x' })).toEqual({
      ok: false,
      problems: [
        { field: 'name', message: expect.stringMatching(/Give the server a name/) },
        { field: 'url', message: expect.stringMatching(/https:\/\//) },
      ],
    });
    expect(newCustomService({ name: 'x'.repeat(61), url: 'a.example' })).toMatchObject({
      ok: false,
      problems: [{ field: 'name', message: expect.stringMatching(/60 characters or fewer/) }],
    });
  });

  it('refuses a name or a server that is already there', () => {
    const known = [{ id: 'home', name: 'Home', apiUrl: 'https://gnufm.example.org/2.0/' }];
    expect(newCustomService({ name: 'HOME', url: 'https://b.example' }, known)).toMatchObject({
      ok: false,
      problems: [{ field: 'name', message: expect.stringMatching(/already have a server called/) }],
    });
    expect(newCustomService({ name: 'Libre.fm', url: 'https://c.example' })).toMatchObject({
      ok: false,
      problems: [{ field: 'name' }],
    });
    expect(newCustomService({ name: 'Work', url: 'gnufm.example.org/' }, known)).toMatchObject({
      ok: false,
      problems: [
        { field: 'url', message: expect.stringMatching(/already in your list, as “Home”/) },
      ],
    });
    expect(newCustomService({ name: 'Work', url: 'https://libre.fm' })).toMatchObject({
      ok: false,
      problems: [{ field: 'url', message: expect.stringMatching(/as “Libre.fm”/) }],
    });
  });

  it('accepts a plain http:// server (the card flags it; passwords stay refused there)', () => {
    expect(newCustomService({ name: 'LAN', url: 'http://192.168.1.5/gnufm' })).toMatchObject({
      ok: true,
      entry: { apiUrl: 'http://192.168.1.5/gnufm/2.0/' },
    });
  });
});

describe('parseCustomServices: settings.json is a trust boundary', () => {
  it('reads valid entries as GNU FM presets with the fixed GNU FM credentials', () => {
    const { services, skipped } = parseCustomServices([{ ...home, protocol: 'lastfm2' }]);
    expect(skipped).toEqual([]);
    expect(services).toEqual([
      expect.objectContaining({
        id: 'home',
        protocol: 'lastfm2',
        flavor: 'gnufm',
        apiUrl: home.apiUrl,
        defaultApiKey: expect.any(String),
        defaultApiSecret: expect.any(String),
      }),
    ]);
  });

  it('nothing there is nothing to read', () => {
    expect(parseCustomServices(undefined)).toEqual({ services: [], skipped: [] });
    expect(parseCustomServices([])).toEqual({ services: [], skipped: [] });
  });

  it('skips each bad entry with the reason in words, keeping the good ones', () => {
    const { services, skipped } = parseCustomServices([
      home,
      { ...home, id: 'Bad Id', name: 'Shouty' },
      { ...home, id: 'ftp', apiUrl: 'ftp://x/2.0/', flavor: 'lastfm' },
      { id: 'nourl', name: 'No URLs', flavor: 'gnufm' },
      { ...home, id: 'librefm' },
      { ...home, name: 'Home again' },
      'home',
      null,
    ]);
    expect(services.map((s) => s.id)).toEqual(['home']);
    const reasons = skipped.map((s) => [s.index, s.reason]);
    expect(reasons).toEqual([
      [
        1,
        expect.stringMatching(
          /^customServices\[1\] in settings\.json is skipped: id must be a lowercase slug/,
        ),
      ],
      [
        2,
        expect.stringMatching(
          /apiUrl must be an http:\/\/ or https:\/\/ address.*; flavor must be "gnufm"/,
        ),
      ],
      [3, expect.stringMatching(/apiUrl is missing; authUrl is missing/)],
      [4, expect.stringMatching(/id "librefm" is taken by Scrobbletray/)],
      [5, expect.stringMatching(/id "home" is used by an earlier entry too/)],
      [6, expect.stringMatching(/must be an object/)],
      [7, expect.stringMatching(/must be an object/)],
    ]);
    // An entry keeps its id (so the window can remove it) only while nothing else has it.
    expect(skipped.map((s) => s.id)).toEqual([null, 'ftp', 'nourl', null, null, null, null]);
    expect(skipped.map((s) => s.name)).toEqual([
      'Shouty',
      'Home GNU FM',
      'No URLs',
      'Home GNU FM',
      'Home again',
      null,
      null,
    ]);
  });

  it('customServices that is not a list is reported, not thrown', () => {
    expect(parseCustomServices({ home })).toEqual({
      services: [],
      skipped: [{ index: null, id: null, name: null, reason: expect.stringMatching(/not a list/) }],
    });
  });
});

describe('servers of every protocol', () => {
  it('derives the URLs per protocol: 2.0 under the address, 1.2 and ListenBrainz at it', () => {
    const url = 'https://music.example.org/base';
    expect(serviceUrls('gnufm', { url })).toEqual({
      ok: true,
      apiUrl: 'https://music.example.org/base/2.0/',
      authUrl: 'https://music.example.org/base/api/auth/',
    });
    expect(serviceUrls('lastfm2', { url })).toEqual(serviceUrls('gnufm', { url }));
    expect(serviceUrls('as12', { url: 'http://turtle.example.org/' })).toEqual({
      ok: true,
      apiUrl: 'http://turtle.example.org/',
      authUrl: 'http://turtle.example.org/',
    });
    expect(serviceUrls('listenbrainz', { url: 'lb.example.org' })).toMatchObject({
      ok: true,
      apiUrl: 'https://lb.example.org/',
    });
    // --api-url and --auth-url override what the address gives.
    expect(
      serviceUrls('gnufm', {
        url,
        apiUrl: 'https://api.example.org/2.0/',
        authUrl: 'https://www.example.org/auth/',
      }),
    ).toEqual({
      ok: true,
      apiUrl: 'https://api.example.org/2.0/',
      authUrl: 'https://www.example.org/auth/',
    });
  });

  it.each([
    ['https://example.org/a&b'],
    ['https://example.org/;ls'],
    ['https://example.org/$(id)'],
    ['https://example.org/`id`'],
    ['https://example.org/a|b'],
    ["https://example.org/it's"],
    ['https://example.org/"x"'],
    ['https://example.org/a>b'],
  ])('refuses %s, in words, without repeating it', (address) => {
    for (const protocol of ['gnufm', 'as12', 'listenbrainz', 'lastfm2'] as const) {
      const result = serviceUrls(protocol, { url: address });
      expect(result).toMatchObject({ ok: false, field: 'url' });
      if (!result.ok) {
        expect(result.message).toMatch(/^Addresses cannot contain/);
        expect(result.message).not.toContain(address);
      }
    }
    expect(serviceUrls('as12', { url: 'https://ok.example.org/', apiUrl: address })).toMatchObject({
      ok: false,
      field: 'apiUrl',
    });
  });

  it('lets ordinary addresses through: ports, paths, IPv6, ~user', () => {
    for (const ok of [
      'http://127.0.0.1:8403/',
      'https://example.org/~me/gnufm/',
      'http://[::1]:4000/',
      'https://example.org/a-b_c.d/',
    ]) {
      expect(shellSafeAddressProblem(ok), ok).toBeNull();
      expect(serviceUrls('as12', { url: ok }).ok, ok).toBe(true);
    }
    // 1.2 and ListenBrainz roots are used as given, so a query or fragment is refused.
    expect(serviceUrls('as12', { url: 'http://t.example.org/?hs=true' })).toMatchObject({
      ok: false,
      message: expect.stringMatching(/after \? or #/),
    });
  });

  it('writes each protocol so an older version reads GNU FM and skips the rest', () => {
    const entry = (protocol: 'gnufm' | 'lastfm2' | 'as12' | 'listenbrainz') => {
      const r = newCustomService({ name: `S ${protocol}`, url: 'https://s.example.org', protocol });
      if (!r.ok) throw new Error(JSON.stringify(r.problems));
      return r.entry;
    };
    expect(entry('gnufm')).not.toHaveProperty('protocol');
    expect(entry('gnufm').flavor).toBe('gnufm');
    expect(entry('lastfm2')).toMatchObject({ protocol: 'lastfm2', flavor: 'lastfm' });
    expect(entry('as12')).toMatchObject({ protocol: 'as12', apiUrl: 'https://s.example.org/' });
    expect(entry('as12')).not.toHaveProperty('flavor');
    const { services, skipped } = parseCustomServices(
      (['gnufm', 'lastfm2', 'as12', 'listenbrainz'] as const).map(entry),
    );
    expect(skipped).toEqual([]);
    expect(services.map((s) => [s.protocol, s.flavor, protocolLabel(s)])).toEqual([
      ['lastfm2', 'gnufm', 'gnufm'],
      ['lastfm2', 'lastfm', 'lastfm2'],
      ['as12', 'gnufm', 'as12'],
      ['listenbrainz', 'gnufm', 'listenbrainz'],
    ]);
    // Only the GNU FM and Last.fm-compatible servers get API credentials to sign with.
    expect(services.map((s) => s.defaultApiKey !== undefined)).toEqual([true, false, false, false]);
  });

  it('reads older entries (no protocol, or lastfm2 with the GNU FM flavour) as GNU FM', () => {
    const { services } = parseCustomServices([
      home,
      { ...home, id: 'older', name: 'Older', protocol: 'lastfm2' },
    ]);
    expect(services.map(protocolLabel)).toEqual(['gnufm', 'gnufm']);
  });

  it('takes an id given by the user, refusing a taken or malformed one', () => {
    const known = [{ id: 'home', name: 'Home', apiUrl: 'https://h.example/2.0/' }];
    const add = (id: string) =>
      newCustomService({ id, name: 'New', url: 'https://n.example', protocol: 'as12' }, known, [
        'removed-once',
      ]);
    expect(add('my-turtle')).toMatchObject({ ok: true, entry: { id: 'my-turtle' } });
    for (const taken of ['home', 'lastfm', 'listenbrainz', 'soundcloud', 'removed-once']) {
      expect(add(taken), taken).toMatchObject({
        ok: false,
        problems: [{ field: 'id', message: expect.stringMatching(/already taken/) }],
      });
    }
    expect(add('Bad Id')).toMatchObject({
      ok: false,
      problems: [{ field: 'id', message: expect.stringMatching(/lowercase/) }],
    });
  });

  it('refuses a protocol it does not know, and a Last.fm flavour without protocol lastfm2', () => {
    expect(
      newCustomService({
        name: 'X',
        url: 'https://x.example',
        protocol: 'ftp' as unknown as 'as12',
      }),
    ).toMatchObject({ ok: false, problems: [{ field: 'protocol' }] });
    const { skipped } = parseCustomServices([
      { ...home, protocol: 'spotify' },
      { ...home, id: 'lf', flavor: 'lastfm' },
    ]);
    expect(skipped.map((s) => s.reason)).toEqual([
      expect.stringMatching(/protocol must be one of "lastfm2", "gnufm", "as12", "listenbrainz"/),
      expect.stringMatching(/flavor must be "gnufm" unless protocol is "lastfm2"/),
    ]);
  });
});
