import { z } from 'zod';
import type { FieldProblem } from './field-problem.js';
import type { ScrobbleItem } from './track.js';

// The one set of rules for a scrobble entering the app, shared by the core (whatever the
// transport), the CLI and the window, so every front reports the same problem the same way.

export const MAX_TEXT_LENGTH = 512;
export const MIN_DURATION_SEC = 30;
export const MAX_DURATION_SEC = 24 * 3600;
/** How far ahead of the clock a play may start (GNU FM allows 300 s). */
export const FUTURE_TOLERANCE_SEC = 300;
/** Last.fm refuses scrobbles older than this (ignored as too old). */
export const LASTFM_MAX_AGE_DAYS = 14;

// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROL_CHARS = /[\u0000-\u001f\u007f-\u009f]/;

// Half of a UTF-16 surrogate pair without the other half: text cut in the middle of an emoji,
// say. Sent on, it would become a replacement character at the service.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
// U+FFFD is what a decoder puts where the bytes were not valid UTF-8 (a file or a tag in
// another encoding): the real characters are already lost, so the text is refused, not sent.
const REPLACEMENT_CHAR = '\uFFFD';

function textField(label: string) {
  return z
    .string({ error: `${label} must be text.` })
    .transform((s) => s.trim())
    .refine((s) => !CONTROL_CHARS.test(s), {
      error: `${label} contains a control character (tab, newline or similar): remove it.`,
    })
    .refine((s) => !s.includes(REPLACEMENT_CHAR), {
      error: `${label} contains a character that could not be read (the text was not valid UTF-8, shown as �): type it again or fix the file's encoding.`,
    })
    .refine((s) => !LONE_SURROGATE.test(s), {
      error: `${label} contains half of a character (an unpaired UTF-16 surrogate, often a cut emoji): type it again.`,
    })
    .refine((s) => s.length <= MAX_TEXT_LENGTH, {
      error: `${label} is longer than ${MAX_TEXT_LENGTH} characters: shorten it.`,
    });
}

function requiredText(label: string) {
  return textField(label).refine((s) => s.length > 0, { error: `${label} is empty: fill it in.` });
}

/** Optional text: blank becomes undefined so " " is not sent as an album. */
function optionalText(label: string) {
  return textField(label)
    .optional()
    .transform((s) => (s ? s : undefined));
}

export interface ScrobbleRules {
  /** Clock in unix seconds. */
  nowSec: number;
  /** Oldest play accepted, in days; undefined for services with no limit. */
  maxAgeDays?: number;
}

/**
 * The shape of a scrobble. Built once: the time limits depend on the clock, so they are
 * checked separately (timeProblems) rather than by rebuilding the schema on every call.
 */
const scrobbleItemSchema = z
  .object({
    artist: requiredText('Artist'),
    track: requiredText('Track'),
    album: optionalText('Album'),
    albumArtist: optionalText('Album artist'),
    duration: z
      .number({ error: 'Duration must be a number of seconds.' })
      .int({ error: 'Duration must be whole seconds.' })
      .min(MIN_DURATION_SEC, {
        error: `Duration must be at least ${MIN_DURATION_SEC} seconds (Last.fm ignores shorter tracks): fix it or leave it empty.`,
      })
      .max(MAX_DURATION_SEC, { error: 'Duration is longer than a day: check it.' })
      .optional(),
    trackNumber: z
      .number({ error: 'Track number must be a number.' })
      .int({ error: 'Track number must be a whole number.' })
      .min(1, { error: 'Track number must be 1 or more.' })
      .max(9999, { error: 'Track number is too large.' })
      .optional(),
    mbid: z
      .string()
      .trim()
      .regex(/^$|^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, {
        error: 'MusicBrainz id must be a UUID like 4f1c1a7e-…: fix it or leave it empty.',
      })
      .optional()
      .transform((s) => (s ? s.toLowerCase() : undefined)),
    timestamp: z
      .number({ error: 'Time played must be a unix time in seconds.' })
      .int({ error: 'Time played must be whole seconds.' }),
    chosenByUser: z.boolean().optional(),
  })
  .strict();

function timeProblems(timestamp: unknown, rules: ScrobbleRules): FieldProblem[] {
  if (typeof timestamp !== 'number' || !Number.isInteger(timestamp)) return [];
  if (timestamp > rules.nowSec + FUTURE_TOLERANCE_SEC) {
    return [
      {
        field: 'timestamp',
        message: 'Time played is in the future: use the time the track started, or "now".',
      },
    ];
  }
  const days = rules.maxAgeDays;
  if (days !== undefined && timestamp < rules.nowSec - days * 86400) {
    return [
      {
        field: 'timestamp',
        message: `Time played is more than ${days} days ago, and the service only accepts plays from the last ${days} days: re-time it (for example to now) to scrobble it.`,
      },
    ];
  }
  return [];
}

export { isFieldProblem, type FieldProblem } from './field-problem.js';

export type Validated<T> = { ok: true; value: T } | { ok: false; problems: FieldProblem[] };

/** Validate one scrobble; problems name the field and the fix. */
export function validateScrobble(input: unknown, rules: ScrobbleRules): Validated<ScrobbleItem> {
  const parsed = scrobbleItemSchema.safeParse(input);
  const timestamp = (input as { timestamp?: unknown } | null)?.timestamp;
  const time = timeProblems(timestamp, rules);
  if (parsed.success && time.length === 0) return { ok: true, value: stripUndefined(parsed.data) };
  const shape = parsed.success
    ? []
    : parsed.error.issues.map((issue) => ({
        field: issue.path.join('.') || '(input)',
        message:
          issue.code === 'unrecognized_keys'
            ? `Unknown field(s): ${issue.keys.join(', ')}.`
            : issue.message,
      }));
  // Keep the fields' order: the time problem goes where the timestamp field would be.
  const problems = [...shape, ...time].sort((a, b) => fieldOrder(a.field) - fieldOrder(b.field));
  return { ok: false, problems };
}

export function describeProblems(problems: readonly FieldProblem[]): string {
  return problems.map((p) => `${p.field}: ${p.message}`).join('\n');
}

const FIELD_ORDER = [
  'artist',
  'track',
  'album',
  'albumArtist',
  'duration',
  'trackNumber',
  'mbid',
  'timestamp',
];

function fieldOrder(field: string): number {
  const i = FIELD_ORDER.indexOf(field);
  return i === -1 ? FIELD_ORDER.length : i;
}

function stripUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
