// Which Node each part needs. The CLI, headless mode and the tests run on Node 20.19+
// (package.json "engines"); fetching Electron's runtime runs Electron's own installer, which
// asks for a newer Node (Electron 45: 22.12), read from its package.json so it stays true.

export const MIN_NODE = '20.19.0';

/** "v22.12.0", "22.12", ">= 22.12.0" -> [22, 12, 0]; null when there is no version. */
export function parseVersion(text) {
  const match = /(\d+)\.(\d+)(?:\.(\d+))?/.exec(String(text ?? ''));
  return match ? [Number(match[1]), Number(match[2]), Number(match[3] ?? 0)] : null;
}

/** Whether version `have` is at least `need` (both strings). */
export function atLeast(have, need) {
  const a = parseVersion(have);
  const b = parseVersion(need);
  if (!a || !b) return false;
  for (let i = 0; i < 3; i++) {
    if (a[i] !== b[i]) return a[i] > b[i];
  }
  return true;
}

/** The lowest Node an `engines.node` range like ">= 22.12.0" accepts, or null. */
export function lowestNode(range) {
  const parsed = parseVersion(range);
  return parsed ? parsed.join('.') : null;
}
