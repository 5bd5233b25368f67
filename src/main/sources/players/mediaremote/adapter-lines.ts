// The output of ungive/mediaremote-adapter's `stream` function: one JSON object per line,
// `{"type":"data","diff":bool,"payload":{...}}`. A non-diff payload replaces everything (an
// empty one means "nothing is playing"); a diff payload changes only the keys it carries,
// null meaning "no value now". Pure: parse a line, fold it into the state.

export type AdapterPayload = Record<string, unknown>;

export interface AdapterData {
  diff: boolean;
  payload: AdapterPayload;
}

/** One stdout line -> data, null for a blank line or a message type we do not know. */
export function parseAdapterLine(line: string): AdapterData | null {
  const trimmed = line.trim();
  if (!trimmed) return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(trimmed);
  } catch {
    throw new Error(
      `The MediaRemote adapter printed a line that is not JSON: ${trimmed.slice(0, 80)}`,
    );
  }
  if (!parsed || typeof parsed !== 'object') return null;
  const message = parsed as { type?: unknown; diff?: unknown; payload?: unknown };
  if (message.type !== 'data') return null;
  const payload =
    message.payload && typeof message.payload === 'object' && !Array.isArray(message.payload)
      ? (message.payload as AdapterPayload)
      : {};
  return { diff: message.diff === true, payload };
}

/** The now-playing state after `data`. */
export function foldAdapterData(state: AdapterPayload, data: AdapterData): AdapterPayload {
  if (!data.diff) return { ...data.payload };
  const merged = { ...state, ...data.payload };
  return Object.fromEntries(Object.entries(merged).filter(([, value]) => value !== null));
}
