import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import type { FilePreview, ImportResult, ImportSummary } from '../../shared/import-types.js';
import { errorMessage } from '../api.js';
import { useApp } from '../app-context.js';
import { ImportList } from '../components/import-list.js';
import { ImportPreviewPanel } from '../components/import-preview.js';
import { useCoreEvent } from '../hooks/use-core-event.js';
import { formatOffset, parseOffsetInput, uploadFile } from '../lib/import-upload.js';
import { serviceName } from '../lib/service-name.js';

// Import listening history: drop a file or pick one, see what each service would get and what
// is left out and why, choose the services, import with progress, and review past imports
// (remove what is not sent yet). A device-local .scrobbler.log waits for the user to give its
// UTC offset: none is guessed.

type Stage =
  | { kind: 'idle' }
  | { kind: 'uploading'; fileName: string; sent: number; size: number }
  | { kind: 'reading'; upload: string; fileName: string }
  | { kind: 'preview'; upload: string; preview: FilePreview; offset?: number }
  | { kind: 'importing'; upload: string; preview: FilePreview }
  | { kind: 'done'; result: ImportResult };

interface Progress {
  bytesRead: number;
  totalBytes: number;
  rows: number;
  queued: number;
}

const n = (value: number) => value.toLocaleString('en');

export function ImportView() {
  const { api, notify, confirm, accounts, queueVersion } = useApp();
  const [stage, setStage] = useState<Stage>({ kind: 'idle' });
  const [error, setError] = useState<string | null>(null);
  const [chosen, setChosen] = useState<Set<string>>(new Set());
  const [offsetText, setOffsetText] = useState('');
  const [progress, setProgress] = useState<Progress | null>(null);
  const [imports, setImports] = useState<ImportSummary[] | null>(null);
  const [dragging, setDragging] = useState(false);
  const job = useRef<string | null>(null);
  const input = useRef<HTMLInputElement>(null);

  const reload = useCallback(() => {
    api.import.list().then(setImports, (e: unknown) => setError(errorMessage(e)));
  }, [api]);
  useEffect(reload, [reload, queueVersion]);

  useCoreEvent((event) => {
    if (event.type !== 'import-progress' || event.job !== job.current) return;
    setProgress({
      bytesRead: event.bytesRead,
      totalBytes: event.totalBytes,
      rows: event.rows,
      queued: event.queued,
    });
  });

  const preview = async (upload: string, fileName: string, offset?: number) => {
    job.current = upload;
    setProgress(null);
    setStage({ kind: 'reading', upload, fileName });
    try {
      const result = await api.import.preview(
        offset === undefined ? { upload } : { upload, utcOffsetMinutes: offset },
      );
      setChosen(new Set(result.services.filter((s) => s.plays > 0).map((s) => s.id)));
      setStage(
        offset === undefined
          ? { kind: 'preview', upload, preview: result }
          : { kind: 'preview', upload, preview: result, offset },
      );
    } catch (e) {
      setError(errorMessage(e));
      await api.import.discard(upload).catch(() => undefined);
      setStage({ kind: 'idle' });
    }
  };

  const pick = async (file: File | undefined) => {
    if (!file) return;
    setError(null);
    setOffsetText('');
    setStage({ kind: 'uploading', fileName: file.name, sent: 0, size: file.size });
    try {
      const upload = await uploadFile(api.import, file, (sent, size) =>
        setStage({ kind: 'uploading', fileName: file.name, sent, size }),
      );
      await preview(upload, file.name);
    } catch (e) {
      setError(errorMessage(e));
      setStage({ kind: 'idle' });
    }
  };

  const cancel = async () => {
    if (stage.kind === 'preview') await api.import.discard(stage.upload).catch(() => undefined);
    setStage({ kind: 'idle' });
    setError(null);
  };

  const applyOffset = async () => {
    if (stage.kind !== 'preview') return;
    const minutes = parseOffsetInput(offsetText);
    if (minutes === null) {
      setError(
        `"${offsetText}" is not an offset from UTC: write it like +01:00 (Berlin in winter) or -05:00 (New York).`,
      );
      return;
    }
    setError(null);
    await preview(stage.upload, stage.preview.file, minutes);
  };

  const run = async () => {
    if (stage.kind !== 'preview') return;
    const services = [...chosen];
    job.current = stage.upload;
    setProgress(null);
    setStage({ kind: 'importing', upload: stage.upload, preview: stage.preview });
    try {
      const result = await api.import.run({
        upload: stage.upload,
        services,
        ...(stage.offset === undefined ? {} : { utcOffsetMinutes: stage.offset }),
      });
      setStage({ kind: 'done', result });
      notify(`Imported ${stage.preview.file}: ${n(result.queued)} plays queued.`, 'success');
    } catch (e) {
      setError(errorMessage(e));
      setStage({ kind: 'idle' });
    }
    reload();
  };

  const remove = async (entry: ImportSummary) => {
    const yes = await confirm({
      title: 'Remove unsent plays?',
      message: `${n(entry.unsent)} plays of ${entry.fileName} have not been sent yet and will be removed. Plays already sent stay in your history.`,
      confirmLabel: 'Remove unsent',
      danger: true,
    });
    if (!yes) return;
    try {
      const removal = await api.import.remove(entry.id);
      notify(
        `Removed ${n(removal.removed)} unsent plays of ${entry.fileName}.` +
          (removal.kept > 0 ? ` ${n(removal.kept)} stayed because they were sent.` : ''),
        'success',
      );
    } catch (e) {
      notify(`Could not remove the import: ${errorMessage(e)}`, 'error');
    }
    reload();
  };

  const needsOffset =
    stage.kind === 'preview' && stage.preview.needsUtcOffset && stage.offset === undefined;

  return (
    <section class="view import-view" aria-labelledby="import-title">
      <div class="view-head">
        <h1 id="import-title">Import</h1>
      </div>
      <p class="muted">
        Plays from a Rockbox <code>.scrobbler.log</code>, a Spotify extended streaming history (
        <code>Streaming_History_Audio_*.json</code>) or a ListenBrainz export. You see what each
        service would get before anything is queued; importing the same file again adds nothing.
      </p>
      {error ? (
        <p class="banner error" role="alert">
          {error}
        </p>
      ) : null}

      {stage.kind === 'idle' || stage.kind === 'done' ? (
        <div
          class={`import-drop${dragging ? ' dragging' : ''}`}
          data-testid="import-drop"
          onDragOver={(e) => {
            e.preventDefault();
            setDragging(true);
          }}
          onDragLeave={() => setDragging(false)}
          onDrop={(e) => {
            e.preventDefault();
            setDragging(false);
            void pick(e.dataTransfer?.files[0]);
          }}
        >
          <p>Drop a file here, or</p>
          <input
            ref={input}
            type="file"
            class="sr-only"
            accept=".log,.json,.jsonl,application/json,text/plain"
            aria-label="Choose a file to import"
            onChange={(e) => {
              const target = e.target as HTMLInputElement;
              void pick(target.files?.[0]);
              target.value = '';
            }}
          />
          <button type="button" class="primary" onClick={() => input.current?.click()}>
            Choose a file…
          </button>
        </div>
      ) : null}

      {stage.kind === 'uploading' ? (
        <ProgressLine
          label={`Reading ${stage.fileName}`}
          value={stage.sent}
          max={stage.size}
          text={`${Math.floor((100 * stage.sent) / Math.max(1, stage.size))}%`}
        />
      ) : null}
      {stage.kind === 'reading' ? (
        <ProgressLine
          label={`Checking ${stage.fileName}`}
          value={progress?.bytesRead ?? 0}
          max={progress?.totalBytes ?? 1}
          text={`${n(progress?.rows ?? 0)} rows`}
        />
      ) : null}

      {stage.kind === 'preview' ? (
        <div class="stack">
          <ImportPreviewPanel
            preview={stage.preview}
            chosen={chosen}
            onToggle={(service, on) => {
              const next = new Set(chosen);
              if (on) next.add(service);
              else next.delete(service);
              setChosen(next);
            }}
          />
          {stage.preview.needsUtcOffset || stage.offset !== undefined ? (
            <div class="banner warning" data-testid="import-offset">
              <span>
                {stage.offset === undefined
                  ? "This log says #TZ/UNKNOWN: its times are the player's own clock. Give the player's offset from UTC to import it."
                  : `Times read as UTC${formatOffset(stage.offset)}.`}
              </span>
              <div class="field">
                <label for="import-offset">Player's offset from UTC</label>
                <input
                  id="import-offset"
                  value={offsetText}
                  placeholder="+01:00"
                  onInput={(e) => setOffsetText((e.target as HTMLInputElement).value)}
                />
              </div>
              <button type="button" onClick={() => void applyOffset()}>
                Use this offset
              </button>
            </div>
          ) : null}
          <div class="button-row">
            <button
              type="button"
              class="primary"
              disabled={needsOffset || chosen.size === 0 || stage.preview.importable === 0}
              onClick={() => void run()}
            >
              Import to {[...chosen].map((id) => serviceName(id, accounts)).join(' and ') || '…'}
            </button>
            <button type="button" onClick={() => void cancel()}>
              Cancel
            </button>
          </div>
        </div>
      ) : null}

      {stage.kind === 'importing' ? (
        <ProgressLine
          label={`Importing ${stage.preview.file}`}
          value={progress?.bytesRead ?? 0}
          max={progress?.totalBytes ?? stage.preview.bytes}
          text={`${n(progress?.queued ?? 0)} plays queued`}
        />
      ) : null}

      {stage.kind === 'done' ? (
        <div class="banner info" data-testid="import-result" role="status">
          <span>
            {stage.result.preview.file}: {n(stage.result.queued)} plays queued
            {stage.result.alreadyThere > 0
              ? `, ${n(stage.result.alreadyThere)} already there from an earlier import`
              : ''}
            . {stage.result.services.map((s) => `${s.name}: ${n(s.queued)} queued`).join('; ')}
          </span>
        </div>
      ) : null}

      <h2>Past imports</h2>
      {imports === null ? (
        <p class="muted">Loading…</p>
      ) : (
        <ImportList
          imports={imports}
          serviceName={(id) => serviceName(id, accounts)}
          onRemove={(entry) => void remove(entry)}
        />
      )}
    </section>
  );
}

function ProgressLine(props: { label: string; value: number; max: number; text: string }) {
  return (
    <div class="import-progress" data-testid="import-progress">
      <label>
        {props.label}
        <progress value={props.value} max={Math.max(1, props.max)} />
      </label>
      <span aria-live="polite">{props.text}</span>
    </div>
  );
}
