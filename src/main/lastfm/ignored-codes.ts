import type { ServicePreset } from '../../shared/services.js';

// Scrobbletray stores, shows and acts on ignored codes in Last.fm's meaning: 3 = too old (the
// window offers to re-time it), 4 = too far in the future. GNU FM (Libre.fm, self-hosted
// servers) numbers those two the other way round (PROTOCOLS.md), so its answers are
// translated here, where they arrive, and nothing further in needs to know.

export type ServiceFlavor = ServicePreset['flavor'];

/** The ignored code in Last.fm's numbering. */
export function toLastfmIgnoredCode(code: number, flavor: ServiceFlavor): number {
  if (flavor !== 'gnufm') return code;
  if (code === 3) return 4;
  if (code === 4) return 3;
  return code;
}
