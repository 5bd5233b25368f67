// Turns every way a call can fail into a LastfmError. Pure functions, so the mapping is
// unit-tested without a network. Messages are built from the method, host, codes and the
// server's own error text (redacted) only: never from request parameters.

import { classifyHttpStatus, classifyLastfmCode, LASTFM_CODES, LastfmError } from './errors.js';
import { redact } from './redact.js';

/** Longest server message we quote; the rest is noise in a tray notification. */
const MAX_SERVER_MESSAGE = 200;

/**
 * Retry-After as milliseconds from now: delay-seconds or an HTTP date (a date in the past
 * means "now", 0). Null when absent or unreadable.
 */
export function parseRetryAfter(
  value: string | readonly string[] | undefined,
  nowMs: number,
): number | null {
  const raw = (typeof value === 'string' ? value : value?.[0])?.trim();
  if (!raw) return null;
  if (/^\d+$/.test(raw)) return Number.parseInt(raw, 10) * 1000;
  // An HTTP date names its month; without this, Date.parse takes '-5' as a year.
  if (!/[A-Za-z]{3}/.test(raw)) return null;
  const at = Date.parse(raw);
  if (Number.isNaN(at)) return null;
  return Math.max(0, at - nowMs);
}

/** Server text made safe to show: secrets redacted, control characters flattened, shortened. */
export function cleanServerMessage(message: string, secrets: readonly string[]): string {
  const flat = redact(message, secrets)
    .replace(/[\p{Cc}\s]+/gu, ' ')
    .trim();
  return flat.length > MAX_SERVER_MESSAGE ? `${flat.slice(0, MAX_SERVER_MESSAGE - 1)}…` : flat;
}

export interface LastfmFailureInit {
  method: string;
  code: number;
  serverMessage: string;
  /** The call carried a session key (decides what code 4 means). */
  authenticated: boolean;
  httpStatus: number | null;
  retryAfterMs: number | null;
  secrets: readonly string[];
}

/** A Last.fm error body (`{"error": 9, "message": ...}`): it wins over the HTTP status. */
export function lastfmFailure(init: LastfmFailureInit): LastfmError {
  const said = cleanServerMessage(init.serverMessage, init.secrets);
  const reason = said || LASTFM_CODES[init.code] || 'Unknown error';
  return new LastfmError({
    method: init.method,
    errorClass: classifyLastfmCode(init.code, init.authenticated),
    message: `${init.method} failed: ${reason} (Last.fm error ${init.code})`,
    code: init.code,
    httpStatus: init.httpStatus,
    retryAfterMs: init.retryAfterMs,
  });
}

/** An HTTP error status with no Last.fm error in the body. */
export function httpFailure(
  method: string,
  host: string,
  status: number,
  retryAfterMs: number | null,
): LastfmError {
  return new LastfmError({
    method,
    errorClass: classifyHttpStatus(status),
    message: `${method} failed: HTTP ${status} from ${host}`,
    httpStatus: status,
    retryAfterMs,
    // A bare 5xx may come from a proxy after the service acted; a 4xx is a refusal.
    maybeProcessed: status >= 500,
  });
}

/** A response that arrived but cannot be read: worth another try later. */
export function unreadableFailure(
  method: string,
  where: string,
  httpStatus: number | null = null,
): LastfmError {
  const status = httpStatus === null ? '' : ` (HTTP ${httpStatus})`;
  return new LastfmError({
    method,
    errorClass: 'transient',
    message: `${method} failed: ${where} returned a response Scrobbletray could not read${status}`,
    httpStatus,
    maybeProcessed: true,
  });
}

export interface Timeouts {
  connectTimeoutMs: number;
  responseTimeoutMs: number;
}

/**
 * A request that never got a complete response. The raw error is not kept as `cause`: undici
 * errors can carry the request (and so a URL with sk/api_sig); only its code is kept.
 */
export function networkFailure(
  method: string,
  host: string,
  err: unknown,
  timeouts: Timeouts,
): LastfmError {
  const code = errorCode(err);
  const { errorClass, what } = describeNetworkError(code, host, timeouts);
  return new LastfmError({
    method,
    errorClass,
    message: `${method} failed: ${what}`,
    maybeProcessed: code === undefined || !NEVER_SENT.has(code),
    cause: code === undefined ? undefined : { code },
  });
}

/** Network failures that happen before a request can reach the server. */
const NEVER_SENT = new Set([
  'ECONNREFUSED',
  'UND_ERR_CONNECT_TIMEOUT',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ENETUNREACH',
  'EHOSTUNREACH',
  'ENETDOWN',
]);

function describeNetworkError(
  code: string | undefined,
  host: string,
  t: Timeouts,
): { errorClass: 'transient' | 'permanent'; what: string } {
  const seconds = (ms: number) => `${Math.round(ms / 100) / 10} s`;
  switch (code) {
    case 'ECONNREFUSED':
      return { errorClass: 'transient', what: `connection refused by ${host}` };
    case 'ECONNRESET':
    case 'EPIPE':
    case 'UND_ERR_SOCKET':
      return { errorClass: 'transient', what: 'connection reset by the server' };
    case 'UND_ERR_CONNECT_TIMEOUT':
    case 'ETIMEDOUT':
      return {
        errorClass: 'transient',
        what: `could not connect to ${host} within ${seconds(t.connectTimeoutMs)}`,
      };
    case 'UND_ERR_HEADERS_TIMEOUT':
      return {
        errorClass: 'transient',
        what: `${host} did not answer within ${seconds(t.responseTimeoutMs)}`,
      };
    case 'UND_ERR_BODY_TIMEOUT':
      return {
        errorClass: 'transient',
        what: `${host} stopped sending its answer for ${seconds(t.responseTimeoutMs)}`,
      };
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return { errorClass: 'transient', what: `could not look up ${host} (offline?)` };
    case 'ENETUNREACH':
    case 'EHOSTUNREACH':
    case 'ENETDOWN':
      return { errorClass: 'transient', what: `network unreachable (${code})` };
    case 'UND_ERR_DESTROYED':
    case 'UND_ERR_CLOSED':
    case 'UND_ERR_ABORTED':
    case 'ABORT_ERR':
      return { errorClass: 'transient', what: 'the request was cancelled' };
    case 'UND_ERR_RES_EXCEEDED_MAX_SIZE':
      return { errorClass: 'transient', what: `the answer from ${host} was too large` };
    case 'UND_ERR_INVALID_ARG':
    case 'ERR_INVALID_URL':
    case 'ERR_INVALID_ARG_TYPE':
      return { errorClass: 'permanent', what: `the request could not be made (${code})` };
    default:
      if (code !== undefined && isTlsCode(code)) {
        return { errorClass: 'transient', what: `secure connection to ${host} failed (${code})` };
      }
      return { errorClass: 'transient', what: `network error${code ? ` (${code})` : ''}` };
  }
}

function isTlsCode(code: string): boolean {
  return /CERT|SSL|TLS|SELF_SIGNED|UNABLE_TO_(GET|VERIFY)/.test(code);
}

/** The error's code, looking through wrappers (AggregateError, `cause`); only tame codes. */
function errorCode(err: unknown, depth = 0): string | undefined {
  if (typeof err !== 'object' || err === null || depth > 3) return undefined;
  const own = (err as { code?: unknown }).code;
  if (typeof own === 'string' && /^[A-Z][A-Z0-9_]{1,59}$/.test(own)) return own;
  const inner = (err as { errors?: unknown }).errors;
  if (Array.isArray(inner) && inner.length > 0) {
    const found = errorCode(inner[0], depth + 1);
    if (found) return found;
  }
  return errorCode((err as { cause?: unknown }).cause, depth + 1);
}
