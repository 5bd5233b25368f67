import { useEffect, useState } from 'preact/hooks';
import { useApp } from '../app-context.js';
import { useDebounced } from './use-debounced.js';

export type SuggestField = 'artist' | 'track' | 'album' | 'albumArtist';

/** Values from the user's own history that start with what was typed (for a <datalist>). */
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
