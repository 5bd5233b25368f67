import { describe, expect, it } from 'vitest';
import {
  formatOffset,
  parseOffsetInput,
  toBase64,
  uploadFile,
} from '../../../src/renderer/lib/import-upload.js';
import { IMPORT_CHUNK_BYTES } from '../../../src/shared/import-types.js';

// The window's side of an upload: chunks in order, each under the contract's cap, whose bytes
// add up to the file; and the UTC offset the user types for a device-local log.

describe('uploadFile', () => {
  it('sends the whole file in order, in chunks of at most 512 KB, and reports progress', async () => {
    const size = 2 * IMPORT_CHUNK_BYTES + 12345;
    const bytes = new Uint8Array(size).map((_, i) => (i * 31) % 256);
    const file = Object.assign(new Blob([bytes]), { name: 'Streaming_History_Audio_2026.json' });
    const received: Buffer[] = [];
    const offsets: number[] = [];
    const progress: number[] = [];
    let total = 0;
    const upload = await uploadFile(
      {
        begin: async (fileName, announced) => {
          expect([fileName, announced]).toEqual(['Streaming_History_Audio_2026.json', size]);
          return { upload: 'u1', fileName, bytes: 0, size };
        },
        append: async (id, offset, data) => {
          expect(id).toBe('u1');
          offsets.push(offset);
          const chunk = Buffer.from(data, 'base64');
          expect(chunk.length).toBeLessThanOrEqual(IMPORT_CHUNK_BYTES);
          received.push(chunk);
          total += chunk.length;
          return { upload: id, fileName: 'x', bytes: total, size };
        },
      },
      file,
      (sent) => progress.push(sent),
    );
    expect(upload).toBe('u1');
    expect(offsets).toEqual([0, IMPORT_CHUNK_BYTES, 2 * IMPORT_CHUNK_BYTES]);
    expect(Buffer.concat(received).equals(Buffer.from(bytes))).toBe(true);
    expect(progress).toEqual([IMPORT_CHUNK_BYTES, 2 * IMPORT_CHUNK_BYTES, size]);
  });

  it('encodes bytes as base64 like Node does', () => {
    const bytes = new Uint8Array(100_000).map((_, i) => (i * 7) % 256);
    expect(toBase64(bytes)).toBe(Buffer.from(bytes).toString('base64'));
  });
});

describe('the UTC offset field', () => {
  it.each([
    ['+01:00', 60],
    ['-05:00', -300],
    ['+0530', 330],
    ['UTC+2', 120],
    ['+14:00', 840],
    ['-12', -720],
  ])('reads %s as %i minutes', (text, minutes) => {
    expect(parseOffsetInput(text)).toBe(minutes);
    expect(parseOffsetInput(formatOffset(minutes))).toBe(minutes);
  });

  it.each(['Berlin', '', '+1:75', '+15:00', '-13:00', '01:00'])('refuses %j', (text) => {
    expect(parseOffsetInput(text)).toBeNull();
  });
});
