// How API results go on the wire: JSON with format=json, Last.fm's XML otherwise.
// Handlers build the JSON shape; the XML is derived from it the way Last.fm derives its JSON
// from XML, in reverse: '@attr' members and attribute-like members become attributes.

export type Json = string | number | boolean | null | Json[] | JsonObject;
export interface JsonObject {
  [key: string]: Json;
}

export type ApiResult =
  { kind: 'ok'; body: JsonObject } | { kind: 'error'; code: number; message: string };

export type ResponseFormat = 'json' | 'xml';

export interface HttpReply {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** Last.fm's own texts for its error codes. */
export const ERROR_MESSAGES: Readonly<Record<number, string>> = {
  2: 'Invalid service - This service does not exist',
  3: 'Invalid Method - No method with that name in this package',
  4: 'Authentication Failed - You do not have permissions to access the service',
  5: 'Invalid format - This service doesn\u2019t exist in that format',
  6: 'Invalid parameters - Your request is missing a required parameter',
  7: 'Invalid resource specified',
  8: 'Operation failed - Most likely the backend service failed. Please try again.',
  9: 'Invalid session key - Please re-authenticate',
  10: 'Invalid API key - You must be granted a valid key by last.fm',
  11: 'Service Offline - This service is temporarily offline. Try again later.',
  13: 'Invalid method signature supplied',
  14: 'Unauthorized Token - This token has not been authorized',
  15: 'Unauthorized Token - This token has expired',
  16: 'There was a temporary error processing your request. Please try again',
  26: 'Suspended API key - Access for your account has been suspended, please contact Last.fm',
  29: 'Rate Limit Exceeded - Your IP has made too many requests in a short period',
};

export function ok(body: JsonObject): ApiResult {
  return { kind: 'ok', body };
}

export function fail(code: number, message?: string): ApiResult {
  return { kind: 'error', code, message: message ?? ERROR_MESSAGES[code] ?? `Error ${code}` };
}

/**
 * Real Last.fm is unreliable about HTTP statuses (403 for some auth errors, 200 for others).
 * The fake keeps one simple rule, so clients must read the body: every error comes with 200,
 * except 29 (rate limit), which comes with 429 as Last.fm does under load.
 */
export function statusForError(code: number): number {
  return code === 29 ? 429 : 200;
}

export function renderApiResult(result: ApiResult, format: ResponseFormat): HttpReply {
  if (result.kind === 'error') {
    const status = statusForError(result.code);
    if (format === 'json') {
      return jsonReply(status, JSON.stringify({ error: result.code, message: result.message }));
    }
    const error = `<error code="${result.code}">${escapeXml(result.message)}</error>`;
    return xmlReply(status, lfmDocument('failed', error));
  }
  if (format === 'json') return jsonReply(200, JSON.stringify(result.body));
  const inner = Object.entries(result.body)
    .map(([name, value]) => toXml(name, value))
    .join('');
  return xmlReply(200, lfmDocument('ok', inner));
}

export function jsonReply(status: number, body: string): HttpReply {
  return { status, headers: { 'content-type': 'application/json; charset=utf-8' }, body };
}

export function xmlReply(status: number, body: string): HttpReply {
  return { status, headers: { 'content-type': 'text/xml; charset=utf-8' }, body };
}

function lfmDocument(status: 'ok' | 'failed', inner: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n<lfm status="${status}">${inner}</lfm>\n`;
}

/** Members that are XML attributes in Last.fm's responses when they sit beside '#text'. */
const ATTRIBUTE_NAMES = new Set(['corrected', 'code', 'mbid', 'uts', 'unixtime']);

function isObject(value: Json): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * A "text element" is an object made only of '#text', '@attr' and attribute-like members,
 * e.g. {"corrected":"0","#text":"Cher"} -> <artist corrected="0">Cher</artist>.
 */
function isTextElement(value: JsonObject): boolean {
  return Object.keys(value).every((k) => k === '#text' || k === '@attr' || ATTRIBUTE_NAMES.has(k));
}

function toXml(name: string, value: Json): string {
  if (Array.isArray(value)) return value.map((item) => toXml(name, item)).join('');
  if (!isObject(value)) return `<${name}>${escapeXml(String(value ?? ''))}</${name}>`;
  const attrs: string[] = [];
  const children: string[] = [];
  let text = '';
  const textElement = isTextElement(value);
  for (const [key, member] of Object.entries(value)) {
    if (key === '@attr' && isObject(member)) {
      for (const [attr, v] of Object.entries(member)) attrs.push(attribute(attr, v));
    } else if (key === '#text') {
      text = escapeXml(String(member ?? ''));
    } else if (textElement) {
      attrs.push(attribute(key, member));
    } else {
      children.push(toXml(key, member));
    }
  }
  return `<${name}${attrs.join('')}>${text}${children.join('')}</${name}>`;
}

function attribute(name: string, value: Json): string {
  return ` ${name}="${escapeXml(String(value ?? ''))}"`;
}

export function escapeXml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}
