import type { ServiceStatus } from '../lib/describe.js';

// A play's status with each service, one short line each ("Accepted by Last.fm", "Waiting
// for ListenBrainz"), as a list so a screen reader says how many services there are.

export function PlayStatuses({
  statuses,
  compact = false,
}: {
  statuses: ServiceStatus[];
  compact?: boolean;
}) {
  if (compact) {
    return <>{statuses.map((s) => s.text).join(' · ')}</>;
  }
  return (
    <ul class="play-statuses">
      {statuses.map((s) => (
        <li key={s.service} class={`service-status tone-${s.tone}`} data-service-status={s.service}>
          {s.text}
        </li>
      ))}
    </ul>
  );
}
