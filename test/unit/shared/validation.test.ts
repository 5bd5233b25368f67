import { describe, expect, it } from 'vitest';
import { describeProblems, validateScrobble } from '../../../src/shared/validation.js';

const now = 1_800_000_000;
const rules = { nowSec: now, maxAgeDays: 14 };
const base = { artist: 'Radiohead', track: 'Airbag', timestamp: now - 60 };

function problemsOf(input: unknown, r = rules) {
  const result = validateScrobble(input, r);
  if (result.ok) throw new Error('expected problems');
  return result.problems;
}

describe('validateScrobble', () => {
  it('trims text and drops blank optional fields', () => {
    const result = validateScrobble({ ...base, artist: '  Radiohead ', album: '   ' }, rules);
    expect(result).toEqual({
      ok: true,
      value: { artist: 'Radiohead', track: 'Airbag', timestamp: now - 60 },
    });
  });

  it('names each empty required field and how to fix it', () => {
    const problems = problemsOf({ artist: ' ', track: '', timestamp: now });
    expect(problems.map((p) => p.field)).toEqual(['artist', 'track']);
    expect(problems[0]?.message).toMatch(/Artist is empty/);
  });

  it('refuses text that was not valid UTF-8, naming the field, instead of sending �', () => {
    const bytes = new Uint8Array([0x53, 0x69, 0x67, 0x75, 0x72, 0x20, 0xf3, 0x73]); // latin-1 "Sigur ós"
    const artist = new TextDecoder().decode(bytes);
    const [problem] = problemsOf({ ...base, artist });
    expect(problem?.field).toBe('artist');
    expect(problem?.message).toMatch(/Artist .*not valid UTF-8/);
  });

  it('refuses a lone surrogate (half an emoji) in any text field', () => {
    for (const field of ['artist', 'track', 'album', 'albumArtist'] as const) {
      const [problem] = problemsOf({ ...base, [field]: 'Cut \uD83C here' });
      expect(problem?.field, field).toBe(field);
      expect(problem?.message, field).toMatch(/half of a character/);
    }
    const [low] = problemsOf({ ...base, track: 'x\uDF89' });
    expect(low?.field).toBe('track');
    const ok = validateScrobble({ ...base, track: 'Party \uD83C\uDF89' }, rules);
    expect(ok.ok).toBe(true);
  });

  it('refuses control characters inside text', () => {
    const [problem] = problemsOf({ ...base, track: 'Air\u0007bag' });
    expect(problem).toMatchObject({ field: 'track' });
    expect(problem?.message).toMatch(/control character/);
  });

  it('bounds text length', () => {
    const [problem] = problemsOf({ ...base, album: 'x'.repeat(513) });
    expect(problem?.field).toBe('album');
    expect(problem?.message).toMatch(/longer than 512/);
  });

  it('refuses durations under 30 seconds, which Last.fm silently ignores', () => {
    expect(problemsOf({ ...base, duration: 29 })[0]?.message).toMatch(/at least 30 seconds/);
    expect(validateScrobble({ ...base, duration: 30 }, rules).ok).toBe(true);
  });

  it('refuses a play more than five minutes ahead of the clock', () => {
    expect(validateScrobble({ ...base, timestamp: now + 300 }, rules).ok).toBe(true);
    expect(problemsOf({ ...base, timestamp: now + 301 })[0]?.message).toMatch(/future/);
  });

  it('says a play older than 14 days must be re-timed, only where the service has that limit', () => {
    const old = { ...base, timestamp: now - 15 * 86400 };
    expect(problemsOf(old)[0]?.message).toMatch(/re-time it/);
    expect(validateScrobble(old, { nowSec: now }).ok).toBe(true);
  });

  it('checks MusicBrainz ids and lower-cases them', () => {
    expect(problemsOf({ ...base, mbid: 'nope' })[0]?.field).toBe('mbid');
    const ok = validateScrobble({ ...base, mbid: 'A1B2C3D4-0000-4000-8000-000000000001' }, rules);
    expect(ok.ok && ok.value.mbid).toBe('a1b2c3d4-0000-4000-8000-000000000001');
  });

  it('rejects unknown fields and wrong types with readable messages', () => {
    const problems = problemsOf({ ...base, colour: 'red', duration: '200' });
    expect(describeProblems(problems)).toMatch(/duration: Duration must be a number/);
    expect(describeProblems(problems)).toMatch(/Unknown field\(s\): colour/);
  });
});
