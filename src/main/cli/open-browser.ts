import { spawn } from 'node:child_process';

// Opening the sign-in page. No shell anywhere: the URL is one argv element handed straight
// to the platform's opener. On Windows `cmd /c start "" URL` would cut the URL at the first
// `&` (sign-in URLs have several: `?api_key=…&cb=…`) and run what follows as a command, so
// Windows uses `rundll32 url.dll,FileProtocolHandler URL`, which hands the URL to the
// default browser through the shell's URL handler without a command interpreter (Node
// quotes an argument only when it holds a space, tab or quote, which a URL never does).

export interface OpenerCommand {
  command: string;
  args: string[];
}

/** The opener for a platform, or null for anything but a plain http(s) URL. */
export function browserCommand(url: string, platform: NodeJS.Platform): OpenerCommand | null {
  if (!isPlainWebUrl(url)) return null;
  if (platform === 'darwin') return { command: 'open', args: [url] };
  if (platform === 'win32') {
    return { command: 'rundll32', args: ['url.dll,FileProtocolHandler', url] };
  }
  return { command: 'xdg-open', args: [url] };
}

/** Open a URL in the user's browser; resolves false when no opener could be started. */
export function openInBrowser(
  url: string,
  platform: NodeJS.Platform = process.platform,
): Promise<boolean> {
  const opener = browserCommand(url, platform);
  if (!opener) return Promise.resolve(false);
  return new Promise((resolve) => {
    const child = spawn(opener.command, opener.args, {
      stdio: 'ignore',
      detached: true,
      shell: false,
      windowsHide: true,
    });
    child.once('error', () => resolve(false));
    child.once('spawn', () => {
      child.unref();
      resolve(true);
    });
  });
}

/**
 * http(s), and the text is exactly what the URL parser would write back: no spaces, quotes
 * or control characters an opener could split on, and nothing like `-flag` an opener could
 * take for an option.
 */
function isPlainWebUrl(url: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  return (
    (parsed.protocol === 'https:' || parsed.protocol === 'http:') &&
    // eslint-disable-next-line no-control-regex
    !/[\s"'<>`\u0000-\u001f\u007f]/.test(url)
  );
}
