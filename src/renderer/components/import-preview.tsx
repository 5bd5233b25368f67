import type { FilePreview, ReasonCount } from '../../shared/import-types.js';

// What an import would do, as the preview says: per service the plays it would get and what
// it would not get and why, then what is left out for every service, with examples.

function day(unixSec: number): string {
  return new Date(unixSec * 1000).toISOString().slice(0, 10);
}

const n = (value: number) => value.toLocaleString('en');

export function ImportPreviewPanel({
  preview,
  chosen,
  onToggle,
}: {
  preview: FilePreview;
  chosen: ReadonlySet<string>;
  onToggle: (service: string, on: boolean) => void;
}) {
  return (
    <div class="import-preview" data-testid="import-preview">
      <p>
        <strong>{preview.file}</strong>: {preview.format}, {n(preview.rows)} rows,{' '}
        {n(preview.plays)} plays
        {preview.earliest !== undefined && preview.latest !== undefined
          ? ` from ${day(preview.earliest)} to ${day(preview.latest)}`
          : ''}
        .
      </p>
      <fieldset class="import-services">
        <legend>Import to</legend>
        {preview.services.map((service) => (
          <div class="import-service" key={service.id} data-service={service.id}>
            <label class="choice">
              <input
                type="checkbox"
                checked={chosen.has(service.id)}
                onChange={(e) => onToggle(service.id, (e.target as HTMLInputElement).checked)}
              />
              <span>
                {service.name}: <strong>{n(service.plays)}</strong> plays
              </span>
            </label>
            {service.skipped.map((skip) => (
              <Reason key={skip.reason} skip={skip} prefix={`Not sent to ${service.name}`} />
            ))}
          </div>
        ))}
      </fieldset>
      {preview.skipped.length > 0 ? (
        <section aria-labelledby="import-left-out">
          <h3 id="import-left-out">Left out for every service</h3>
          {preview.skipped.map((skip) => (
            <Reason key={skip.reason} skip={skip} />
          ))}
        </section>
      ) : null}
    </div>
  );
}

function Reason({ skip, prefix }: { skip: ReasonCount; prefix?: string }) {
  return (
    <details class="import-reason" data-reason={skip.reason}>
      <summary>
        {prefix ? `${prefix}: ` : ''}
        {skip.label}: {n(skip.count)}
      </summary>
      <ul>
        {skip.examples.map((example) => (
          <li key={example.where}>
            {example.text.startsWith(example.where)
              ? example.text
              : `${example.where}: ${example.text}`}
          </li>
        ))}
      </ul>
    </details>
  );
}
