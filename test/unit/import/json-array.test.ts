import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { JsonArraySplitter, splitJsonArray } from '../../../src/main/sources/import/json-array.js';
import { textChunks } from '../../../src/main/sources/import/text-chunks.js';
import { ImportFileError } from '../../../src/main/sources/import/types.js';

async function elements(text: string, chunkSize: number) {
  const out = [];
  for await (const e of splitJsonArray(textChunks(text, chunkSize))) out.push(e);
  return out;
}

describe('streaming JSON array splitter', () => {
  it('yields exactly the elements JSON.parse sees, for any array and any chunking', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.jsonValue(), { maxLength: 8 }),
        fc.integer({ min: 0, max: 8 }),
        fc.integer({ min: 1, max: 40 }),
        async (values, indent, chunkSize) => {
          const text = JSON.stringify(values, null, indent);
          const got = await elements(text, chunkSize);
          expect(got.map((e) => JSON.parse(e.text))).toEqual(JSON.parse(text));
          expect(got.map((e) => e.item)).toEqual(values.map((_, i) => i + 1));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('handles quotes, escaped quotes and backslashes split across chunks', async () => {
    const values = [{ a: 'he said "hi" \\', b: ['}', ']', '{', '\\"'] }, 'x\\', 7, null];
    const text = JSON.stringify(values);
    for (let size = 1; size <= text.length; size++) {
      const got = await elements(text, size);
      expect(got.map((e) => JSON.parse(e.text))).toEqual(values);
    }
  });

  it('reports the line each element starts on', async () => {
    const text = '[\n  {"a": 1},\n  {\n    "b": "x"\n  },\n  3\n]\n';
    const got = await elements(text, 4);
    expect(got.map((e) => [e.item, e.line])).toEqual([
      [1, 2],
      [2, 3],
      [3, 6],
    ]);
  });

  it('refuses what is not one whole JSON array', async () => {
    await expect(elements('', 10)).rejects.toThrow(/empty/);
    await expect(elements('{"a": 1}', 10)).rejects.toThrow(/start with "\["/);
    await expect(elements('[{"a": 1},', 10)).rejects.toThrow(/not closed/);
    await expect(elements('[{"a": 1}] x', 10)).rejects.toThrow(/more text after the end/);
  });

  it('stops at an element over 1 MB instead of buffering a damaged file', () => {
    const splitter = new JsonArraySplitter();
    const piece = `"${'x'.repeat(300 * 1024)}`;
    splitter.push('[{"a": ');
    expect(() => {
      for (let i = 0; i < 5; i++) splitter.push(piece);
    }).toThrow(ImportFileError);
  });
});
