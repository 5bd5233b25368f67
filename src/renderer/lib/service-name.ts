import { findBuiltinService } from '../../shared/services.js';

/** "lastfm" -> "Last.fm"; a custom service keeps its id. */
export function serviceName(id: string): string {
  return findBuiltinService(id)?.name ?? id;
}
