// The API's front door: finds the method and applies Last.fm's common checks (method, key,
// POST for writes, required parameters, signature, session) before the method's handler.

import type { MethodSpec, Params } from './method-spec.js';
import { AUTH_METHODS } from './methods-auth.js';
import { CATALOGUE_METHODS } from './methods-catalogue.js';
import { TRACK_METHODS } from './methods-track.js';
import { USER_METHODS } from './methods-user.js';
import { fail } from './responses.js';
import type { ApiResult } from './responses.js';
import { expectedSignature } from './signature.js';
import type { FakeLastfmState } from './state.js';

/** Keyed by lower-case name: Last.fm method names are case-insensitive. */
const METHODS: ReadonlyMap<string, MethodSpec> = new Map(
  Object.entries({ ...AUTH_METHODS, ...TRACK_METHODS, ...USER_METHODS, ...CATALOGUE_METHODS }),
);

export function handleApiCall(
  state: FakeLastfmState,
  httpMethod: string,
  params: Params,
): ApiResult {
  const spec = METHODS.get((params.method ?? '').toLowerCase());
  if (!spec) return fail(3);
  // GNU FM checks neither the API key nor the signature.
  const gnufm = state.config.flavor === 'gnufm';
  if (!gnufm && params.api_key !== state.config.apiKey) return fail(10);
  if (spec.postOnly && httpMethod !== 'POST')
    return fail(spec.postOnly.code, spec.postOnly.message);
  const required = (gnufm ? spec.gnufmRequired : undefined) ?? spec.required;
  if (required.some((name) => !params[name])) return fail(6);

  const carriesSession = spec.session !== 'none' && params.sk !== undefined;
  if (!gnufm && (spec.alwaysSigned || carriesSession)) {
    // A missing api_sig is treated as a wrong one.
    if (params.api_sig !== expectedSignature(params, state.config.apiSecret)) return fail(13);
  }
  let sessionUser: string | null = null;
  if (carriesSession) {
    sessionUser = state.sessionUser(params.sk ?? '');
    if (!sessionUser) return fail(9);
  }
  return spec.handle({ state, params, sessionUser });
}
