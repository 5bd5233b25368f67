// Sign-in from the terminal for the protocols besides Last.fm 2.0: Audioscrobbler 1.2 (user
// name and password, proved by a handshake; the keychain keeps md5(password)) and ListenBrainz
// (the user token from SCROBBLETRAY_USER_TOKEN or stdin, checked with validate-token), and the
// hand-off of `--service soundcloud` to its own commands (soundcloud-account.ts).
import type { AccountInfo } from '../auth/account-store.js';
import { howToSignIn } from '../auth/account-service.js';
import type { Core } from '../core.js';
import type { CommandContext, CommandResult } from './commands.js';
import { UsageError } from './io.js';
import type { Prompter } from './prompt.js';

/** The ListenBrainz user token for `login` (a contract; else stdin). */
export const USER_TOKEN_ENV = 'SCROBBLETRAY_USER_TOKEN';
/** The password for `login --method password` (else stdin). */
export const PASSWORD_ENV = 'SCROBBLETRAY_PASSWORD';

/** `--service X` or `--service=X` in raw arguments, before they are parsed. */
export function serviceInArgs(args: readonly string[]): string | undefined {
  for (const [i, arg] of args.entries()) {
    if (arg === '--service') return args[i + 1];
    if (arg.startsWith('--service=')) return arg.slice('--service='.length);
  }
  return undefined;
}

type AccountCommand = 'login' | 'whoami' | 'logout';

/** SoundCloud's account commands (another module), for `--service soundcloud`. */
export async function soundCloudCommand(
  command: AccountCommand,
  args: string[],
  ctx: CommandContext,
): Promise<CommandResult> {
  const sc = await import('./soundcloud-account.js');
  if (command === 'login') return sc.loginSoundCloud(args, ctx);
  if (command === 'whoami') return sc.whoamiSoundCloud(args, ctx);
  return sc.logoutSoundCloud(args, ctx);
}

/** Refuse a --method the protocol has no use for, saying how this service signs in. */
export function checkMethod(
  name: string,
  protocol: 'as12' | 'listenbrainz',
  method: string | undefined,
): void {
  const fits = protocol === 'as12' ? ['password'] : ['token'];
  if (method !== undefined && !fits.includes(method)) {
    throw new UsageError(
      `${name} does not sign in with --method ${method}: ${howToSignIn(protocol)}`,
    );
  }
}

/** 1.2: user name (--username or asked), password from SCROBBLETRAY_PASSWORD or stdin. */
export async function signInAs12(
  core: Core,
  serviceId: string,
  username: string | undefined,
  prompter: Prompter,
  ctx: CommandContext,
): Promise<AccountInfo> {
  const user = username ?? (await prompter.ask('User name: '));
  // An empty variable counts as unset, as for every other SCROBBLETRAY_* variable.
  const password = ctx.io.env[PASSWORD_ENV] || (await prompter.ask('Password: ', { secret: true }));
  return core.accounts.signInAndWait(serviceId, { method: 'password', username: user, password });
}

/** ListenBrainz: the token from SCROBBLETRAY_USER_TOKEN or stdin, checked before it is kept. */
export async function signInListenBrainz(
  core: Core,
  serviceId: string,
  prompter: Prompter,
  ctx: CommandContext,
): Promise<AccountInfo> {
  const page = (await core.accounts.summary(serviceId)).tokenUrl ?? null;
  const token =
    ctx.io.env[USER_TOKEN_ENV] ||
    (await prompter
      .ask(page ? `User token (from ${page}): ` : 'User token: ', { secret: true })
      .catch(() => {
        throw new UsageError(
          `give the user token on stdin or in ${USER_TOKEN_ENV}${page ? ` (find it at ${page})` : ''}`,
        );
      }));
  const summary = await core.accounts.signInWithToken(serviceId, token);
  return { serviceId, user: summary.user ?? '', signedInAt: summary.signedInAt ?? '' };
}
