import { MissingApiCredentialsError } from '../auth/api-credentials.js';
import { ApiKeyRejectedError } from '../auth/api-key-check.js';
import { SignInCancelledError } from '../auth/auth-api.js';
import { assertSafeForPasswords } from '../auth/password-flow.js';
import { LASTFM_ENV } from '../settings/service-config.js';
import type { Core } from '../core.js';
import { DEFAULT_SERVICE } from '../core.js';
import { oneOf, parseCommandArgs } from './args.js';
import type { CliCommand, CommandContext, CommandResult } from './commands.js';
import { withCore } from './core-session.js';
import { CliFailure } from './io.js';
import { openInBrowser } from './open-browser.js';
import { createPrompter, type Prompter } from './prompt.js';
import { protocolLabel } from '../../shared/services.js';
import {
  checkMethod,
  serviceInArgs,
  signInAs12,
  signInListenBrainz,
  soundCloudCommand,
} from './protocol-login.js';

const METHODS = ['web', 'token', 'password'] as const;

export const loginCommand: CliCommand = {
  name: 'login',
  usage:
    'scrobbletray login [--service lastfm|librefm|listenbrainz|soundcloud|ID] [--method web|token|password|oauth1|oauth2] [--username U] [--no-browser]',
  summary:
    'Sign in. web (default): approve in the browser; token: approve on any device; password: user name and password (from stdin or SCROBBLETRAY_PASSWORD; the only method for as12 servers). ListenBrainz: the user token from stdin or SCROBBLETRAY_USER_TOKEN. SoundCloud: oauth2 (default) or oauth1 in the browser.',
  async run(args, ctx) {
    if (serviceInArgs(args) === 'soundcloud') return soundCloudCommand('login', args, ctx);
    const { values } = parseCommandArgs(args, {
      service: { type: 'string' },
      method: { type: 'string' },
      username: { type: 'string' },
      'no-browser': { type: 'boolean' },
    });
    const serviceId = values.service ?? DEFAULT_SERVICE;
    return withCore(ctx.io, async (core) => {
      const endpoints = core.accounts.endpoints(serviceId);
      const protocol = protocolLabel(endpoints.preset);
      if (protocol === 'as12' || protocol === 'listenbrainz') {
        return loginWithoutApiAccount(core, serviceId, protocol, values, ctx);
      }
      const method = oneOf('method', values.method, METHODS, 'web');
      if (method === 'password') assertSafeForPasswords(endpoints.apiUrl);
      // Fail on a missing keychain before asking for anything, not after the password.
      await core.accounts.checkKeychain(serviceId);
      const prompter = createPrompter();
      try {
        await ensureApiCredentials(core, serviceId, prompter, ctx);
        let account;
        try {
          account = await signIn(core, serviceId, method, values, prompter, ctx);
        } catch (error) {
          if (!(error instanceof ApiKeyRejectedError)) throw error;
          // The saved key is refused: ask for a new one (checked when saved), then try again.
          await askApiCredentials(core, serviceId, prompter, ctx, error.message);
          account = await signIn(core, serviceId, method, values, prompter, ctx);
        }
        const sent = await sendWaiting(core, serviceId, ctx);
        return {
          data: { service: serviceId, user: account.user, signedInAt: account.signedInAt, method },
          human: `Signed in to ${endpoints.preset.name} as ${account.user}.${sent}`,
        };
      } finally {
        prompter.close();
      }
    });
  },
};

/** as12 and ListenBrainz: no API account, one way to sign in each, then what waited is sent. */
async function loginWithoutApiAccount(
  core: Core,
  serviceId: string,
  protocol: 'as12' | 'listenbrainz',
  values: { method?: string; username?: string },
  ctx: CommandContext,
) {
  const { name } = core.accounts.endpoints(serviceId).preset;
  checkMethod(name, protocol, values.method);
  // Fail on a missing keychain before asking for anything, not after the password.
  await core.accounts.checkKeychain(serviceId);
  const prompter = createPrompter();
  try {
    const account =
      protocol === 'as12'
        ? await signInAs12(core, serviceId, values.username, prompter, ctx)
        : await signInListenBrainz(core, serviceId, prompter, ctx);
    const sent = await sendWaiting(core, serviceId, ctx);
    const method = protocol === 'as12' ? 'password' : 'token';
    return {
      data: { service: serviceId, user: account.user, signedInAt: account.signedInAt, method },
      human: `Signed in to ${name} as ${account.user}.${sent}`,
    };
  } finally {
    prompter.close();
  }
}

/** After signing in, send what waited for it; the sentence that says so ends the reply. */
async function sendWaiting(core: Core, serviceId: string, ctx: CommandContext): Promise<string> {
  const waiting = core.queue.stats(serviceId).counts;
  const pending = waiting.queued + waiting.retrying;
  if (pending > 0) {
    say(ctx, `Sending ${pending} waiting scrobble${pending === 1 ? '' : 's'}…`);
    const [report] = await core.queue.flush(serviceId);
    return report ? ` Sent ${report.accepted} waiting scrobble(s).` : '';
  }
  return '';
}

async function signIn(
  core: Core,
  serviceId: string,
  method: (typeof METHODS)[number],
  values: { username?: string; 'no-browser'?: boolean },
  prompter: Prompter,
  ctx: CommandContext,
) {
  const abort = new AbortController();
  const onSigint = () => abort.abort();
  process.once('SIGINT', onSigint);
  try {
    if (method === 'password') {
      const username = values.username ?? (await prompter.ask('User name: '));
      // An empty variable counts as unset, as for every other SCROBBLETRAY_* variable.
      const password =
        ctx.io.env.SCROBBLETRAY_PASSWORD || (await prompter.ask('Password: ', { secret: true }));
      return await core.accounts.signInAndWait(serviceId, {
        method: 'password',
        username,
        password,
      });
    }
    const present = async (url: string) => {
      if (!values['no-browser'] && (await openInBrowser(url))) {
        say(ctx, `Opened your browser to approve Scrobbletray. If it did not open, visit:\n${url}`);
      } else {
        show(ctx, url);
      }
      say(ctx, 'Waiting for your approval… (Ctrl+C to cancel)');
    };
    return await core.accounts.signInAndWait(serviceId, { method, present, signal: abort.signal });
  } catch (error) {
    if (error instanceof SignInCancelledError) throw new CliFailure(error.message);
    throw error;
  } finally {
    process.removeListener('SIGINT', onSigint);
  }
}

/** First run: ask for the API key and shared secret, saying where to get them. */
async function ensureApiCredentials(
  core: Core,
  serviceId: string,
  prompter: Prompter,
  ctx: CommandContext,
) {
  let missing: MissingApiCredentialsError;
  try {
    await core.accounts.requireApiCredentials(serviceId);
    return;
  } catch (error) {
    if (!(error instanceof MissingApiCredentialsError)) throw error;
    missing = error;
  }
  const endpoints = core.accounts.endpoints(serviceId);
  const where = endpoints.preset.apiAccountUrl
    ? `Create one at ${endpoints.preset.apiAccountUrl} (any name and description will do)`
    : 'Ask your server’s administrator for them';
  await askApiCredentials(
    core,
    serviceId,
    prompter,
    ctx,
    `Scrobbletray needs an API key and shared secret to talk to ${endpoints.preset.name}. ${where}, then enter them here.`,
    missing,
  );
}

/** Ask for a key and shared secret after saying why; saving checks them with the service. */
async function askApiCredentials(
  core: Core,
  serviceId: string,
  prompter: Prompter,
  ctx: CommandContext,
  why: string,
  missing?: MissingApiCredentialsError,
) {
  // Variables override what is saved: a new key typed here would not be the one used.
  if (!missing && serviceId === 'lastfm' && ctx.io.env[LASTFM_ENV.apiKey]) {
    throw new CliFailure(
      `${why} The key comes from ${LASTFM_ENV.apiKey} and ${LASTFM_ENV.apiSecret}: correct or unset them.`,
    );
  }
  say(ctx, why);
  let apiKey: string;
  let apiSecret: string;
  try {
    apiKey = await prompter.ask('API key: ');
    apiSecret = await prompter.ask('Shared secret: ', { secret: true });
  } catch {
    throw new CliFailure(`${missing?.message ?? why} Nothing was changed.`);
  }
  await core.accounts.setApiCredentials(serviceId, apiKey, apiSecret);
  say(ctx, 'Saved the API key (settings) and shared secret (keychain).');
}

export const logoutCommand: CliCommand = {
  name: 'logout',
  usage: 'scrobbletray logout [--service S]',
  summary: 'Sign out: forget the account and delete its session key from the keychain.',
  run: runForService('logout', async (core, serviceId, name) => {
    const user = core.accounts.signedInUser(serviceId);
    await core.accounts.signOut(serviceId);
    return {
      data: { service: serviceId, signedOut: user },
      human: user ? `Signed out ${user} from ${name}.` : `Not signed in to ${name}; nothing to do.`,
    };
  }),
};

export const whoamiCommand: CliCommand = {
  name: 'whoami',
  usage: 'scrobbletray whoami [--service S]',
  summary: 'Show who is signed in, and whether the service wants you to sign in again.',
  run: runForService('whoami', async (core, serviceId, name) => {
    // From settings and the keychain; ListenBrainz's token is also checked with the service.
    const account = await core.accounts.check(serviceId);
    if (account === null) {
      throw new CliFailure(
        `Not signed in to ${name}. Run: scrobbletray login --service ${serviceId}`,
      );
    }
    const login = `scrobbletray login --service ${serviceId}`;
    const what =
      account.protocol === 'listenbrainz'
        ? 'user token'
        : account.protocol === 'as12'
          ? 'password'
          : 'session';
    const note =
      account.problem === 'revoked'
        ? ` ${name} no longer accepts the ${what} (it was revoked or changed): run ${login} to resume sending.`
        : account.problem === 'missing-credential'
          ? ` The ${what === 'session' ? 'session key' : what} is missing from the keychain: run ${login}.`
          : account.uncheckedBecause
            ? ` (Not checked with ${name}: ${account.uncheckedBecause})`
            : '';
    return {
      data: {
        service: serviceId,
        protocol: account.protocol,
        user: account.user,
        signedInAt: account.signedInAt,
        needsSignIn: account.problem !== null,
        problem: account.problem,
        checkedWithService: account.checkedWithService,
      },
      human: `${account.user} on ${name} (signed in ${account.signedInAt}).${note}`,
      // Signed in on paper only: the credential is gone or refused, so say so by the exit.
      exitCode: account.problem === null ? 0 : 1,
    };
  }),
};

/**
 * `logout` and `whoami`: SoundCloud has its own module; any other service is named by
 * --service (default Last.fm) and the command runs with the core open and the service's name.
 */
function runForService(
  command: 'logout' | 'whoami',
  run: (core: Core, serviceId: string, name: string) => Promise<CommandResult>,
): CliCommand['run'] {
  return async (args, ctx) => {
    if (serviceInArgs(args) === 'soundcloud') return soundCloudCommand(command, args, ctx);
    const { values } = parseCommandArgs(args, { service: { type: 'string' } });
    const serviceId = values.service ?? DEFAULT_SERVICE;
    return withCore(ctx.io, (core) =>
      run(core, serviceId, core.accounts.endpoints(serviceId).preset.name),
    );
  };
}

/** Progress for people: stderr, so stdout stays clean for --json and pipes. */
function say(ctx: CommandContext, text: string): void {
  ctx.io.stderr(`${text}\n`);
}

/** A URL the user must visit: on stdout for people, on stderr with --json. */
function show(ctx: CommandContext, url: string): void {
  if (ctx.json) ctx.io.stderr(`Open this URL to approve Scrobbletray:\n${url}\n`);
  else ctx.io.stdout(`Open this URL to approve Scrobbletray:\n${url}\n`);
}
