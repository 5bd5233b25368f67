import { useMemo } from 'preact/hooks';
import { validateScrobble, type FieldProblem } from '../../shared/validation.js';
import { useApp } from '../app-context.js';
import { planAlbum, type PlannedTrack } from '../lib/album-plan.js';
import { fromDateTimeLocal } from '../lib/local-time.js';
import { rulesFor } from '../lib/scrobble-form.js';
import { parseTracklist } from '../lib/tracklist.js';

// The album form's plan: the pasted tracklist turned into timed scrobbles, each checked by
// the same rules the core applies for the services it goes to.

export type Anchor = 'ended-now' | 'ended' | 'started';

export interface AlbumInputs {
  text: string;
  album: string;
  albumArtist: string;
  anchor: Anchor;
  /** datetime-local text; ignored when the record just ended. */
  at: string;
}

export interface CheckedAlbum {
  plan: PlannedTrack[];
  problems: Map<number, FieldProblem[]>;
  timeProblem: string | null;
}

/** Returns `check(nowMs)`: the plan as of that moment (a submit checks again at its time). */
export function useAlbumPlan(inputs: AlbumInputs): (nowMs: number) => CheckedAlbum {
  const { targets } = useApp();
  const lines = useMemo(() => parseTracklist(inputs.text), [inputs.text]);
  const { album, albumArtist, anchor, at } = inputs;
  return (nowMs) => {
    const atMs = anchor === 'ended-now' ? nowMs : fromDateTimeLocal(at);
    const timeProblem = atMs === null ? 'Pick the date and time.' : null;
    const plan = planAlbum(
      lines,
      { album, albumArtist },
      {
        anchor: anchor === 'started' ? 'started' : 'ended',
        at: Math.floor((atMs ?? nowMs) / 1000),
      },
    );
    const rules = rulesFor(targets, nowMs);
    const problems = new Map<number, FieldProblem[]>();
    plan.forEach((track, i) => {
      const result = validateScrobble(track.input, rules);
      if (!result.ok) {
        problems.set(
          i,
          result.problems.map((p) => explain(p, track, albumArtist)),
        );
      }
    });
    return { plan, problems, timeProblem };
  };
}

/** A missing artist in an album usually means the album artist is blank: say so. */
function explain(p: FieldProblem, track: PlannedTrack, albumArtist: string): FieldProblem {
  if (p.field === 'artist' && !track.artist && !albumArtist.trim()) {
    return {
      field: p.field,
      message: 'No artist: write “Artist - Title” or fill in Album artist.',
    };
  }
  return p;
}
