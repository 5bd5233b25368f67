import type { IncomingMessage } from 'node:http';

// Checks that come before authentication. Host defeats DNS rebinding (a hostile site whose
// name now points at 127.0.0.1 still sends its own name as Host); Origin refuses requests a
// page on another site makes, even ones that need no cookie.

export interface GuardFailure {
  status: 421 | 403;
  message: string;
}

/** The host names a browser may use for us: 127.0.0.1 and localhost, on our port only. */
export function allowedHosts(port: number, boundHost = '127.0.0.1'): string[] {
  return [...new Set([`${boundHost}:${port}`, `127.0.0.1:${port}`, `localhost:${port}`])];
}

export function checkRequestSource(
  req: IncomingMessage,
  port: number,
  boundHost?: string,
): GuardFailure | null {
  const hosts = allowedHosts(port, boundHost);
  const host = req.headers.host?.toLowerCase();
  if (!host || !hosts.includes(host)) {
    return {
      status: 421,
      message: `This server answers only to ${hosts.map((h) => `http://${h}/`).join(' and ')}.`,
    };
  }
  const origin = req.headers.origin;
  if (origin !== undefined && !hosts.some((h) => origin.toLowerCase() === `http://${h}`)) {
    return { status: 403, message: 'Requests from other sites are refused.' };
  }
  return null;
}
