import type { IncomingMessage, ServerResponse } from 'node:http';
import { dispatch } from '../api/dispatch.js';
import type { Core } from '../core.js';
import { apiErrorFor } from './api-errors.js';
import { sendApiError, sendJson } from './http-responses.js';
import { BodyError, readJsonBody } from './read-json-body.js';

// POST /api/call/<method>: the body is the method's input. Every call goes through dispatch,
// which validates the input against the shared contract before the core sees it.

export const API_CALL_PREFIX = '/api/call/';

export async function handleApiCall(
  core: Core,
  req: IncomingMessage,
  res: ServerResponse,
  pathname: string,
): Promise<void> {
  let method: string;
  try {
    method = decodeURIComponent(pathname.slice(API_CALL_PREFIX.length));
  } catch {
    sendApiError(res, 400, 'The method name in the URL is not valid.');
    return;
  }
  let input: unknown;
  try {
    input = await readJsonBody(req);
  } catch (error) {
    if (!(error instanceof BodyError)) throw error;
    // The rest of the body was not read; the connection cannot carry another request.
    if (!error.drained) res.setHeader('Connection', 'close');
    sendApiError(res, error.status, error.message);
    return;
  }
  try {
    const result = await dispatch(core, method, input);
    // `undefined` (a method with nothing to return) is not JSON: send null.
    sendJson(res, 200, { ok: true, result: result ?? null });
  } catch (error) {
    const { status, body } = apiErrorFor(error);
    sendJson(res, status, body);
  }
}
