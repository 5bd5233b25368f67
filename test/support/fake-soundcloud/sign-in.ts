// Drives a SoundCloud sign-in against the fake: starts signInToSoundCloud with a real
// loopback manager, hands the test the approval URL the app "opened", and records what the
// app kept. The test plays the browser (decideInBrowser, visit).
import { createLoopbackManager } from '../../../src/main/auth/loopback-manager.js';
import type { LoopbackManager } from '../../../src/main/auth/loopback-manager.js';
import type { SoundCloudCredential } from '../../../src/main/oauth/soundcloud-credential.js';
import { soundCloudEndpoints } from '../../../src/main/oauth/soundcloud-endpoints.js';
import { signInToSoundCloud } from '../../../src/main/oauth/soundcloud-sign-in.js';
import { decideInBrowser, visit } from '../fake-oauth1/browser.js';
import type { FakeSoundCloud } from './index.js';

export interface SignInRun {
  /** The approval page the app opened. */
  approvalUrl: Promise<string>;
  result: Promise<SoundCloudCredential>;
  kept: SoundCloudCredential[];
  loopback: LoopbackManager;
}

export function startSignIn(
  fake: FakeSoundCloud,
  method: 'oauth1' | 'oauth2',
  opts: { now?: () => number; timeoutMs?: number; consumerSecret?: string } = {},
): SignInRun {
  let opened!: (url: string) => void;
  const approvalUrl = new Promise<string>((resolve) => (opened = resolve));
  const loopback = createLoopbackManager();
  const kept: SoundCloudCredential[] = [];
  const result = signInToSoundCloud({
    method,
    consumer: { key: fake.consumer.key, secret: opts.consumerSecret ?? fake.consumer.secret },
    loopback,
    openUrl: (url) => opened(url),
    endpoints: soundCloudEndpoints(method, fake.env(method)),
    keep: (credential) => {
      kept.push(credential);
      return Promise.resolve();
    },
    timeoutMs: opts.timeoutMs ?? 15_000,
    now: opts.now,
  });
  result.catch(() => undefined);
  return { approvalUrl, result, kept, loopback };
}

/** A whole successful sign-in: approve as the first user, follow the redirect. */
export async function signInThroughFake(
  fake: FakeSoundCloud,
  method: 'oauth1' | 'oauth2',
  opts: { now?: () => number } = {},
): Promise<SoundCloudCredential> {
  const run = startSignIn(fake, method, opts);
  const location = await decideInBrowser(await run.approvalUrl, 'allow');
  const [tab, credential] = await Promise.all([visit(location), run.result]);
  if (tab.status !== 200) throw new Error(`the browser tab got HTTP ${tab.status}`);
  return credential;
}
