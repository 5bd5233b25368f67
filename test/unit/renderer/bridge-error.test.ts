import { describe, expect, it } from 'vitest';
import { parseBridgeError } from '../../../src/renderer/lib/bridge-error.js';

describe('parseBridgeError', () => {
  it("drops Electron's invoke prefix", () => {
    expect(
      parseBridgeError(
        "Error invoking remote method 'scrobbletray:call': Error: No scrobble with id 9.",
      ),
    ).toEqual({ message: 'No scrobble with id 9.' });
  });

  it('recovers field problems written one per line', () => {
    const failure = parseBridgeError(
      "Error invoking remote method 'scrobbletray:call': Error: artist: Artist is empty: fill it in.\nitems.3.track: Track is empty: fill it in.",
    );
    expect(failure.problems).toEqual([
      { field: 'artist', message: 'Artist is empty: fill it in.' },
      { field: 'items.3.track', message: 'Track is empty: fill it in.' },
    ]);
  });

  it('keeps problems the error already carries, and reads none into a plain message', () => {
    const given = [{ field: 'track', message: 'Track is empty: fill it in.' }];
    expect(parseBridgeError('whatever', given).problems).toEqual(given);
    expect(
      parseBridgeError('Invalid input for queue.list: limit: Too big').problems,
    ).toBeUndefined();
  });
});
