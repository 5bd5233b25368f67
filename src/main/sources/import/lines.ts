import { ImportFileError } from './types.js';

// Splits streamed text into lines (LF or CRLF) without holding more than one line plus one
// chunk. A "line" longer than MAX_LINE_CHARS means the file is not the text format we expect
// (or is binary), so reading stops there with a clear error instead of buffering it all.

export const MAX_LINE_CHARS = 1024 * 1024;

export async function* splitLines(chunks: AsyncIterable<string>): AsyncGenerator<string> {
  let pending = '';
  let lineNumber = 0;
  for await (const chunk of chunks) {
    let start = 0;
    let newline = chunk.indexOf('\n');
    while (newline !== -1) {
      const piece = chunk.slice(start, newline);
      const line = pending ? pending + piece : piece;
      pending = '';
      lineNumber++;
      yield line.endsWith('\r') ? line.slice(0, -1) : line;
      start = newline + 1;
      newline = chunk.indexOf('\n', start);
    }
    pending += chunk.slice(start);
    if (pending.length > MAX_LINE_CHARS) {
      throw new ImportFileError(
        `Line ${lineNumber + 1} is longer than ${MAX_LINE_CHARS / (1024 * 1024)} MB: this is not a text file of the expected format.`,
      );
    }
  }
  if (pending) yield pending.endsWith('\r') ? pending.slice(0, -1) : pending;
}
