// Where the headless window keeps `serve`'s access token. The printed address carries it in
// the fragment (`/#token=…`), which browsers never send to a server. We move it into this
// tab's sessionStorage, which belongs to our exact origin (port included), and drop it from
// the address bar. Calls then send it as a header. It is deliberately not a cookie: cookies
// for 127.0.0.1 go to every local web server, whatever its port.

const STORAGE_KEY = 'scrobbletray.accessToken';
const FRAGMENT = /^#token=([\w-]+)$/;

/** The parts of `location`, `history` and `sessionStorage` used (plain types: unit-tested). */
export interface TokenPlace {
  location: { hash: string; pathname: string; search: string };
  history: { replaceState(data: unknown, unused: string, url: string): void };
  /** null when the browser refuses storage (the token then lasts until a reload). */
  storage: {
    getItem(key: string): string | null;
    setItem(key: string, value: string): void;
  } | null;
}

/** The token from the address (then stored and removed from it), else the stored one. */
export function takeAccessToken(place: TokenPlace): string | null {
  const token = FRAGMENT.exec(place.location.hash)?.[1];
  if (token) {
    try {
      place.storage?.setItem(STORAGE_KEY, token);
    } catch {
      // Storage full or refused: the token still works for this page.
    }
    // Out of the address bar, so it is not copied, bookmarked or shown on screen.
    place.history.replaceState(null, '', `${place.location.pathname}${place.location.search}`);
    return token;
  }
  try {
    return place.storage?.getItem(STORAGE_KEY) ?? null;
  } catch {
    return null;
  }
}
