// The fake Audioscrobbler 1.2 server's handshake rules, checked with plain HTTP requests
// (not our client, which only ever sends well-formed ones): the order GNU FM checks things in
// and what it answers to each (PROTOCOLS.md, gnufm-up.sh's observations).
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { startFakeAs12 } from '../../support/fake-as12/index.js';
import type { FakeAs12 } from '../../support/fake-as12/index.js';

const md5 = (s: string) => createHash('md5').update(s).digest('hex');
let fake: FakeAs12;

beforeAll(async () => {
  fake = await startFakeAs12({ users: { alice: 'pw' } });
});
afterAll(() => fake.close());

let bump = 0;
async function handshake(
  over: Record<string, string | null> = {},
  on: FakeAs12 = fake,
): Promise<string> {
  const t = String(Math.floor(on.nowMs() / 1000) + bump++);
  const q: Record<string, string | null> = {
    hs: 'true',
    p: '1.2.1',
    c: 'tst',
    v: '1',
    u: 'alice',
    t,
    a: md5(md5('pw') + t),
    ...over,
  };
  const url = new URL(on.handshakeUrl);
  for (const [k, v] of Object.entries(q)) if (v !== null) url.searchParams.set(k, v);
  return (await fetch(url)).text();
}

describe('fake 1.2 handshake', () => {
  it('answers OK with a session id and two URLs', async () => {
    const lines = (await handshake()).trim().split('\n');
    expect(lines[0]).toBe('OK');
    expect(lines[2]).toBe(`${fake.handshakeUrl}nowplaying/1.2/`);
    expect(lines[3]).toBe(`${fake.handshakeUrl}submissions/1.2/`);
  });

  it('p: 1.2 and 1.2.1 only; 1.1 is the old protocol; anything else an empty page', async () => {
    expect(await handshake({ p: '1.2' })).toMatch(/^OK\n/);
    expect(await handshake({ p: '1.2.5' })).toBe('FAILED Unsupported protocol version\n');
    expect(await handshake({ p: '1.1' })).toMatch(/^UPTODATE\n/);
    expect(await handshake({ p: '2.0' })).toBe('');
  });

  it('BADAUTH for a missing c, u, t or a, a wrong password or an unknown user', async () => {
    for (const k of ['c', 'u', 't', 'a']) expect(await handshake({ [k]: null })).toBe('BADAUTH\n');
    expect(await handshake({ a: md5('nope') })).toBe('BADAUTH\n');
    expect(await handshake({ u: 'nobody' })).toBe('BADAUTH\n');
  });

  it('BADTIME beyond ±300 s, checked before the password', async () => {
    const t = String(Math.floor(fake.nowMs() / 1000) + 301);
    expect(await handshake({ t, a: md5('wrong') })).toBe('BADTIME\n');
    expect(await handshake({ t: 'soon' })).toBe('BADTIME\n');
  });

  it('the standard form finds the user whatever the case; client "import" is refused', async () => {
    expect(await handshake({ u: 'ALICE' })).toMatch(/^OK\n/);
    expect(await handshake({ c: 'import' })).toBe('FAILED Import scripts are broken\n');
  });

  it('the same t and a twice in one second: FAILED duplicate key', async () => {
    const second = Date.now();
    const frozen = await startFakeAs12({ users: { alice: 'pw' }, now: () => second });
    try {
      const t = String(Math.floor(second / 1000));
      const a = md5(md5('pw') + t);
      expect(await handshake({ t, a }, frozen)).toMatch(/^OK\n/);
      expect(await handshake({ t, a }, frozen)).toMatch(/^FAILED .*duplicate key/);
      // Another second is another session id.
      const t2 = String(Number(t) + 1);
      expect(await handshake({ t: t2, a: md5(md5('pw') + t2) }, frozen)).toMatch(/^OK\n/);
    } finally {
      await frozen.close();
    }
  });

  it('no hs: the human-readable page (after a blank line, as gnukebox prints it)', async () => {
    const res = await fetch(fake.handshakeUrl);
    expect(res.headers.get('content-type')).toMatch(/text\/html/);
    expect((await res.text()).split('\n')[0]).toBe('');
  });
});

describe('fake 1.2 submission', () => {
  async function post(path: string, form: Record<string, string>): Promise<string> {
    const res = await fetch(new URL(path, fake.handshakeUrl), {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(form).toString(),
    });
    return res.text();
  }
  const sid = async () => (await handshake()).split('\n')[1]!;

  it('a GET (no form) is answered like an empty POST, as a real gnukebox does, not 404', async () => {
    // Seen on a real GNU FM (docs/SERVICES.md, "Checked against a real GNU FM"): PHP's $_POST
    // is simply empty, so the protocol's own FAILED comes back with HTTP 200.
    for (const path of ['submissions/1.2/', 'nowplaying/1.2/']) {
      const res = await fetch(new URL(path, fake.handshakeUrl));
      expect(res.status).toBe(200);
      expect(await res.text()).toBe('FAILED Required POST parameters are not set\n');
    }
  });

  it('checks required parameters before the session, then BADSESSION for an unknown one', async () => {
    expect(await post('submissions/1.2/', { s: 'x' })).toBe(
      'FAILED Required POST parameters are not set\n',
    );
    expect(await post('submissions/1.2/', { s: 'x', a: 'A', t: 'T', i: '1' })).toBe(
      'FAILED Track parameters must be arrays\n',
    );
    expect(
      await post('submissions/1.2/', { s: 'nope', 'a[0]': 'A', 't[0]': 'T', 'i[0]': '1700000000' }),
    ).toBe('BADSESSION\n');
  });

  it('strict mode: every key of every track, and a length with source P', async () => {
    const s = await sid();
    const i = String(Math.floor(fake.nowMs() / 1000) - 600);
    const base = { s, 'a[0]': 'A', 't[0]': 'Strict', 'i[0]': i };
    expect(await post('submissions/1.2/', base)).toMatch(
      /^FAILED Track 0 is missing key\(s\): o, r, l, b, n, m/,
    );
    const all = {
      ...base,
      'o[0]': 'P',
      'r[0]': '',
      'l[0]': '',
      'b[0]': '',
      'n[0]': '',
      'm[0]': '',
    };
    expect(await post('submissions/1.2/', all)).toMatch(
      /length: it is required when the source is P/,
    );
    expect(await post('submissions/1.2/', { ...all, 'l[0]': '200' })).toBe('OK\n');
    expect(fake.scrobbles.filter((x) => x.track === 'Strict')).toHaveLength(1);
  });
});
