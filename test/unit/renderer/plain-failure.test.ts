// What the Account view shows for a failure: words for people, with API jargon and command
// lines moved to the details.
import { describe, expect, it } from 'vitest';
import { plainFailure } from '../../../src/renderer/lib/plain-failure.js';

describe('plainFailure', () => {
  it('keeps a message that is already for people, with no details', () => {
    expect(plainFailure('Last.fm does not know this API key.', { what: 'Signing in' })).toEqual({
      text: 'Last.fm does not know this API key.',
      details: null,
    });
  });

  it('moves API jargon to the details and says what failed in plain words', () => {
    const raw =
      'auth.getToken failed: Invalid API key - You must be granted a valid key by last.fm (Last.fm error 10)';
    const shown = plainFailure(raw, { what: 'Signing in to Last.fm' });
    expect(shown.text).toMatch(/^Signing in to Last\.fm did not work/);
    expect(shown.text).not.toMatch(/auth\.|error 10/);
    expect(shown.details).toBe(raw);
  });

  it('takes command lines out of the sentence, keeping the rest', () => {
    const shown = plainFailure(
      'ListenBrainz does not sign in that way: it takes your user token (scrobbletray login, with the token on stdin or in SCROBBLETRAY_USER_TOKEN).',
      { what: 'Signing in' },
    );
    expect(shown.text).toBe('ListenBrainz does not sign in that way: it takes your user token.');
    expect(shown.details).toContain('SCROBBLETRAY_USER_TOKEN');
  });

  it('drops a whole sentence that tells the user to run a command', () => {
    const shown = plainFailure(
      'No API key for Last.fm is set up. Create one at https://www.last.fm/api/account/create, then run `scrobbletray login` and enter them.',
      { what: 'Signing in' },
    );
    expect(shown.text).toBe('No API key for Last.fm is set up.');
    expect(shown.details).toMatch(/scrobbletray login/);
  });

  it('adds the technical text the core sent as a details problem', () => {
    const shown = plainFailure('Could not reach Libre.fm (libre.fm).', {
      what: 'Signing in',
      problems: [
        { field: 'details', message: 'auth.getToken failed: connection refused by libre.fm' },
        { field: 'apiKey', message: 'not this one' },
      ],
    });
    expect(shown).toEqual({
      text: 'Could not reach Libre.fm (libre.fm).',
      details: 'auth.getToken failed: connection refused by libre.fm',
    });
  });
});
