import type { ImportSummary } from '../../shared/import-types.js';

// Past imports: what each queued, what of it is still unsent, and "Remove unsent".

const n = (value: number) => value.toLocaleString('en');

export function ImportList({
  imports,
  serviceName,
  onRemove,
}: {
  imports: ImportSummary[];
  serviceName: (id: string) => string;
  onRemove: (entry: ImportSummary) => void;
}) {
  if (imports.length === 0) return <p class="muted">No imports yet.</p>;
  return (
    <table class="queue-table import-list" aria-label="Past imports">
      <thead>
        <tr>
          <th scope="col">File</th>
          <th scope="col">Imported</th>
          <th scope="col">Per service</th>
          <th scope="col">Unsent</th>
          <th scope="col">
            <span class="sr-only">Actions</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {imports.map((entry) => (
          <tr key={entry.id} data-import={entry.id}>
            <td>
              <span class="title">{entry.fileName}</span>
              <span class="sub">
                {entry.format}
                {entry.removedAt !== null ? ' · removed; the sent plays stayed' : ''}
              </span>
            </td>
            <td>{new Date(entry.lastRunAt).toLocaleString()}</td>
            <td>{perService(entry, serviceName)}</td>
            <td data-testid="import-unsent">{n(entry.unsent)}</td>
            <td class="col-actions">
              <button type="button" disabled={entry.unsent === 0} onClick={() => onRemove(entry)}>
                Remove unsent
              </button>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function perService(entry: ImportSummary, serviceName: (id: string) => string): string {
  const byTarget = new Map<string, Map<string, number>>();
  for (const row of entry.rows) {
    const states = byTarget.get(row.target) ?? new Map<string, number>();
    states.set(row.state, (states.get(row.state) ?? 0) + row.count);
    byTarget.set(row.target, states);
  }
  if (byTarget.size === 0) return 'nothing left';
  return [...byTarget]
    .map(
      ([target, states]) =>
        `${serviceName(target)}: ${[...states].map(([state, count]) => `${n(count)} ${state}`).join(', ')}`,
    )
    .join('; ');
}
