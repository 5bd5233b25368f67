import { useEffect, useState } from 'preact/hooks';
import type { CatalogueKind, CatalogueMatch } from '../../shared/catalogue.js';
import { useApp } from '../app-context.js';
import type { SuggestField } from '../lib/suggestion-list.js';
import { useDebounced } from './use-debounced.js';

export type { SuggestField } from '../lib/suggestion-list.js';

/** Values from the user's own history that start with what was typed. */
export function useSuggestions(field: SuggestField, prefix: string, artist?: string): string[] {
  const { api } = useApp();
  const query = useDebounced(`${prefix}\u0000${artist ?? ''}`, 150);
  const [values, setValues] = useState<string[]>([]);
  useEffect(() => {
    const [typed = '', by = ''] = query.split('\u0000');
    if (typed.trim() === '') {
      setValues([]);
      return;
    }
    let live = true;
    const input = {
      field,
      prefix: typed.slice(0, 200),
      limit: 10,
      ...(by ? { artist: by.slice(0, 512) } : {}),
    };
    api.queue.suggest(input).then(
      (found) => live && setValues(found.filter((v) => v !== typed)),
      () => live && setValues([]),
    );
    return () => {
      live = false;
    };
  }, [api, field, query]);
  return values;
}

export interface CatalogueMatches {
  matches: CatalogueMatch[];
  /** The service that answered ("Last.fm"), once one has. */
  serviceName: string | null;
}

const NONE: CatalogueMatches = { matches: [], serviceName: null };
/** Fewer letters than this match too much to be worth a request. */
const MIN_QUERY = 2;

/**
 * The service's catalogue for what is typed: asked once typing pauses (300 ms), and an answer
 * that arrives after the text changed again is dropped (the effect's cleanup marks it stale).
 * Any failure (offline, no API key, a server without search) gives no matches and no message:
 * the user's own suggestions still work.
 */
export function useCatalogueMatches(
  kind: CatalogueKind,
  typed: string,
  opts: { artist?: string | undefined; enabled?: boolean } = {},
): CatalogueMatches {
  const { api } = useApp();
  const enabled = opts.enabled ?? true;
  const query = useDebounced(
    enabled ? `${typed.trim()}\u0000${opts.artist?.trim() ?? ''}` : '',
    300,
  );
  const [found, setFound] = useState<CatalogueMatches>(NONE);
  useEffect(() => {
    const [text = '', by = ''] = query.split('\u0000');
    if (text.length < MIN_QUERY) {
      setFound(NONE);
      return;
    }
    let live = true;
    api.catalogue
      .search({
        kind,
        query: text.slice(0, 200),
        limit: 8,
        ...(kind === 'track' && by ? { artist: by.slice(0, 512) } : {}),
      })
      .then(
        (result) => live && setFound({ matches: result.matches, serviceName: result.serviceName }),
        () => live && setFound(NONE),
      );
    return () => {
      live = false;
    };
  }, [api, kind, query]);
  return enabled ? found : NONE;
}
