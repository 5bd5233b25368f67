// auth.getToken, auth.getSession (web and desktop flows) and auth.getMobileSession.

import type { MethodSpec } from './method-spec.js';
import { fail, ok } from './responses.js';
import type { JsonObject } from './responses.js';

/**
 * Last.fm sends `subscriber` as a number in some responses and as a string in others; the
 * fake sends the string to make clients cope with the less convenient form.
 */
function sessionBody(name: string, key: string): JsonObject {
  return { session: { name, key, subscriber: '0' } };
}

export const AUTH_METHODS: Readonly<Record<string, MethodSpec>> = {
  'auth.gettoken': {
    alwaysSigned: true,
    session: 'none',
    required: [],
    handle: ({ state }) => ok({ token: state.issueToken() }),
  },
  'auth.getsession': {
    alwaysSigned: true,
    session: 'none',
    required: ['token'],
    handle: ({ state, params }) => {
      const result = state.exchangeToken(params.token ?? '');
      if (!result.ok) return fail(result.code, result.message);
      return ok(sessionBody(result.user, result.sessionKey));
    },
  },
  'auth.getmobilesession': {
    // Last.fm answers a GET here with 4 "This service requires POST" (not 3 as for writes).
    postOnly: { code: 4, message: 'This service requires POST' },
    alwaysSigned: true,
    session: 'none',
    required: ['username', 'password'],
    // GNU FM takes no password here: a request with only `password` lacks authToken (6).
    gnufmRequired: ['username', 'authToken'],
    handle: ({ state, params }) => {
      const name = params.username ?? '';
      const user =
        state.config.flavor === 'gnufm'
          ? state.checkAuthToken(name, params.authToken ?? '')
          : state.checkPassword(name, params.password ?? '');
      if (!user) return fail(4, 'Authentication Failed');
      return ok(sessionBody(user, state.createSession(user)));
    },
  },
};
