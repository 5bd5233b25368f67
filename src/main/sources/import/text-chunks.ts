import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { StringDecoder } from 'node:string_decoder';
import type { ImportProgress } from './types.js';

// Reads a file as a stream of text chunks: never the whole file in one string, however big
// it is. Counts bytes for progress and hashes the content on the way, so an import can be
// named by what the file holds without a second read.

const CHUNK_BYTES = 256 * 1024;

export interface ReadState {
  totalBytes: number;
  bytesRead: number;
  /** Rows the parser has produced so far (the parser's caller counts them). */
  rows: number;
}

export interface TextFile {
  state: ReadState;
  chunks: AsyncGenerator<string>;
  /** SHA-256 of every byte, in hex; complete once `chunks` is exhausted. */
  contentHash(): string;
}

export async function openTextFile(
  path: string,
  onProgress?: (progress: ImportProgress) => void,
): Promise<TextFile> {
  const { size } = await stat(path);
  const state: ReadState = { totalBytes: size, bytesRead: 0, rows: 0 };
  const hash = createHash('sha256');
  let digest: string | undefined;
  async function* chunks(): AsyncGenerator<string> {
    const decoder = new StringDecoder('utf8');
    let first = true;
    for await (const buffer of createReadStream(path, { highWaterMark: CHUNK_BYTES })) {
      const bytes = buffer as Buffer;
      hash.update(bytes);
      state.bytesRead += bytes.length;
      let text = decoder.write(bytes);
      if (first && text.length > 0) {
        text = stripBom(text);
        first = false;
      }
      onProgress?.({ ...state });
      if (text) yield text;
    }
    const rest = decoder.end();
    if (rest) yield first ? stripBom(rest) : rest;
    digest = hash.digest('hex');
  }
  return {
    state,
    chunks: chunks(),
    contentHash: () => {
      if (digest === undefined) throw new Error('The file has not been read to the end yet.');
      return digest;
    },
  };
}

/** A byte-order mark is not content: Windows editors add one to UTF-8 files. */
export function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** An in-memory text as chunks of `size` characters: for tests and small inputs. */
export async function* textChunks(text: string, size = 64 * 1024): AsyncGenerator<string> {
  for (let i = 0; i < text.length; i += size) yield text.slice(i, i + size);
}
