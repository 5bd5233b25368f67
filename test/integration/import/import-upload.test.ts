import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../../src/main/server/server.js';
import { IMPORT_CHUNK_BYTES, type ImportUpload } from '../../../src/shared/import-types.js';
import { apiCall, bearer, readEvents } from '../../support/headless-client.js';
import { queueHarness, type QueueHarness } from '../../support/queue-harness.js';

// How a file gets from the window to main over the headless server (`serve`): its content in
// chunks under the 1 MB body cap, into a temp file in the data dir that is gone afterwards.
// The real core (SQLite in a temp dir, signed in to the fake Last.fm), the real HTTP server.

const fixture = (name: string) =>
  fileURLToPath(new URL(`../../fixtures/import/${name}`, import.meta.url));

let h: QueueHarness;
let server: RunningServer;
let auth: Record<string, string>;
beforeEach(async () => {
  h = await queueHarness();
  server = await startServer({ core: h.core, port: 0 });
  auth = bearer(server.token);
});
afterEach(async () => {
  await server.close();
  await h.close();
});

async function call<T>(
  method: string,
  input: unknown,
): Promise<{ status: number; result: T; message?: string }> {
  const res = await apiCall(server.port, method, input, auth);
  const body = res.json<{ ok: boolean; result: T; error?: { message: string } }>();
  return { status: res.status, result: body.result, message: body.error?.message };
}

const uploadsDir = () => join(h.core.dataDir, 'import-uploads');

describe('uploading a file to import', () => {
  it('takes the content in chunks, previews and imports it, with progress events, then removes the copy', async () => {
    // A file over 2 chunks: the fixture repeated as a JSON Lines export is simplest.
    const line = readFileSync(fixture('listenbrainz-listens.jsonl'), 'utf8').trim().split('\n')[0]!;
    const listen = JSON.parse(line) as {
      listened_at: number;
      track_metadata: { track_name: string };
    };
    const now = Math.floor(h.now() / 1000);
    const lines = Array.from({ length: 6000 }, (_, i) =>
      JSON.stringify({
        ...listen,
        listened_at: now - 3600 - i * 200,
        track_metadata: { ...listen.track_metadata, track_name: `Take ${i}` },
      }),
    );
    const content = Buffer.from(`${lines.join('\n')}\n`);
    expect(content.length).toBeGreaterThan(2 * IMPORT_CHUNK_BYTES);

    const begun = await call<ImportUpload>('import.begin', {
      fileName: 'listens.jsonl',
      size: content.length,
    });
    expect(begun.status).toBe(200);
    const upload = begun.result.upload;
    // A chunk at the wrong offset is refused, not appended.
    const wrong = await call('import.append', { upload, offset: 5, data: 'AAAA' });
    expect(wrong.status).toBe(409);
    expect(wrong.message).toMatch(/at byte 0, not 5/);
    for (let offset = 0; offset < content.length; offset += IMPORT_CHUNK_BYTES) {
      const data = content.subarray(offset, offset + IMPORT_CHUNK_BYTES).toString('base64');
      const res = await call<ImportUpload>('import.append', { upload, offset, data });
      expect(res.status).toBe(200);
    }
    expect(readdirSync(uploadsDir())).toHaveLength(1);

    const preview = await call<{ file: string; plays: number; services: { plays: number }[] }>(
      'import.preview',
      { upload },
    );
    expect(preview.result).toMatchObject({ file: 'listens.jsonl', plays: 6000 });
    const toLastfm = preview.result.services[0]!.plays;

    const events = await readEvents(server.port, auth);
    const run = await call<{ queued: number }>('import.run', { upload, services: ['lastfm'] });
    expect(run.result.queued).toBe(toLastfm);
    const last = await events.next(
      (e) => e.type === 'import-progress' && e.job === upload && e.phase === 'import' && e.done,
      'the last import-progress event',
    );
    expect(last).toMatchObject({ queued: toLastfm });
    events.close();
    expect(readdirSync(uploadsDir())).toEqual([]);

    const list = await call<{ fileName: string; unsent: number }[]>('import.list', {});
    expect(list.result.map((i) => [i.fileName, i.unsent])).toEqual([['listens.jsonl', toLastfm]]);
    // The upload is gone: running it again says what to do.
    const again = await call('import.run', { upload, services: ['lastfm'] });
    expect(again.status).toBe(404);
    expect(again.message).toMatch(/choose the file again/);
  });

  it('refuses a chunk over the cap, and names the chosen file (not the temp copy) in errors', async () => {
    const big = await call('import.append', {
      upload: '0b6f4c2e-8a1d-4f3e-9c5b-2d7e6f1a3b4c',
      offset: 0,
      data: Buffer.alloc(IMPORT_CHUNK_BYTES + 3).toString('base64'),
    });
    expect(big.status).toBe(400);

    const text = Buffer.from('this is not a listening history\n');
    const { result } = await call<ImportUpload>('import.begin', {
      fileName: 'notes.txt',
      size: text.length,
    });
    await call('import.append', {
      upload: result.upload,
      offset: 0,
      data: text.toString('base64'),
    });
    const preview = await call('import.preview', { upload: result.upload });
    expect(preview.status).toBe(400);
    expect(preview.message).toMatch(/^notes\.txt: Cannot tell what kind of file this is/);
    expect(preview.message).not.toMatch(/import-uploads|\.part/);
    // A failed preview discards the upload's copy.
    await call('import.discard', { upload: result.upload });
    expect(existsSync(uploadsDir()) ? readdirSync(uploadsDir()) : []).toEqual([]);
  });
});
