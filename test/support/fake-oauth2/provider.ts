// A fake OAuth 2.1 authorization server, strict where OAuth 2.1 and RFC 7636 are: only the
// authorization-code grant with PKCE S256; redirect_uri must be a registered loopback path
// (any port, RFC 8252 §7.3) and repeated exactly at the token endpoint; codes are single use
// (a reused code revokes what it issued, RFC 6749 §4.1.2); refresh tokens rotate, and a
// rotated-out one coming back revokes its whole family (OAuth 2.1 §4.3.1 reuse detection).
import { createHash, randomBytes } from 'node:crypto';
import { approvalPage, errorPage } from '../fake-oauth1/approval-page.js';
import { jsonBody, redirect } from '../fake-oauth1/http-server.js';
import type { FakeRequest, HttpReply } from '../fake-oauth1/http-server.js';

export interface FakeOAuth2Client {
  secret?: string;
  /** The registered redirect path on 127.0.0.1 (any port). */
  redirectPath: string;
}

export interface FakeOAuth2Options {
  clients?: Record<string, FakeOAuth2Client>;
  users?: string[];
  accessTokenTtlSec?: number;
  paths?: { authorize?: string; token?: string };
  now?: () => number;
}

export const DEFAULT_CLIENT = { id: 'fake-client-id', secret: 'fake-client-secret' };

interface CodeGrant {
  clientId: string;
  redirectUri: string;
  challenge: string;
  user: string;
  expiresAt: number;
  used: boolean;
  /** Families issued from this code, revoked if it is presented again. */
  family: string | null;
}

interface RefreshRecord {
  clientId: string;
  user: string;
  family: string;
  used: boolean;
}

interface AccessRecord {
  user: string;
  family: string;
  expiresAt: number;
}

const random = (bytes = 24) => randomBytes(bytes).toString('base64url');

export class FakeOAuth2Provider {
  readonly clients: Map<string, FakeOAuth2Client>;
  readonly users: string[];
  readonly paths: { authorize: string; token: string };
  readonly codes = new Map<string, CodeGrant>();
  readonly refreshTokens = new Map<string, RefreshRecord>();
  readonly accessTokens = new Map<string, AccessRecord>();
  readonly revokedFamilies = new Set<string>();
  /** Every error code the token endpoint answered, in order. */
  readonly tokenErrors: string[] = [];
  #ttlSec: number;
  #offsetMs = 0;
  readonly #clock: () => number;

  constructor(opts: FakeOAuth2Options = {}) {
    this.clients = new Map(
      Object.entries(
        opts.clients ?? {
          [DEFAULT_CLIENT.id]: { secret: DEFAULT_CLIENT.secret, redirectPath: '/callback' },
        },
      ),
    );
    this.users = opts.users ?? ['alice'];
    this.paths = {
      authorize: opts.paths?.authorize ?? '/authorize',
      token: opts.paths?.token ?? '/oauth/token',
    };
    this.#ttlSec = opts.accessTokenTtlSec ?? 3600;
    this.#clock = opts.now ?? Date.now;
  }

  now(): number {
    return this.#clock() + this.#offsetMs;
  }

  /** Moves the provider's clock (access tokens expire by it). */
  advance(ms: number): void {
    this.#offsetMs += ms;
  }

  handle(req: FakeRequest): HttpReply | null {
    if (req.url.pathname === this.paths.authorize) return this.#authorize(req);
    if (req.url.pathname === this.paths.token) return this.#token(req);
    return null;
  }

  /** The user an `Authorization: OAuth <token>` header belongs to, or null. */
  authenticate(header: string | undefined): string | null {
    const m = /^OAuth ([A-Za-z0-9_-]+)$/.exec(header ?? '');
    const record = m ? this.accessTokens.get(m[1] ?? '') : undefined;
    if (!record || this.revokedFamilies.has(record.family) || record.expiresAt <= this.now())
      return null;
    return record.user;
  }

  #redirectAllowed(clientId: string, redirectUri: string): boolean {
    const client = this.clients.get(clientId);
    if (!client) return false;
    let url: URL;
    try {
      url = new URL(redirectUri);
    } catch {
      return false;
    }
    return (
      url.protocol === 'http:' &&
      url.hostname === '127.0.0.1' &&
      url.port !== '' &&
      url.pathname === client.redirectPath &&
      url.search === '' &&
      url.hash === '' &&
      redirectUri === `http://127.0.0.1:${url.port}${client.redirectPath}`
    );
  }

  #authorize(req: FakeRequest): HttpReply {
    const q = req.method === 'POST' ? new Map(req.form) : new Map(req.url.searchParams);
    const clientId = q.get('client_id') ?? '';
    const redirectUri = q.get('redirect_uri') ?? '';
    // Never redirect to an address that is not registered: show an error page instead.
    if (!this.#redirectAllowed(clientId, redirectUri)) {
      return errorPage(400, 'The redirect_uri or client_id is not registered for this app.');
    }
    const back = (params: Record<string, string>): HttpReply => {
      const url = new URL(redirectUri);
      for (const [k, v] of Object.entries(params)) url.searchParams.set(k, v);
      const state = q.get('state');
      if (state !== undefined) url.searchParams.set('state', state);
      return redirect(url.toString());
    };
    if (q.get('response_type') !== 'code') return back({ error: 'unsupported_response_type' });
    const challenge = q.get('code_challenge') ?? '';
    if (q.get('code_challenge_method') !== 'S256' || !/^[A-Za-z0-9_-]{43}$/.test(challenge)) {
      return back({ error: 'invalid_request', error_description: 'PKCE with S256 is required' });
    }
    if (req.method === 'GET') {
      const hidden: Record<string, string> = {};
      for (const name of [
        'client_id',
        'redirect_uri',
        'response_type',
        'code_challenge',
        'code_challenge_method',
        'state',
        'scope',
      ]) {
        const v = q.get(name);
        if (v !== undefined) hidden[name] = v;
      }
      return approvalPage({
        action: this.paths.authorize,
        hidden,
        users: this.users,
        app: 'Scrobbletray',
      });
    }
    if (q.get('decision') !== 'allow') return back({ error: 'access_denied' });
    const user = q.get('user') ?? '';
    if (!this.users.includes(user)) return errorPage(400, 'Unknown user.');
    const code = random();
    this.codes.set(code, {
      clientId,
      redirectUri,
      challenge,
      user,
      expiresAt: this.now() + 60_000,
      used: false,
      family: null,
    });
    return back({ code });
  }

  #token(req: FakeRequest): HttpReply {
    if (req.method !== 'POST') return this.#error(405, 'invalid_request', 'POST only');
    const form = new Map(req.form);
    let clientId = form.get('client_id');
    let clientSecret = form.get('client_secret');
    const basic = /^Basic (.+)$/.exec(req.headers.authorization ?? '');
    if (basic) {
      const [id, secret] = Buffer.from(basic[1] ?? '', 'base64')
        .toString('utf8')
        .split(':');
      clientId = decodeURIComponent(id ?? '');
      clientSecret = decodeURIComponent(secret ?? '');
    }
    const client = this.clients.get(clientId ?? '');
    if (!client || (client.secret !== undefined && client.secret !== clientSecret)) {
      return this.#error(401, 'invalid_client', 'client authentication failed');
    }
    const grant = form.get('grant_type');
    if (grant === 'authorization_code') return this.#codeGrant(form, clientId ?? '');
    if (grant === 'refresh_token') return this.#refreshGrant(form, clientId ?? '');
    return this.#error(400, 'unsupported_grant_type', 'only authorization_code and refresh_token');
  }

  #codeGrant(form: Map<string, string>, clientId: string): HttpReply {
    const code = this.codes.get(form.get('code') ?? '');
    if (!code || code.clientId !== clientId || code.expiresAt <= this.now()) {
      return this.#error(400, 'invalid_grant', 'unknown or expired code');
    }
    if (code.used) {
      if (code.family !== null) this.revokedFamilies.add(code.family);
      return this.#error(
        400,
        'invalid_grant',
        'code already used; tokens issued from it are revoked',
      );
    }
    if (form.get('redirect_uri') !== code.redirectUri) {
      return this.#error(
        400,
        'invalid_grant',
        'redirect_uri does not match the authorization request',
      );
    }
    const verifier = form.get('code_verifier') ?? '';
    const challenge = createHash('sha256').update(verifier, 'ascii').digest('base64url');
    if (!/^[A-Za-z0-9\-._~]{43,128}$/.test(verifier) || challenge !== code.challenge) {
      return this.#error(400, 'invalid_grant', 'PKCE verification failed');
    }
    code.used = true;
    code.family = random(8);
    return this.#issue(clientId, code.user, code.family);
  }

  #refreshGrant(form: Map<string, string>, clientId: string): HttpReply {
    const presented = form.get('refresh_token') ?? '';
    const record = this.refreshTokens.get(presented);
    if (!record || record.clientId !== clientId || this.revokedFamilies.has(record.family)) {
      return this.#error(400, 'invalid_grant', 'refresh token is not valid');
    }
    if (record.used) {
      // A rotated-out token came back: someone holds a copy. Revoke everything in the family.
      this.revokedFamilies.add(record.family);
      return this.#error(
        400,
        'invalid_grant',
        'refresh token was already used; the sign-in is revoked',
      );
    }
    record.used = true;
    return this.#issue(clientId, record.user, record.family);
  }

  #issue(clientId: string, user: string, family: string): HttpReply {
    const accessToken = random();
    const refreshToken = random();
    this.accessTokens.set(accessToken, {
      user,
      family,
      expiresAt: this.now() + this.#ttlSec * 1000,
    });
    this.refreshTokens.set(refreshToken, { clientId, user, family, used: false });
    return jsonBody(200, {
      access_token: accessToken,
      token_type: 'bearer',
      expires_in: this.#ttlSec,
      refresh_token: refreshToken,
      scope: '',
    });
  }

  #error(status: number, error: string, description: string): HttpReply {
    this.tokenErrors.push(error);
    return jsonBody(status, { error, error_description: description });
  }
}
