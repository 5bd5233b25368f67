// ListenBrainz payloads as pure functions: what goes in a listen, and what is refused first.
import { describe, expect, it } from 'vitest';

import {
  LISTEN_MINIMUM_TS,
  listenProblem,
  submitBody,
} from '../../../src/main/targets/listenbrainz/payload.js';
import { listenOf } from '../../../src/main/targets/listenbrainz/listenbrainz-target.js';

const UUID = '8f3471b5-7e6a-48da-86a9-c1c07a0f47ae';
const NOW = 1_800_000_000;

describe('submitBody', () => {
  it('import: listened_at and track_metadata only, additional_info with what is known', () => {
    const body = JSON.parse(
      submitBody(
        'import',
        [{ artist: ' A ', track: 'T', timestamp: 5, duration: 3, album: '' }],
        '1.2',
      ),
    );
    expect(body).toEqual({
      listen_type: 'import',
      payload: [
        {
          listened_at: 5,
          track_metadata: {
            artist_name: 'A',
            track_name: 'T',
            additional_info: {
              submission_client: 'Scrobbletray',
              submission_client_version: '1.2',
              duration_ms: 3000,
            },
          },
        },
      ],
    });
  });

  it('playing_now carries no listened_at', () => {
    const body = JSON.parse(submitBody('playing_now', [{ artist: 'A', track: 'T' }], '1'));
    expect(Object.keys(body.payload[0])).toEqual(['track_metadata']);
  });
});

describe('listenProblem', () => {
  const ok = { artist: 'A', track: 'T', timestamp: NOW - 10 };
  it('accepts a plain listen', () => expect(listenProblem(ok, 0, 'single', NOW)).toBeNull());
  it.each([
    [{ ...ok, artist: '' }, /no artist/],
    [{ ...ok, track: ' ' }, /no title/],
    [{ ...ok, timestamp: LISTEN_MINIMUM_TS - 1 }, /before 1 October 2002/],
    [{ ...ok, timestamp: NOW + 3601 }, /in the future/],
    [{ ...ok, duration: 0 }, /duration/],
    [{ ...ok, releaseMbid: 'x' }, /not a UUID/],
  ])('refuses %o', (listen, message) => {
    expect(listenProblem(listen, 0, 'import', NOW)).toMatch(message);
  });
  it('playing_now needs no time', () => {
    expect(listenProblem({ artist: 'A', track: 'T' }, 0, 'playing_now', NOW)).toBeNull();
  });
});

describe('listenOf (adapter)', () => {
  it('keeps a UUID mbid as the recording, drops anything else', () => {
    expect(listenOf({ ...{ artist: 'A', track: 'T', timestamp: 1 }, mbid: UUID })).toMatchObject({
      recordingMbid: UUID,
    });
    expect(
      listenOf({ artist: 'A', track: 'T', timestamp: 1, mbid: 'lastfm-id' }),
    ).not.toHaveProperty('recordingMbid');
  });
});
