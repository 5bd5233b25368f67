import type { ExternalUrlAllowlist } from './external-urls.js';

// What happens when a page tries to leave itself: window.open, a link with target=_blank, or
// a navigation. Nothing ever loads inside the app but our own page; the one exception is a
// web page the app produced (a sign-in approval page), which opens in the user's browser.

export type LeaveDecision = 'allow' | 'open-external' | 'deny';

/** window.open and target=_blank: never a new app window. */
export function decideWindowOpen(url: string, allowlist: ExternalUrlAllowlist): LeaveDecision {
  return allowlist.allows(url) ? 'open-external' : 'deny';
}

/**
 * will-navigate: only a move within the same document (its hash) stays; an allowed web page
 * goes to the browser; everything else is stopped.
 */
export function decideNavigation(
  currentUrl: string,
  targetUrl: string,
  allowlist: ExternalUrlAllowlist,
): LeaveDecision {
  if (sameDocument(currentUrl, targetUrl)) return 'allow';
  return allowlist.allows(targetUrl) ? 'open-external' : 'deny';
}

export function sameDocument(a: string, b: string): boolean {
  const withoutHash = (url: string) => {
    try {
      const parsed = new URL(url);
      parsed.hash = '';
      return parsed.href;
    } catch {
      return null;
    }
  };
  const left = withoutHash(a);
  return left !== null && left === withoutHash(b);
}
