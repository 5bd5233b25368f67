import type { CatalogueMatch } from '../../shared/catalogue.js';
import type { TrackFields } from './scrobble-form.js';

// What a field's suggestion list shows: the user's own past scrobbles first (what they
// actually listen to), then the service's catalogue. Pure, so the merge is unit-tested.

export type SuggestField = 'artist' | 'track' | 'album' | 'albumArtist';

export interface SuggestionOption {
  /** Unique within the list. */
  key: string;
  /** What goes into the field. */
  value: string;
  /** Shown after the value: the artist of a catalogue track or album. */
  detail?: string;
  source: 'history' | 'catalogue';
  /** The artist to fill in with it (catalogue tracks and albums). */
  artist?: string;
}

/** The catalogue search that feeds a field: titles for Track, albums for Album, else artists. */
export function catalogueKindFor(field: SuggestField): 'track' | 'artist' | 'album' {
  if (field === 'track') return 'track';
  if (field === 'album') return 'album';
  return 'artist';
}

function valueOf(field: SuggestField, m: CatalogueMatch): string {
  if (field === 'track') return m.track ?? '';
  if (field === 'album') return m.album ?? '';
  return m.artist;
}

const fold = (s: string) => s.trim().toLocaleLowerCase();

/**
 * Local values, then catalogue matches that contain what is typed now (an answer to an
 * older query that no longer fits is left out), without repeats and not the typed text itself.
 */
export function mergeSuggestions(
  field: SuggestField,
  typed: string,
  local: readonly string[],
  catalogue: readonly CatalogueMatch[],
  max = 12,
): SuggestionOption[] {
  const now = fold(typed);
  const seen = new Set<string>([now]);
  const out: SuggestionOption[] = [];
  for (const value of local) {
    const key = fold(value);
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ key: `h:${key}`, value, source: 'history' });
  }
  for (const m of catalogue) {
    const value = valueOf(field, m).trim();
    const withArtist = field === 'track' || field === 'album';
    const key = withArtist ? `${fold(value)}\u0000${fold(m.artist)}` : fold(value);
    if (!value || !fold(value).includes(now) || seen.has(key) || seen.has(fold(value))) continue;
    seen.add(key);
    const option: SuggestionOption = { key: `c:${key}`, value, source: 'catalogue' };
    if (withArtist) {
      option.detail = m.artist;
      option.artist = m.artist;
    }
    out.push(option);
  }
  return out.slice(0, max);
}

/** What picking an option fills: its value, and the artist a catalogue track or album names. */
export function fieldsWithPick(
  fields: TrackFields,
  key: keyof TrackFields,
  option: SuggestionOption,
): TrackFields {
  const next = { ...fields, [key]: option.value };
  if (!option.artist) return next;
  if (key === 'track') next.artist = option.artist;
  if (key === 'album') {
    const artist = fields.artist.trim();
    if (!artist) next.artist = option.artist;
    else if (artist.toLocaleLowerCase() !== option.artist.toLocaleLowerCase()) {
      // "Various Artists" and the like: the album's artist is not the track's.
      next.albumArtist = option.artist;
    }
  }
  return next;
}
