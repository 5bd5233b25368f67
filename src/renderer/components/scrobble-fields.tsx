import type { Ref } from 'preact';
import { useSuggestions } from '../hooks/use-suggestions.js';
import type { TrackFields } from '../lib/scrobble-form.js';
import { Field } from './field.js';

// The five fields of a track, shared by the manual form and the edit dialog, with suggestions
// from the user's own history (titles and albums narrowed to the artist typed).

interface ScrobbleFieldsProps {
  fields: TrackFields;
  onChange: (next: TrackFields) => void;
  problems: Readonly<Record<string, string[]>>;
  artistRef?: Ref<HTMLInputElement>;
  trackRef?: Ref<HTMLInputElement>;
  autofocus?: boolean;
}

export function ScrobbleFields({
  fields,
  onChange,
  problems,
  artistRef,
  trackRef,
  autofocus,
}: ScrobbleFieldsProps) {
  const set = (key: keyof TrackFields) => (value: string) => onChange({ ...fields, [key]: value });
  const artist = fields.artist.trim() || undefined;
  const artistSuggestions = useSuggestions('artist', fields.artist);
  const trackSuggestions = useSuggestions('track', fields.track, artist);
  const albumSuggestions = useSuggestions('album', fields.album, artist);
  const albumArtistSuggestions = useSuggestions('albumArtist', fields.albumArtist);
  return (
    <div class="field-grid">
      <Field
        label="Artist"
        name="artist"
        required
        value={fields.artist}
        onInput={set('artist')}
        problems={problems.artist}
        suggestions={artistSuggestions}
        inputRef={artistRef}
        autofocus={autofocus}
      />
      <Field
        label="Track"
        name="track"
        required
        value={fields.track}
        onInput={set('track')}
        problems={problems.track}
        suggestions={trackSuggestions}
        inputRef={trackRef}
      />
      <Field
        label="Album"
        name="album"
        value={fields.album}
        onInput={set('album')}
        problems={problems.album}
        suggestions={albumSuggestions}
      />
      <Field
        label="Album artist"
        name="albumArtist"
        value={fields.albumArtist}
        onInput={set('albumArtist')}
        problems={problems.albumArtist}
        suggestions={albumArtistSuggestions}
        hint="Only if it differs from the artist."
      />
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
