import { ImportFileError } from './types.js';

// Splits streamed text into lines (LF or CRLF) without holding more than one line plus one
// chunk. A "line" longer than MAX_LINE_CHARS means the file is not the text format we expect
// (or is binary), so reading stops there with a clear error instead of buffering it all.

export const MAX_LINE_CHARS = 1024 * 1024;

export class LineSplitter {
  #pending = '';
  #lines = 0;

  /** The lines this chunk completes. */
  push(chunk: string): string[] {
    const out: string[] = [];
    let start = 0;
    let newline = chunk.indexOf('\n');
    while (newline !== -1) {
      const piece = chunk.slice(start, newline);
      const line = this.#pending ? this.#pending + piece : piece;
      this.#pending = '';
      this.#lines++;
      out.push(line.endsWith('\r') ? line.slice(0, -1) : line);
      start = newline + 1;
      newline = chunk.indexOf('\n', start);
    }
    this.#pending += chunk.slice(start);
    if (this.#pending.length > MAX_LINE_CHARS) {
      throw new ImportFileError(
        `Line ${this.#lines + 1} is longer than ${MAX_LINE_CHARS / (1024 * 1024)} MB: this is not a text file of the expected format.`,
      );
    }
    return out;
  }

  /** The last line, when the text does not end with a newline. */
  end(): string[] {
    const rest = this.#pending;
    this.#pending = '';
    if (!rest) return [];
    return [rest.endsWith('\r') ? rest.slice(0, -1) : rest];
  }
}
