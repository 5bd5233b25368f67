import { afterEach, describe, expect, it } from 'vitest';
import { MemorySecretStore } from '../../../src/main/secrets/memory-store.js';
import { resolveServiceEndpoints } from '../../../src/main/settings/service-config.js';
import { memorySettings } from '../../../src/main/settings/store.js';
import { createTarget } from '../../../src/main/targets/registry.js';
import type { ScrobbleTarget } from '../../../src/main/targets/target.js';

// The registry builds each service's delivery adapter from its protocol. Building one makes
// no request, so this runs without a server; what the adapters send is tested against the
// fake servers (test/integration/targets, services-cli.test.ts).

const built: ScrobbleTarget[] = [];
afterEach(async () => {
  for (const t of built.splice(0)) await t.close?.();
});

function build(serviceId: string, settings = memorySettings()) {
  return createTarget({
    serviceId,
    endpoints: resolveServiceEndpoints(serviceId, settings, {}),
    account: async () => null,
    secrets: new MemorySecretStore(),
    env: {},
    http: { userAgent: 'test' },
  }).then((t) => (built.push(t), t));
}

describe('createTarget', () => {
  it('builds ListenBrainz and a 1.2 server by their protocols, with each protocol’s batch size', async () => {
    const lb = await build('listenbrainz');
    expect({ id: lb.id, maxBatch: lb.maxBatch, readsBack: typeof lb.recentPlays }).toEqual({
      id: 'listenbrainz',
      maxBatch: 1000,
      readsBack: 'function',
    });
    const settings = memorySettings({
      customServices: [
        {
          id: 'turtle',
          name: 'Turtle',
          protocol: 'as12',
          apiUrl: 'http://127.0.0.1:9/',
          authUrl: 'http://127.0.0.1:9/',
        },
      ],
    });
    const as12 = await build('turtle', settings);
    // 1.2 has no read-back: a lost answer is sent again (GNU FM drops exact duplicates).
    expect({ id: as12.id, maxBatch: as12.maxBatch, readsBack: as12.recentPlays }).toEqual({
      id: 'turtle',
      maxBatch: 50,
      readsBack: undefined,
    });
    expect(as12.pace).toEqual({ requests: 50, perMs: 10_000 });
  });

  it('a not-signed-in ListenBrainz target refuses to send, asking for sign-in', async () => {
    const lb = await build('listenbrainz');
    await expect(
      lb.scrobble([{ artist: 'A', track: 'T', timestamp: 1_700_000_000 }]),
    ).rejects.toMatchObject({
      errorClass: 'reauth',
      message: expect.stringMatching(/login --service listenbrainz/),
    });
  });

  it('builds nothing for SoundCloud, an account only', async () => {
    await expect(build('soundcloud')).rejects.toThrow(/SoundCloud is an account only/);
  });
});
