import { ImportFileError } from './types.js';

// A streaming splitter for a file that is one top-level JSON array (Spotify's history, older
// ListenBrainz exports): it yields the text of each element as soon as it is complete, so a
// 100 MB file is parsed one small object at a time and never held whole. It only tracks
// strings and bracket depth; each element's own syntax is checked by JSON.parse later, so a
// damaged element becomes one malformed row, not a failed import.

/** An element this large means a bracket or quote is missing: stop rather than buffer. */
export const MAX_ELEMENT_CHARS = 1024 * 1024;

export interface JsonElement {
  text: string;
  /** 1-based line where the element starts. */
  line: number;
  /** 1-based position in the array. */
  item: number;
}

const QUOTE = 34;
const BACKSLASH = 92;
const OPEN_BRACE = 123;
const CLOSE_BRACE = 125;
const OPEN_BRACKET = 91;
const CLOSE_BRACKET = 93;
const COMMA = 44;
const NEWLINE = 10;

function isWhitespace(c: number): boolean {
  return c === 32 || c === 10 || c === 13 || c === 9;
}

export class JsonArraySplitter {
  #phase: 'before' | 'between' | 'element' | 'after' = 'before';
  #depth = 0;
  #inString = false;
  #escape = false;
  #primitive = false;
  #parts: string[] = [];
  #partsLength = 0;
  #line = 1;
  #elementLine = 1;
  #item = 0;

  /** Feed the next piece of text; returns the elements it completed. */
  push(chunk: string): JsonElement[] {
    const out: JsonElement[] = [];
    let start = -1;
    const n = chunk.length;
    for (let i = 0; i < n; i++) {
      const c = chunk.charCodeAt(i);
      if (this.#phase === 'element') {
        if (this.#inString) {
          // Jump to the closing quote with indexOf (native speed: most of a file is strings).
          i = this.#skipString(chunk, i) - 1;
          continue;
        }
        if (c === QUOTE) this.#inString = true;
        else if (c === OPEN_BRACE || c === OPEN_BRACKET) this.#depth++;
        else if (c === NEWLINE) this.#line++;
        if (this.#primitive) {
          if (this.#depth === 0 && (c === COMMA || c === CLOSE_BRACKET || isWhitespace(c))) {
            out.push(this.#finish(chunk, start, i));
            start = -1;
            if (c === CLOSE_BRACKET) this.#phase = 'after';
          }
          continue;
        }
        if (c === CLOSE_BRACE || c === CLOSE_BRACKET) {
          this.#depth--;
          if (this.#depth === 0) {
            out.push(this.#finish(chunk, start, i + 1));
            start = -1;
          }
        }
        continue;
      }
      if (c === NEWLINE) this.#line++;
      if (isWhitespace(c)) continue;
      if (this.#phase === 'before') {
        if (c !== OPEN_BRACKET) {
          throw new ImportFileError(
            `Line ${this.#line}: expected the file to start with "[" (a JSON array of plays).`,
          );
        }
        this.#phase = 'between';
      } else if (this.#phase === 'between') {
        if (c === COMMA) continue;
        if (c === CLOSE_BRACKET) {
          this.#phase = 'after';
          continue;
        }
        this.#phase = 'element';
        this.#item++;
        this.#elementLine = this.#line;
        this.#primitive = c !== OPEN_BRACE && c !== OPEN_BRACKET;
        this.#depth = this.#primitive ? 0 : 1;
        this.#inString = c === QUOTE;
        start = i;
      } else {
        throw new ImportFileError(
          `Line ${this.#line}: there is more text after the end of the JSON array.`,
        );
      }
    }
    if (this.#phase === 'element' && start !== -1) this.#keep(chunk.slice(start));
    else if (this.#phase === 'element') this.#keep(chunk);
    return out;
  }

  /** The text ended: a missing "]" or an unfinished element is a damaged file. */
  end(): JsonElement[] {
    if (this.#phase === 'before') {
      throw new ImportFileError('The file is empty: expected a JSON array of plays.');
    }
    if (this.#phase === 'between') {
      throw new ImportFileError('The JSON array is not closed: the file ends without "]".');
    }
    if (this.#phase === 'element') {
      throw new ImportFileError(
        `The JSON array is not closed: item ${this.#item} (line ${this.#elementLine}) is cut off. The file may be incomplete; download it again.`,
      );
    }
    return [];
  }

  /**
   * From `from` inside a string: returns the index just after its closing quote, or the
   * chunk's length when the string goes on into the next chunk (remembering a pending
   * backslash escape).
   */
  #skipString(chunk: string, from: number): number {
    let j = from;
    if (this.#escape) {
      this.#escape = false;
      j++;
    }
    for (;;) {
      const quote = chunk.indexOf('"', j);
      const end = quote === -1 ? chunk.length : quote;
      let backslashes = 0;
      while (end - backslashes - 1 >= j && chunk.charCodeAt(end - backslashes - 1) === BACKSLASH) {
        backslashes++;
      }
      if (quote === -1) {
        this.#escape = backslashes % 2 === 1;
        return chunk.length;
      }
      if (backslashes % 2 === 0) {
        this.#inString = false;
        return quote + 1;
      }
      j = quote + 1;
    }
  }

  #keep(piece: string): void {
    this.#parts.push(piece);
    this.#partsLength += piece.length;
    if (this.#partsLength > MAX_ELEMENT_CHARS) {
      throw new ImportFileError(
        `Item ${this.#item} (line ${this.#elementLine}) is longer than 1 MB: the file is damaged (a bracket or quote is missing?).`,
      );
    }
  }

  #finish(chunk: string, start: number, endExclusive: number): JsonElement {
    const tail = chunk.slice(start === -1 ? 0 : start, endExclusive);
    const text = this.#parts.length > 0 ? this.#parts.join('') + tail : tail;
    this.#parts = [];
    this.#partsLength = 0;
    this.#phase = 'between';
    return { text, line: this.#elementLine, item: this.#item };
  }
}

/** Each element of a streamed top-level JSON array, in order. */
export async function* splitJsonArray(chunks: AsyncIterable<string>): AsyncGenerator<JsonElement> {
  const splitter = new JsonArraySplitter();
  for await (const chunk of chunks) yield* splitter.push(chunk);
  yield* splitter.end();
}
