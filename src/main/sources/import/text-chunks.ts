import { createHash } from 'node:crypto';
import { open, stat } from 'node:fs/promises';
import { StringDecoder } from 'node:string_decoder';
import type { ImportProgress } from './types.js';

// Reads a file as a stream of text: never the whole file in one string, however big it is.
// Counts bytes for progress and hashes the content on the way, so an import can be named by
// what the file holds without a second read.
//
// Sizes, measured on a 70 MB file (docs/PERFORMANCE.md, suite `import`): one buffer is read
// into again and again, and its text is decoded in pieces of at most 32 KB, one at a time. A
// string over about 128 KB is a "large object" for V8, allocated in fresh memory and
// collected on its own; decoding 256 KB chunks into one string each cost 350 to 450 ms for
// 70 MB here, 32 KB pieces about 30 ms. A new buffer per read costs page faults the same way,
// hence the one buffer.

/** Bytes per read: also how often progress is reported and how big a batch of rows is. */
export const READ_BYTES = 256 * 1024;
/** Bytes decoded into one string: small enough to stay an ordinary V8 heap object. */
export const PIECE_BYTES = 32 * 1024;

export interface ReadState {
  totalBytes: number;
  bytesRead: number;
  /** Rows the parser has produced so far (the parser's caller counts them). */
  rows: number;
}

export interface TextFile {
  state: ReadState;
  /**
   * The text, per read: its pieces (each at most PIECE_BYTES of the file), to be used up
   * before asking for the next read.
   */
  chunks: AsyncGenerator<Iterable<string>>;
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
  async function* chunks(): AsyncGenerator<Iterable<string>> {
    // Opened here, not above: a generator never started would never close it.
    const file = await open(path, 'r');
    const decoder = new StringDecoder('utf8');
    const buffer = Buffer.allocUnsafe(READ_BYTES);
    let first = true;
    // The text of one read, decoded a piece at a time as the parser asks for it (only one
    // piece is alive at a time); it must be used up before the next read overwrites the buffer.
    function* pieces(bytes: number): Generator<string> {
      for (let at = 0; at < bytes; at += PIECE_BYTES) {
        let text = decoder.write(buffer.subarray(at, Math.min(at + PIECE_BYTES, bytes)));
        if (first && text.length > 0) {
          text = stripBom(text);
          first = false;
        }
        if (text) yield text;
      }
    }
    try {
      for (;;) {
        const { bytesRead } = await file.read(buffer, 0, READ_BYTES, null);
        if (bytesRead === 0) break;
        hash.update(buffer.subarray(0, bytesRead));
        state.bytesRead += bytesRead;
        onProgress?.({ ...state });
        yield pieces(bytesRead);
      }
      const rest = decoder.end();
      if (rest) yield [first ? stripBom(rest) : rest];
      digest = hash.digest('hex');
    } finally {
      await file.close();
    }
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

/** SHA-256 of a file's bytes, streamed through one reused buffer (see READ_BYTES). */
export async function sha256OfFile(path: string): Promise<string> {
  const file = await open(path, 'r');
  try {
    const hash = createHash('sha256');
    const buffer = Buffer.allocUnsafe(READ_BYTES);
    for (;;) {
      const { bytesRead } = await file.read(buffer, 0, READ_BYTES, null);
      if (bytesRead === 0) break;
      hash.update(buffer.subarray(0, bytesRead));
    }
    return hash.digest('hex');
  } finally {
    await file.close();
  }
}

/** A byte-order mark is not content: Windows editors add one to UTF-8 files. */
export function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** An in-memory text as chunks of `size` characters: for tests and small inputs. */
export async function* textChunks(text: string, size = 64 * 1024): AsyncGenerator<string> {
  for (let i = 0; i < text.length; i += size) yield text.slice(i, i + size);
}
