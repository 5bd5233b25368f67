import { useApp } from '../app-context.js';
import { serviceName } from '../lib/service-name.js';

// "Service: All services / Last.fm / ListenBrainz…": shows one service's rows. Only offered
// when scrobbles go to more than one service.

export function serviceChoices(
  accounts: ReturnType<typeof useApp>['accounts'],
  targets: readonly string[],
): string[] {
  const signedIn = (accounts ?? []).filter((a) => a.user !== null).map((a) => a.service);
  return [...new Set([...targets, ...signedIn])];
}

export function ServiceFilter({
  id,
  value,
  onChange,
}: {
  id: string;
  value: string | null;
  onChange: (service: string | null) => void;
}) {
  const { accounts, targets } = useApp();
  const choices = serviceChoices(accounts, targets);
  if (choices.length < 2 && value === null) return null;
  return (
    <div class="field service-filter">
      <label for={id}>Service</label>
      <select id={id} value={value ?? ''} onChange={(e) => onChange(e.currentTarget.value || null)}>
        <option value="">All services</option>
        {choices.map((s) => (
          <option key={s} value={s}>
            {serviceName(s, accounts)}
          </option>
        ))}
      </select>
    </div>
  );
}
