import type { ComponentProps, Ref } from 'preact';
import { useCatalogueMatches, useSuggestions } from '../hooks/use-suggestions.js';
import type { TrackFields } from '../lib/scrobble-form.js';
import { fieldsWithPick, mergeSuggestions, type SuggestionOption } from '../lib/suggestion-list.js';
import { ComboField } from './combo-field.js';
import { Field } from './field.js';

// The five fields of a track, shared by the manual form and the edit dialog, with suggestions
// from the user's own history (titles and albums narrowed to the artist typed) and, where the
// form asks for it, from the service's catalogue (track, artist and album search).

interface ScrobbleFieldsProps {
  fields: TrackFields;
  onChange: (next: TrackFields) => void;
  problems: Readonly<Record<string, string[]>>;
  artistRef?: Ref<HTMLInputElement>;
  trackRef?: Ref<HTMLInputElement>;
  autofocus?: boolean;
  /** Also suggest from the service's catalogue as the user types. */
  catalogue?: boolean;
}

/** What sets one suggested field apart from the others. */
type SuggestedExtras = Pick<
  ComponentProps<typeof ComboField>,
  'required' | 'inputRef' | 'autofocus' | 'hint'
>;

export function ScrobbleFields({
  fields,
  onChange,
  problems,
  artistRef,
  trackRef,
  autofocus,
  catalogue = false,
}: ScrobbleFieldsProps) {
  const set = (key: keyof TrackFields) => (value: string) => onChange({ ...fields, [key]: value });
  const pick = (key: keyof TrackFields) => (option: SuggestionOption) =>
    onChange(fieldsWithPick(fields, key, option));
  const artist = fields.artist.trim() || undefined;
  const local = {
    artist: useSuggestions('artist', fields.artist),
    track: useSuggestions('track', fields.track, artist),
    album: useSuggestions('album', fields.album, artist),
    albumArtist: useSuggestions('albumArtist', fields.albumArtist),
  };
  const found = {
    artist: useCatalogueMatches('artist', fields.artist, { enabled: catalogue }),
    track: useCatalogueMatches('track', fields.track, { artist, enabled: catalogue }),
    album: useCatalogueMatches('album', fields.album, { enabled: catalogue }),
    albumArtist: useCatalogueMatches('artist', fields.albumArtist, { enabled: catalogue }),
  };
  const options = (key: keyof typeof local) =>
    mergeSuggestions(key, fields[key], local[key], found[key].matches);
  const serviceName = (key: keyof typeof local) => found[key].serviceName ?? undefined;
  /** A field with suggestions, wired to its value, suggestions and problems by its key. */
  const suggested = (key: keyof typeof local, label: string, extra: SuggestedExtras = {}) => (
    <ComboField
      label={label}
      name={key}
      value={fields[key]}
      onInput={set(key)}
      onPick={pick(key)}
      options={options(key)}
      catalogueName={serviceName(key)}
      problems={problems[key]}
      {...extra}
    />
  );
  return (
    <div class="field-grid">
      {suggested('artist', 'Artist', { required: true, inputRef: artistRef, autofocus })}
      {suggested('track', 'Track', { required: true, inputRef: trackRef })}
      {suggested('album', 'Album')}
      {suggested('albumArtist', 'Album artist', { hint: 'Only if it differs from the artist.' })}
      <Field
        label="Duration"
        name="duration"
        value={fields.duration}
        onInput={set('duration')}
        problems={problems.duration}
        placeholder="3:45"
        hint="Minutes:seconds or seconds; optional."
        class="field-short"
      />
    </div>
  );
}
