import { describe, expect, it } from 'vitest';
import {
  editPatch,
  problemsByField,
  problemsByItem,
  rulesFor,
  scrobbleFromFields,
} from '../../../src/renderer/lib/scrobble-form.js';
import { LASTFM } from '../../../src/shared/services.js';

const nowMs = 1_800_000_000_000;
const nowSec = nowMs / 1000;
const fields = {
  artist: ' Nena ',
  track: '99 Luftballons',
  album: '',
  albumArtist: '',
  duration: '3:53',
};

describe('scrobbleFromFields', () => {
  it('gives a validated scrobble with the duration in seconds and blank fields left out', () => {
    const result = scrobbleFromFields(fields, nowSec - 60, rulesFor(['lastfm'], nowMs));
    expect(result).toEqual({
      ok: true,
      item: { artist: 'Nena', track: '99 Luftballons', duration: 233, timestamp: nowSec - 60 },
    });
  });

  it('reports each bad field with the shared rules and the form’s own duration check', () => {
    const result = scrobbleFromFields(
      { ...fields, artist: '', duration: 'soon' },
      nowSec,
      rulesFor(['lastfm'], nowMs),
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const byField = problemsByField(result.problems);
    expect(byField.artist).toEqual(['Artist is empty: fill it in.']);
    expect(byField.duration?.[0]).toMatch(/minutes:seconds/);
  });

  it('refuses a Last.fm play older than 14 days but not for a service without that limit', () => {
    const old = nowSec - 15 * 86400;
    const lastfm = scrobbleFromFields(fields, old, rulesFor(['lastfm'], nowMs));
    expect(lastfm.ok).toBe(false);
    if (!lastfm.ok) expect(lastfm.problems[0]?.field).toBe('timestamp');
    expect(scrobbleFromFields(fields, old, rulesFor(['librefm'], nowMs)).ok).toBe(true);
  });

  it('takes the age limit from the service presets: the shortest of the services it goes to', () => {
    expect(rulesFor(['lastfm'], nowMs).maxAgeDays).toBe(LASTFM.maxAgeDays);
    expect(rulesFor(['librefm', 'lastfm'], nowMs).maxAgeDays).toBe(LASTFM.maxAgeDays);
    // ListenBrainz speaks another protocol and keeps plays of any age.
    expect(rulesFor(['listenbrainz'], nowMs).maxAgeDays).toBeUndefined();
    // A server the user added is not a preset with a limit.
    expect(rulesFor(['home-gnu-fm'], nowMs).maxAgeDays).toBeUndefined();
    // Nobody signed in yet: scrobbles wait for Last.fm, so its rule applies.
    expect(rulesFor([], nowMs).maxAgeDays).toBe(LASTFM.maxAgeDays);
  });

  it('asks for a time when none could be read', () => {
    const result = scrobbleFromFields(fields, null, rulesFor([], nowMs));
    expect(result.ok).toBe(false);
    if (!result.ok)
      expect(result.problems).toEqual([
        { field: 'timestamp', message: 'Pick the date and time the track started.' },
      ]);
  });
});

describe('editPatch', () => {
  it('clears optional fields left blank by sending null', () => {
    expect(editPatch({ artist: 'Nena', track: 'x', timestamp: 5 })).toEqual({
      artist: 'Nena',
      track: 'x',
      album: null,
      albumArtist: null,
      duration: null,
      timestamp: 5,
    });
  });
});

describe('problemsByItem', () => {
  it('groups album problems by track', () => {
    const map = problemsByItem([
      { field: 'items.3.track', message: 'Track is empty: fill it in.' },
      { field: 'items.3.duration', message: 'too short' },
      { field: 'items.0.artist', message: 'Artist is empty: fill it in.' },
    ]);
    expect(map.get(3)?.map((p) => p.field)).toEqual(['track', 'duration']);
    expect(map.get(0)?.[0]?.message).toBe('Artist is empty: fill it in.');
  });
});
