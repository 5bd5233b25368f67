// `login`, `whoami` and `logout` with `--service soundcloud`: the account commands dispatch
// here (account-commands.ts), since SoundCloud is an account to read likes and links from,
// not a service to scrobble to. Sign-in is approved in the browser and caught on the
// loopback; --no-browser prints the approval URL instead.
import { SignInCancelledError } from '../auth/auth-api.js';
import { SOUNDCLOUD_METHOD_NAMES, type SoundCloudMethod } from '../../shared/soundcloud.js';
import { oneOf, parseCommandArgs } from './args.js';
import type { CommandContext, CommandResult } from './commands.js';
import { withCore } from './core-session.js';
import { CliFailure, UsageError } from './io.js';
import { openInBrowser } from './open-browser.js';

const METHODS = ['oauth2', 'oauth1'] as const satisfies readonly SoundCloudMethod[];
const NAME = 'SoundCloud';

/** --service is accepted (the dispatcher may pass it on) but must say soundcloud. */
function checkService(service: string | undefined): void {
  if (service !== undefined && service !== 'soundcloud') {
    throw new UsageError(`this command is for --service soundcloud (got "${service}")`);
  }
}

export async function loginSoundCloud(args: string[], ctx: CommandContext): Promise<CommandResult> {
  const { values } = parseCommandArgs(args, {
    service: { type: 'string' },
    method: { type: 'string' },
    'no-browser': { type: 'boolean' },
  });
  checkService(values.service);
  const method = oneOf('method', values.method, METHODS, 'oauth2');
  return withCore(ctx.io, async (core) => {
    // Fail on a missing keychain before the browser opens, not after the approval.
    await core.soundcloud.checkKeychain();
    const abort = new AbortController();
    const onSigint = () => abort.abort();
    process.once('SIGINT', onSigint);
    try {
      const present = async (url: string) => {
        if (!values['no-browser'] && (await openInBrowser(url))) {
          say(
            ctx,
            `Opened your browser to approve Scrobbletray. If it did not open, visit:\n${url}`,
          );
        } else {
          show(ctx, url);
        }
        say(ctx, 'Waiting for your approval… (Ctrl+C to cancel)');
      };
      const status = await core.soundcloud.connect(method, present, abort.signal);
      return {
        data: {
          service: 'soundcloud',
          user: status.user,
          method,
          signedInAt: status.signedInAt,
        },
        human: `Signed in to ${NAME} as ${status.user} (${SOUNDCLOUD_METHOD_NAMES[method]}).`,
      };
    } catch (error) {
      if (error instanceof SignInCancelledError) throw new CliFailure(error.message);
      throw error;
    } finally {
      process.removeListener('SIGINT', onSigint);
    }
  });
}

export async function whoamiSoundCloud(
  args: string[],
  ctx: CommandContext,
): Promise<CommandResult> {
  const { values } = parseCommandArgs(args, { service: { type: 'string' } });
  checkService(values.service);
  return withCore(ctx.io, async (core) => {
    const status = await core.soundcloud.status();
    if (status.user === null) {
      throw new CliFailure(
        `Not signed in to ${NAME}. Run: scrobbletray login --service soundcloud`,
      );
    }
    // Ask SoundCloud itself: the answer says whether the saved sign-in still works.
    const who = await core.soundcloud.whoami();
    const full = who.fullName ? ` (${who.fullName})` : '';
    return {
      data: { service: 'soundcloud', ...who },
      human: `${who.user}${full} on ${NAME}, signed in with ${SOUNDCLOUD_METHOD_NAMES[who.method]} (${who.signedInAt}).`,
    };
  });
}

export async function logoutSoundCloud(
  args: string[],
  ctx: CommandContext,
): Promise<CommandResult> {
  const { values } = parseCommandArgs(args, { service: { type: 'string' } });
  checkService(values.service);
  return withCore(ctx.io, async (core) => {
    const { user } = await core.soundcloud.status();
    await core.soundcloud.disconnect();
    return {
      data: { service: 'soundcloud', signedOut: user },
      human: user ? `Signed out ${user} from ${NAME}.` : `Not signed in to ${NAME}; nothing to do.`,
    };
  });
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
