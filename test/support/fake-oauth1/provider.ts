// A fake OAuth 1.0a provider (RFC 5849 with the 1.0a callback rules), strict where the RFC is:
// HMAC-SHA1 signatures checked with its own implementation, timestamps within a window, each
// nonce once per consumer/token/timestamp, the callback confirmed (switchable off to play a
// plain OAuth 1.0 server), verifiers checked, request tokens single use. Refusals carry
// `oauth_problem` (the OAuth Problem Reporting extension) and are recorded for assertions.
import { randomBytes } from 'node:crypto';
import { approvalPage, errorPage } from './approval-page.js';
import { formReply, redirect } from './http-server.js';
import type { FakeRequest, HttpReply } from './http-server.js';
import { baseString, hmacSha1, parseOAuthHeader } from './rfc5849.js';

export interface FakeOAuth1Options {
  /** consumer key -> secret. */
  consumers?: Record<string, string>;
  users?: string[];
  /** Answer oauth_callback_confirmed=true (1.0a); false plays a plain OAuth 1.0 server. */
  confirmCallback?: boolean;
  timestampWindowSec?: number;
  paths?: { requestToken?: string; authorize?: string; accessToken?: string };
  now?: () => number;
}

interface RequestToken {
  consumerKey: string;
  secret: string;
  callback: string;
  verifier: string | null;
  user: string | null;
  used: boolean;
}

export interface AccessGrant {
  token: string;
  secret: string;
  consumerKey: string;
  user: string;
}

export const DEFAULT_CONSUMER = { key: 'fake-consumer-key', secret: 'fake-consumer-secret+/=&' };

const token = (bytes = 16) => randomBytes(bytes).toString('hex');

export class FakeOAuth1Provider {
  readonly consumers: Map<string, string>;
  readonly users: string[];
  confirmCallback: boolean;
  readonly paths: { requestToken: string; authorize: string; accessToken: string };
  readonly requestTokens = new Map<string, RequestToken>();
  readonly accessGrants = new Map<string, AccessGrant>();
  /** Every oauth_problem answered, in order. */
  readonly problems: string[] = [];
  readonly #seenNonces = new Set<string>();
  readonly #windowSec: number;
  readonly #now: () => number;

  constructor(opts: FakeOAuth1Options = {}) {
    this.consumers = new Map(
      Object.entries(opts.consumers ?? { [DEFAULT_CONSUMER.key]: DEFAULT_CONSUMER.secret }),
    );
    this.users = opts.users ?? ['alice'];
    this.confirmCallback = opts.confirmCallback ?? true;
    this.paths = {
      requestToken: opts.paths?.requestToken ?? '/oauth/request_token',
      authorize: opts.paths?.authorize ?? '/oauth/authorize',
      accessToken: opts.paths?.accessToken ?? '/oauth/access_token',
    };
    this.#windowSec = opts.timestampWindowSec ?? 300;
    this.#now = opts.now ?? Date.now;
  }

  /** Answers the provider's own paths; null for anything else. */
  handle(req: FakeRequest): HttpReply | null {
    const path = req.url.pathname;
    if (path === this.paths.requestToken) return this.#requestToken(req);
    if (path === this.paths.authorize) return this.#authorize(req);
    if (path === this.paths.accessToken) return this.#accessToken(req);
    return null;
  }

  /** For protected resources: the user of a validly signed request, or the 401 to send. */
  authenticate(req: FakeRequest): { user: string } | HttpReply {
    const checked = this.#verify(req, 'access');
    if ('status' in checked) return checked;
    const grant = this.accessGrants.get(checked.token ?? '');
    return grant ? { user: grant.user } : this.#problem('token_rejected');
  }

  /** Plays an attacker who approved a request token of their own: its token and verifier. */
  approvedRequestTokenFor(
    user: string,
    consumerKey = DEFAULT_CONSUMER.key,
  ): { token: string; verifier: string } {
    const t = token();
    const verifier = token(8);
    this.requestTokens.set(t, {
      consumerKey,
      secret: token(),
      callback: 'oob',
      verifier,
      user,
      used: false,
    });
    return { token: t, verifier };
  }

  revoke(accessToken: string): void {
    this.accessGrants.delete(accessToken);
  }

  #requestToken(req: FakeRequest): HttpReply {
    if (req.method !== 'POST') return this.#problem('method_not_allowed', 405);
    const checked = this.#verify(req, 'none');
    if ('status' in checked) return checked;
    const callback = checked.params.get('oauth_callback');
    if (callback === undefined || (callback !== 'oob' && !/^https?:\/\//.test(callback))) {
      return this.#problem('parameter_absent', 400);
    }
    const t = token();
    const secret = token();
    this.requestTokens.set(t, {
      consumerKey: checked.consumerKey,
      secret,
      callback,
      verifier: null,
      user: null,
      used: false,
    });
    const fields: Record<string, string> = { oauth_token: t, oauth_token_secret: secret };
    if (this.confirmCallback) fields.oauth_callback_confirmed = 'true';
    return formReply(200, fields);
  }

  #authorize(req: FakeRequest): HttpReply {
    const fields = req.method === 'POST' ? new Map(req.form) : new Map(req.url.searchParams);
    const t = fields.get('oauth_token') ?? '';
    const pending = this.requestTokens.get(t);
    if (!pending || pending.used || pending.verifier !== null) {
      return errorPage(400, 'This approval link is not valid (unknown or already used token).');
    }
    if (req.method === 'GET') {
      return approvalPage({
        action: this.paths.authorize,
        hidden: { oauth_token: t },
        users: this.users,
        app: 'Scrobbletray',
      });
    }
    const decision = fields.get('decision');
    const target = new URL(pending.callback);
    if (decision !== 'allow') {
      pending.used = true;
      target.searchParams.append('denied', t);
      return redirect(target.toString());
    }
    const user = fields.get('user') ?? '';
    if (!this.users.includes(user)) return errorPage(400, 'Unknown user.');
    pending.user = user;
    pending.verifier = token(8);
    target.searchParams.append('oauth_token', t);
    target.searchParams.append('oauth_verifier', pending.verifier);
    return redirect(target.toString());
  }

  #accessToken(req: FakeRequest): HttpReply {
    if (req.method !== 'POST') return this.#problem('method_not_allowed', 405);
    const checked = this.#verify(req, 'request');
    if ('status' in checked) return checked;
    const pending = this.requestTokens.get(checked.token ?? '');
    if (!pending || pending.used || pending.verifier === null || pending.user === null) {
      return this.#problem('token_rejected');
    }
    if (checked.params.get('oauth_verifier') !== pending.verifier)
      return this.#problem('verifier_invalid');
    pending.used = true;
    const grant: AccessGrant = {
      token: token(),
      secret: token(),
      consumerKey: checked.consumerKey,
      user: pending.user,
    };
    this.accessGrants.set(grant.token, grant);
    return formReply(200, { oauth_token: grant.token, oauth_token_secret: grant.secret });
  }

  #verify(
    req: FakeRequest,
    kind: 'none' | 'request' | 'access',
  ): { params: Map<string, string>; consumerKey: string; token: string | undefined } | HttpReply {
    const params = parseOAuthHeader(req.headers.authorization);
    if (!params) return this.#problem('parameter_absent');
    if (params.get('oauth_signature_method') !== 'HMAC-SHA1')
      return this.#problem('signature_method_rejected');
    const version = params.get('oauth_version');
    if (version !== undefined && version !== '1.0') return this.#problem('version_rejected');
    const consumerKey = params.get('oauth_consumer_key') ?? '';
    const consumerSecret = this.consumers.get(consumerKey);
    if (consumerSecret === undefined) return this.#problem('consumer_key_unknown');
    const timestamp = Number(params.get('oauth_timestamp'));
    const nonce = params.get('oauth_nonce');
    if (
      !Number.isInteger(timestamp) ||
      Math.abs(timestamp - this.#now() / 1000) > this.#windowSec
    ) {
      return this.#problem('timestamp_refused');
    }
    if (!nonce) return this.#problem('parameter_absent');
    const t = params.get('oauth_token');
    let tokenSecret = '';
    if (kind === 'request') {
      const pending = this.requestTokens.get(t ?? '');
      if (!pending || pending.consumerKey !== consumerKey) return this.#problem('token_rejected');
      tokenSecret = pending.secret;
    } else if (kind === 'access') {
      const grant = this.accessGrants.get(t ?? '');
      if (!grant || grant.consumerKey !== consumerKey) return this.#problem('token_rejected');
      tokenSecret = grant.secret;
    }
    const expected = hmacSha1(
      baseString(req.method, req.url, req.form, params),
      consumerSecret,
      tokenSecret,
    );
    if (params.get('oauth_signature') !== expected) return this.#problem('signature_invalid');
    // §3.3: a nonce is unique per consumer, token and timestamp; a repeat is a replay.
    const nonceKey = `${consumerKey}|${t ?? ''}|${timestamp}|${nonce}`;
    if (this.#seenNonces.has(nonceKey)) return this.#problem('nonce_used');
    this.#seenNonces.add(nonceKey);
    return { params, consumerKey, token: t };
  }

  #problem(problem: string, status = 401): HttpReply {
    this.problems.push(problem);
    const reply = formReply(status, { oauth_problem: problem });
    if (status === 401) reply.headers['www-authenticate'] = 'OAuth realm="fake"';
    return reply;
  }
}
