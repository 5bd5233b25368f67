import type { ImportRow } from './types.js';

/**
 * A format's parser: fed the file's text chunk by chunk, it returns the rows each chunk
 * completes. Synchronous on purpose: one await per chunk instead of several per row keeps a
 * 100,000-row file fast and light on garbage.
 */
export interface RowParser {
  push(chunk: string): ImportRow[];
  /** The text ended: the last rows, or an ImportFileError for a cut-off file. */
  end(): ImportRow[];
}

/** Rows of a whole stream, one batch per chunk (empty batches are left out). */
export async function* rowBatches(
  parser: RowParser,
  chunks: AsyncIterable<string>,
): AsyncGenerator<ImportRow[]> {
  for await (const chunk of chunks) {
    const rows = parser.push(chunk);
    if (rows.length > 0) yield rows;
  }
  const last = parser.end();
  if (last.length > 0) yield last;
}
