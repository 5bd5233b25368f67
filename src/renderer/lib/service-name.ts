import type { AccountSummary } from '../../shared/core-events.js';
import { findBuiltinService } from '../../shared/services.js';

/**
 * "lastfm" -> "Last.fm"; a self-hosted server by the name the user gave it (from the account
 * list, when the caller has it); failing both, the id.
 */
export function serviceName(
  id: string,
  accounts?: readonly Pick<AccountSummary, 'service' | 'name'>[] | null,
): string {
  return accounts?.find((a) => a.service === id)?.name ?? findBuiltinService(id)?.name ?? id;
}
