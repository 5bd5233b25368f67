import { createInterface } from 'node:readline';
import { startFakeLastfm } from '../test/support/fake-lastfm/index.js';
import type { FakeLastfmOptions } from '../test/support/fake-lastfm/index.js';

// The fake Last.fm in a process of its own, so the CPU it spends answering does not count
// against the client a benchmark measures. Usage:
//   node --import tsx bench/fake-lastfm-server.ts '{"dailyCap": 1000000}'
// Prints one JSON line (FakeServerHello) once listening, then answers each "stats" line on
// stdin with one JSON line (FakeServerStats). Closes and exits when stdin ends.

/** The first line the server prints: where it listens and a signed-in session for alice. */
export interface FakeServerHello {
  apiUrl: string;
  authUrl: string;
  apiKey: string;
  apiSecret: string;
  user: string;
  sessionKey: string;
}

/** What the server received, as it answers "stats". */
export interface FakeServerStats {
  /** API requests by `method` parameter. */
  requests: Record<string, number>;
  /** Accepted scrobbles, duplicates included. */
  scrobbles: number;
  /** "artist|track|timestamp" -> times recorded. */
  counts: Record<string, number>;
  /** CPU time (user+system) this server process has used so far. */
  cpuMs: number;
}

const USER = 'alice';

const options = JSON.parse(process.argv[2] ?? '{}') as FakeLastfmOptions;
const fake = await startFakeLastfm(options);

function stats(): FakeServerStats {
  const requests: Record<string, number> = {};
  for (const r of fake.requests) {
    const key = r.method ?? '(none)';
    requests[key] = (requests[key] ?? 0) + 1;
  }
  const counts: Record<string, number> = {};
  const scrobbles = fake.scrobbles;
  for (const s of scrobbles) {
    const key = `${s.artist}|${s.track}|${s.timestamp}`;
    counts[key] = (counts[key] ?? 0) + 1;
  }
  const cpu = process.cpuUsage();
  return { requests, scrobbles: scrobbles.length, counts, cpuMs: (cpu.user + cpu.system) / 1000 };
}

const hello: FakeServerHello = {
  apiUrl: fake.apiUrl,
  authUrl: fake.authUrl,
  apiKey: fake.apiKey,
  apiSecret: fake.apiSecret,
  user: USER,
  sessionKey: fake.createSession(USER),
};
process.stdout.write(`${JSON.stringify(hello)}\n`);

const lines = createInterface({ input: process.stdin });
lines.on('line', (line) => {
  if (line.trim() === 'stats') process.stdout.write(`${JSON.stringify(stats())}\n`);
  else process.stderr.write(`fake-lastfm-server: unknown command ${JSON.stringify(line)}\n`);
});
lines.on('close', () => {
  void fake.close().then(() => process.exit(0));
});
