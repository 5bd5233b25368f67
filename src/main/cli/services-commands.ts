// `scrobbletray services`: every service (the built-in ones and servers of the user's own),
// adding a server by id, name, address and protocol, and removing one (DESIGN.md, Round 2).
import type { AccountSummary } from '../../shared/core-events.js';
import { CUSTOM_PROTOCOLS } from '../../shared/services.js';
import { CustomServiceInputError } from '../settings/service-config.js';
import { oneOf, parseCommandArgs } from './args.js';
import type { CliCommand, CommandContext, CommandResult } from './commands.js';
import { withCore } from './core-session.js';
import { CliFailure, UsageError } from './io.js';

export const servicesCommand: CliCommand = {
  name: 'services',
  usage:
    'scrobbletray services [add ID --name NAME --url URL --protocol lastfm2|gnufm|as12|listenbrainz [--api-url U] [--auth-url U] | remove ID]',
  summary:
    'List every service (id, name, protocol, address, who is signed in); add a server of your own (URL is what you open in a browser; for as12 the handshake root, for listenbrainz the API root) or remove one.',
  async run(args, ctx) {
    const [sub, ...rest] = args;
    if (sub === undefined || sub === 'list') return listServices(rest, ctx);
    if (sub === 'add') return addService(rest, ctx);
    if (sub === 'remove') return removeService(rest, ctx);
    throw new UsageError(`unknown subcommand "${sub}": use add ID, remove ID, or nothing to list`);
  },
};

/** One service as `services --json` prints it. No secret is part of it. */
export interface ServiceRow {
  id: string;
  name: string;
  protocol: string | null;
  url: string | null;
  /** Who is signed in, or null. */
  user: string | null;
  /** New scrobbles go there while signed in (false for SoundCloud, or the switch off). */
  scrobbleTo: boolean;
  custom: boolean;
  needsSignIn: boolean;
  /** A settings.json entry that was skipped: what to fix. */
  problem?: string;
}

function rowOf(s: AccountSummary): ServiceRow {
  const row: ServiceRow = {
    id: s.service,
    name: s.name,
    protocol: s.protocol ?? null,
    url: s.url ?? null,
    user: s.user,
    scrobbleTo: s.scrobbleTo ?? false,
    custom: s.custom ?? false,
    needsSignIn: s.needsSignIn,
  };
  if (s.problem) row.problem = s.problem;
  return row;
}

function describe(row: ServiceRow): string {
  if (row.problem) return `${row.id}  ${row.name}: ${row.problem}`;
  const who = row.user ? `signed in as ${row.user}` : 'not signed in';
  const notes = [
    row.needsSignIn ? 'needs sign-in' : null,
    row.protocol !== 'soundcloud' && row.user && !row.scrobbleTo ? 'scrobble to: off' : null,
    row.protocol === 'soundcloud' ? 'account only' : null,
  ].filter(Boolean);
  return `${row.id}  ${row.name} (${row.protocol}, ${row.url ?? 'no address'}): ${who}${
    notes.length ? `; ${notes.join('; ')}` : ''
  }`;
}

async function listServices(extra: string[], ctx: CommandContext): Promise<CommandResult> {
  parseCommandArgs(extra, {});
  return withCore(ctx.io, async (core) => {
    const rows = (await core.accounts.list()).map(rowOf);
    return { data: { services: rows }, human: rows.map(describe).join('\n') };
  });
}

async function addService(args: string[], ctx: CommandContext): Promise<CommandResult> {
  const { values, positionals } = parseCommandArgs(
    args,
    {
      name: { type: 'string' },
      url: { type: 'string' },
      protocol: { type: 'string' },
      'api-url': { type: 'string' },
      'auth-url': { type: 'string' },
    },
    true,
  );
  const [id, ...more] = positionals;
  if (id === undefined) throw new UsageError('give the new service an id: services add ID …');
  if (more.length > 0) throw new UsageError(`one id only (got also "${more.join(' ')}")`);
  const { name, url } = values;
  if (name === undefined) throw new UsageError('--name NAME is required');
  if (url === undefined) throw new UsageError('--url URL is required');
  if (values.protocol === undefined) {
    throw new UsageError(`--protocol is required: one of ${CUSTOM_PROTOCOLS.join(', ')}`);
  }
  const protocol = oneOf('protocol', values.protocol, CUSTOM_PROTOCOLS, 'gnufm');
  return withCore(ctx.io, async (core) => {
    let summary: AccountSummary;
    try {
      summary = await core.accounts.addService({
        id,
        name,
        url,
        protocol,
        ...(values['api-url'] === undefined ? {} : { apiUrl: values['api-url'] }),
        ...(values['auth-url'] === undefined ? {} : { authUrl: values['auth-url'] }),
      });
    } catch (error) {
      if (error instanceof CustomServiceInputError) {
        const flag = (field: string) =>
          ({ apiUrl: '--api-url', authUrl: '--auth-url', id: 'ID' })[field] ?? `--${field}`;
        throw new CliFailure(
          error.problems.map((p) => `${flag(p.field)}: ${p.message}`).join('\n'),
        );
      }
      throw error;
    }
    const row = rowOf(summary);
    return {
      data: { service: row },
      human: `Added ${row.name} as "${row.id}" (${row.protocol}, ${row.url}). Sign in with: scrobbletray login --service ${row.id}`,
    };
  });
}

async function removeService(args: string[], ctx: CommandContext): Promise<CommandResult> {
  const { positionals } = parseCommandArgs(args, {}, true);
  const [id, ...more] = positionals;
  if (id === undefined) throw new UsageError('name the service to remove: services remove ID');
  if (more.length > 0) throw new UsageError(`one id only (got also "${more.join(' ')}")`);
  return withCore(ctx.io, async (core) => {
    const name = (await core.accounts.list()).find((s) => s.service === id)?.name ?? id;
    await core.accounts.removeService(id);
    return {
      data: { removed: id },
      human: `Removed ${name}. Its scrobbles stay in your history.`,
    };
  });
}
