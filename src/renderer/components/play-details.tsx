import { useState } from 'preact/hooks';
import type { StoredScrobble } from '../../shared/queue-types.js';
import { errorMessage } from '../api.js';
import { useApp } from '../app-context.js';
import {
  corrections,
  correctionText,
  IGNORED_WORDS,
  lastErrorWords,
  plainWords,
  rawError,
  serviceStatus,
} from '../lib/describe.js';
import { formatPlayed } from '../lib/format.js';
import { canLoveOn, type Play } from '../lib/plays.js';
import { describeTrack } from '../lib/queue-rows.js';
import { serviceName } from '../lib/service-name.js';
import { Modal } from './modal.js';

// One play from the History: what each service answered (accepted, corrected and how,
// ignored and why, the error in words with the server's own text under Details), and what
// can be done with it: scrobble it again now (to the services picked), love or unlove it
// where the service has loved tracks, remove it (with Undo).

interface PlayDetailsProps {
  play: Play | null;
  onClose: () => void;
  onRemove: (rows: StoredScrobble[]) => void;
}

export function PlayDetails({ play, onClose, onRemove }: PlayDetailsProps) {
  return (
    <Modal open={play !== null} onClose={onClose} title="Scrobble details" class="modal-wide" lazy>
      {play ? <PlayPanel play={play} onClose={onClose} onRemove={onRemove} /> : null}
    </Modal>
  );
}

function PlayPanel({
  play,
  onClose,
  onRemove,
}: {
  play: Play;
  onClose: () => void;
  onRemove: (rows: StoredScrobble[]) => void;
}) {
  const { api, notify, accounts, targets } = useApp();
  const now = Date.now();
  const nameOf = (id: string) => serviceName(id, accounts);
  const signedIn = (accounts ?? []).filter((a) => a.user !== null && !a.needsSignIn);
  const choices = signedIn.length ? signedIn.map((a) => a.service) : targets;
  const [picked, setPicked] = useState<Set<string>>(() => new Set(choices));
  const [busy, setBusy] = useState(false);
  const lead = play.lead;
  const lovable = signedIn.filter(
    (a) => canLoveOn(a.service, a.custom) && play.rows.some((r) => r.target === a.service),
  );

  const again = async () => {
    setBusy(true);
    try {
      const all = choices.every((c) => picked.has(c));
      const rows = await api.queue.scrobbleAgain(lead.id, all ? undefined : [...picked]);
      const where = [...new Set(rows.map((r) => nameOf(r.target)))].join(', ');
      notify(
        `Scrobbled ${describeTrack(lead)} again, now${where ? ` (to ${where})` : ''}.`,
        'success',
      );
      onClose();
    } catch (e) {
      notify(`Could not scrobble again: ${plainWords(errorMessage(e))}`, 'error');
    } finally {
      setBusy(false);
    }
  };

  const love = async (service: string, on: boolean) => {
    setBusy(true);
    try {
      await api.queue.love(service, lead.artist, lead.track, on);
      notify(
        `${on ? 'Loved' : 'No longer loved'} on ${nameOf(service)}: ${describeTrack(lead)}.`,
        'success',
      );
    } catch (e) {
      notify(`Could not ${on ? 'love' : 'unlove'} it: ${plainWords(errorMessage(e))}`, 'error');
    } finally {
      setBusy(false);
    }
  };

  return (
    <div class="stack play-details" data-testid="play-details">
      <p class="play-title">
        <strong>{lead.track}</strong> by {lead.artist}
        {lead.album ? ` — ${lead.album}` : ''}
        <br />
        <span class="muted">Played {formatPlayed(lead.timestamp)}</span>
      </p>
      <ul class="service-answers">
        {play.rows.map((row) => (
          <ServiceAnswer key={row.id} row={row} name={nameOf(row.target)} now={now} />
        ))}
      </ul>

      <fieldset class="again">
        <legend>Scrobble again now</legend>
        {choices.length > 1 ? (
          <div class="service-picks">
            {choices.map((s) => (
              <label key={s} class="check">
                <input
                  type="checkbox"
                  checked={picked.has(s)}
                  onChange={(e) => {
                    const next = new Set(picked);
                    if (e.currentTarget.checked) next.add(s);
                    else next.delete(s);
                    setPicked(next);
                  }}
                />
                {nameOf(s)}
              </label>
            ))}
          </div>
        ) : null}
        <button
          type="button"
          class="primary"
          disabled={busy || picked.size === 0}
          onClick={() => void again()}
        >
          Scrobble again
        </button>
      </fieldset>

      <div class="button-row">
        {lovable.map((a) => (
          <span key={a.service} class="love-pair">
            <button type="button" disabled={busy} onClick={() => void love(a.service, true)}>
              Love on {a.name}
            </button>
            <button type="button" disabled={busy} onClick={() => void love(a.service, false)}>
              Unlove on {a.name}
            </button>
          </span>
        ))}
        <button
          type="button"
          class="danger-outline"
          disabled={play.rows.some((r) => r.state === 'sending')}
          onClick={() => {
            onRemove(play.rows);
            onClose();
          }}
        >
          Remove
        </button>
      </div>
    </div>
  );
}

/** What one service answered, in words; its own text under Details. */
function ServiceAnswer({ row, name, now }: { row: StoredScrobble; name: string; now: number }) {
  const status = serviceStatus(row, name, now);
  const fixes = corrections(row).map(correctionText);
  const why =
    row.state === 'ignored'
      ? plainWords(row.reason ?? '') ||
        `It was not recorded (${IGNORED_WORDS[row.ignoredKind ?? 'other']}).`
      : row.state === 'failed' ||
          row.state === 'retrying' ||
          (row.state === 'queued' && row.attempts > 0)
        ? (lastErrorWords(row) ?? plainWords(row.reason ?? ''))
        : null;
  const raw = rawError(row);
  return (
    <li class={`service-answer tone-${status.tone}`} data-service={row.target}>
      <strong>{status.text}</strong>
      {fixes.length ? <span class="detail">Recorded as: {fixes.join('; ')}</span> : null}
      {why ? <span class="detail">{why}</span> : null}
      <details class="raw-details">
        <summary>Details</summary>
        <dl>
          <dt>State</dt>
          <dd>{row.state}</dd>
          {row.ignoredKind ? (
            <>
              <dt>Ignored as</dt>
              <dd>
                {row.ignoredKind}
                {row.ignoredCode !== null ? ` (code ${row.ignoredCode})` : ''}
              </dd>
            </>
          ) : null}
          {row.recorded ? (
            <>
              <dt>Recorded</dt>
              <dd>
                {row.recorded.artist} — {row.recorded.track}
                {row.recorded.album ? ` (${row.recorded.album})` : ''}
              </dd>
            </>
          ) : null}
          {raw ? (
            <>
              <dt>Answer</dt>
              <dd>
                <pre>{raw}</pre>
              </dd>
            </>
          ) : null}
          <dt>Failed tries</dt>
          <dd>{row.attempts}</dd>
        </dl>
      </details>
    </li>
  );
}
