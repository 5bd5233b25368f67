import { z } from 'zod';
import { SCROBBLE_STATES } from './scrobble-state.js';

// The core's API as every front sees it: method name -> input schema. The main process
// validates every call against these schemas whatever the transport (Electron IPC, the
// headless HTTP/WebSocket server, the CLI), so a renderer can never hand the core a shape it
// did not expect. Output types live next to the core (src/main/queue/types.ts) and are plain
// data: no secret is ever part of one.

const id = z.number().int().positive();
const target = z
  .string()
  .regex(/^[a-z0-9][a-z0-9._-]*$/)
  .max(64);
const unixSeconds = z.number().int().nonnegative();

/** Scrobble fields are checked in depth by validation.ts; here only their shape. */
const scrobbleInput = z.record(z.string(), z.unknown());

export const SCROBBLE_SOURCES = ['manual', 'album', 'cli', 'import', 'player'] as const;

export const CONTRACT = {
  'queue.enqueue': z.object({
    items: z.array(scrobbleInput).min(1).max(1000),
    source: z.enum(SCROBBLE_SOURCES),
  }),
  'queue.list': z.object({
    states: z.array(z.enum(SCROBBLE_STATES)).optional(),
    target: target.optional(),
    text: z.string().max(200).optional(),
    from: unixSeconds.optional(),
    to: unixSeconds.optional(),
    order: z.enum(['oldest', 'newest']).optional(),
    limit: z.number().int().min(1).max(1000).optional(),
    cursor: z.string().max(200).optional(),
  }),
  'queue.get': z.object({ id }),
  'queue.edit': z.object({ id, patch: scrobbleInput }),
  'queue.remove': z.object({ ids: z.array(id).min(1).max(10_000) }),
  'queue.retry': z.object({
    ids: z.union([z.array(id).min(1).max(10_000), z.literal('all-failed')]),
  }),
  'queue.flush': z.object({ target: target.optional() }),
  'queue.sendNow': z.object({ target: target.optional() }),
  'queue.pause': z.object({ target: target.optional() }),
  'queue.resume': z.object({ target: target.optional() }),
  'queue.stats': z.object({ target: target.optional() }),
  'queue.targetState': z.object({ target }),
  'nowPlaying.update': z.object({ track: scrobbleInput }),
} as const;

export type ContractMethod = keyof typeof CONTRACT;
export type ContractInput<M extends ContractMethod> = z.infer<(typeof CONTRACT)[M]>;

/** Events the core pushes to every front. */
export const CONTRACT_EVENTS = [
  'queue-changed',
  'flush-started',
  'flush-progress',
  'flush-finished',
  'needs-auth',
] as const;
export type ContractEvent = (typeof CONTRACT_EVENTS)[number];

export class ContractInputError extends Error {
  override readonly name = 'ContractInputError';
}

/** Validate a call's input; the error names each bad field. */
export function parseContractInput<M extends ContractMethod>(
  method: M,
  input: unknown,
): ContractInput<M> {
  const schema = CONTRACT[method];
  if (!schema) throw new ContractInputError(`Unknown method "${String(method)}".`);
  const parsed = schema.safeParse(input ?? {});
  if (parsed.success) return parsed.data as ContractInput<M>;
  const problems = parsed.error.issues.map((i) => `${i.path.join('.') || '(input)'}: ${i.message}`);
  throw new ContractInputError(`Invalid input for ${method}: ${problems.join('; ')}`);
}

export function isContractMethod(name: string): name is ContractMethod {
  return Object.hasOwn(CONTRACT, name);
}
