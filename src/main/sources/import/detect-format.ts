import { JsonArraySplitter } from './json-array.js';
import { isObject } from './json-row.js';
import { IMPORT_FORMATS, type ImportFormat } from './types.js';

// Guesses a file's format from its first bytes, so `import FILE` works without --format.
// Only positive signs count: a file that shows none gets an error naming the --format values.

/** How much of the file the guess looks at. */
export const HEAD_CHARS = 64 * 1024;

export type Detection = { ok: true; format: ImportFormat } | { ok: false; message: string };

const NAME_IT = `Give its format with --format (${IMPORT_FORMATS.join(', ')}).`;

export function detectFormat(head: string): Detection {
  const text = head.replace(/^\uFEFF/, '').trimStart();
  if (text === '') return { ok: false, message: 'The file is empty: there is nothing to import.' };
  if (text.startsWith('#AUDIOSCROBBLER')) return { ok: true, format: 'scrobbler-log' };
  const first = text.startsWith('[') ? firstArrayElement(text) : firstLineObject(text);
  if (first === 'empty-array') {
    return { ok: false, message: 'The file holds an empty list: there is nothing to import.' };
  }
  if (isObject(first)) {
    if ('ts' in first && 'ms_played' in first) return { ok: true, format: 'spotify' };
    if ('listened_at' in first && 'track_metadata' in first) {
      return { ok: true, format: 'listenbrainz' };
    }
    if ('endTime' in first && 'msPlayed' in first) {
      return {
        ok: false,
        message:
          'This is Spotify\'s short "Account data" history (StreamingHistory*.json), which has no exact play times. Ask Spotify for "Extended streaming history" instead (see docs/IMPORT.md).',
      };
    }
  }
  return { ok: false, message: `Cannot tell what kind of file this is. ${NAME_IT}` };
}

function firstArrayElement(text: string): unknown {
  try {
    const splitter = new JsonArraySplitter();
    const [element] = splitter.push(text);
    if (element) return JSON.parse(element.text);
    return /^\[\s*\]/.test(text) ? 'empty-array' : undefined;
  } catch {
    return undefined;
  }
}

function firstLineObject(text: string): unknown {
  const end = text.indexOf('\n');
  try {
    return JSON.parse(end === -1 ? text : text.slice(0, end));
  } catch {
    return undefined;
  }
}
