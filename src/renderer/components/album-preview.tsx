import { Fragment } from 'preact';
import type { FieldProblem } from '../../shared/validation.js';
import { DEFAULT_TRACK_SECONDS, type PlannedTrack } from '../lib/album-plan.js';
import { plural } from '../lib/describe.js';
import { formatDuration } from '../lib/duration.js';
import { formatClock, formatPlayed } from '../lib/format.js';

// The album's preview: each track with its length and start time, problems under their line,
// and a line saying which lengths were assumed.

interface AlbumPreviewProps {
  plan: readonly PlannedTrack[];
  /** Per track (by index in `plan`), what is wrong with it. */
  problems: ReadonlyMap<number, FieldProblem[]>;
}

export function AlbumPreview({ plan, problems }: AlbumPreviewProps) {
  const count = plan.length;
  if (count === 0) return null;
  const assumed = plan.filter((t) => t.assumed).length;
  const first = plan[0];
  const last = plan[count - 1];
  return (
    <div class="preview">
      <h3 id="album-preview-title">Preview</h3>
      <p class="muted">
        {plural(count, 'track')}
        {first && last
          ? `, ${formatPlayed(first.start)} to ${formatClock(last.start + last.spacing)}`
          : ''}
        .
        {assumed
          ? ` ${plural(assumed, 'track has', 'tracks have')} no length: ${formatDuration(DEFAULT_TRACK_SECONDS)} is assumed, which moves the times after ${assumed === 1 ? 'it' : 'them'}.`
          : ''}
      </p>
      {/* Focusable, so the preview scrolls by keyboard when twelve tracks overflow it. */}
      <div class="table-scroll" tabIndex={0} role="region" aria-labelledby="album-preview-title">
        <table class="preview-table" aria-labelledby="album-preview-title">
          <thead>
            <tr>
              <th scope="col">#</th>
              <th scope="col">Artist</th>
              <th scope="col">Title</th>
              <th scope="col">Length</th>
              <th scope="col">Starts</th>
            </tr>
          </thead>
          <tbody>
            {plan.map((t, i) => {
              const rowProblems = problems.get(i);
              return (
                <Fragment key={i}>
                  <tr class={rowProblems ? 'has-problem' : ''}>
                    <td>{t.trackNumber ?? t.position}</td>
                    <td>{t.artist || <em class="muted">none</em>}</td>
                    <td>{t.title || <em class="muted">none</em>}</td>
                    <td>
                      {t.assumed ? (
                        <em title="Assumed">{formatDuration(t.spacing)}?</em>
                      ) : (
                        formatDuration(t.spacing)
                      )}
                    </td>
                    <td>{formatClock(t.start)}</td>
                  </tr>
                  {rowProblems ? (
                    <tr class="problem-row">
                      <td colSpan={5} class="problem">
                        Line {t.line}: {rowProblems.map((p) => p.message).join(' ')}
                      </td>
                    </tr>
                  ) : null}
                </Fragment>
              );
            })}
          </tbody>
        </table>
      </div>
    </div>
  );
}
