// The authorization request (RFC 6749 §4.1.1 with RFC 7636): response_type=code, our
// loopback redirect_uri, the S256 challenge and the loopback's unguessable state.

export interface AuthorizeRequest {
  authorizeUrl: string;
  clientId: string;
  redirectUri: string;
  codeChallenge: string;
  state: string;
  scope?: string;
}

export function buildAuthorizeUrl(req: AuthorizeRequest): string {
  const url = new URL(req.authorizeUrl);
  url.searchParams.set('client_id', req.clientId);
  url.searchParams.set('redirect_uri', req.redirectUri);
  url.searchParams.set('response_type', 'code');
  url.searchParams.set('code_challenge', req.codeChallenge);
  url.searchParams.set('code_challenge_method', 'S256');
  url.searchParams.set('state', req.state);
  if (req.scope !== undefined) url.searchParams.set('scope', req.scope);
  return url.toString();
}
